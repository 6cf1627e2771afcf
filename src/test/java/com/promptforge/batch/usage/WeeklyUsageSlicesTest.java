package com.promptforge.batch.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The week's figures are stored a slice of orgs per statement (so that the database's memory stays bounded):
 * slicing changes nothing in what is stored, and no org is left out or done twice at a slice's edge.
 */
@PromptForgeDatabase
class WeeklyUsageSlicesTest {

    private static final String STORED = """
            select org_id || ' ' || total_runs || ' ' || completed_runs || ' ' || failed_runs || ' ' || scored_runs
                   || ' ' || coalesce(avg_overall_score::text, '-') || ' ' || export_ready_runs || ' ' || active_users
                   || ' ' || total_tokens || ' ' || coalesce(p95_duration_ms::text, '-') || ' ' || runs_per_day::text
              from usage.org_weeks where week_start = ? order by org_id""";

    @Test
    void slicesOfThreeOrgsStoreWhatOneStatementStores(TestDatabase db) {
        UsageData data = new UsageData(db.jdbc());
        // The week before the last completed one: the seeded demo run (created two hours before the migration)
        // falls in the last completed week when the tests start early on a Monday.
        IsoWeek week = IsoWeek.lastCompletedBefore(Instant.now().minus(Duration.ofDays(7)));
        OffsetDateTime monday = week.start();
        for (int i = 1; i <= 7; i++) {
            UUID org = data.org("slice-" + i, "Slice " + i);
            data.runs(org, 10 * i, monday.plusHours(i), 37 * i);
        }
        NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(db.jdbc());
        long orgs = db.jdbc().queryForObject("select count(*) from public.organizations", Long.class);

        int written = new WeeklyUsage(named, 3).store(week, null, null);
        List<String> bySlices = db.jdbc().queryForList(STORED, String.class, week.monday());
        db.jdbc().update("delete from usage.org_weeks");
        new WeeklyUsage(named, 1_000).store(week, null, null);
        List<String> inOne = db.jdbc().queryForList(STORED, String.class, week.monday());

        assertThat(written).isEqualTo(orgs).isEqualTo(8); // the seven and the seeded demo org
        assertThat(bySlices).hasSize(8).isEqualTo(inOne);
        assertThat(bySlices).filteredOn(row -> !row.contains(" 0 0 0 0 ")).hasSize(7);
    }
}

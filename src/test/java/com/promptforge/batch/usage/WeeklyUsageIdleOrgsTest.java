package com.promptforge.batch.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * An org with no run and no bundle in the week gets its row of zeros without a call of get_org_run_stats_between
 * (most orgs of a large customer base are idle in a given week), and that row is what the function would give.
 */
@PromptForgeDatabase
class WeeklyUsageIdleOrgsTest {

    private static final IsoWeek WEEK = IsoWeek.lastCompletedBefore(Instant.now());

    /** Orgs with a run or a bundle in the week: the calls the store may make. */
    private static final String ACTIVE_ORGS = """
            select count(*) from public.organizations o
             where exists (select 1 from public.runs r where r.org_id = o.id and r.created_at >= ? and r.created_at < ?)
                or exists (select 1 from public.bundles b where b.org_id = o.id and b.created_at >= ? and b.created_at < ?)""";

    @BeforeAll
    static void plant(TestDatabase db) {
        UsageData data = new UsageData(db.jdbc());
        data.runs(data.org("busy", "Busy"), 20, WEEK.start().plusHours(1), 30);
        data.runs(data.org("runs-before", "Runs the week before"), 5, WEEK.start().minusDays(3), 60);
        data.org("idle", "Idle");
        // a run of the week before, scored at the threshold, exported in the week: a bundle and no run in the week
        UUID bundleOnly = data.org("bundle-only", "Bundle only");
        UUID run = db.jdbc().queryForObject("""
                insert into public.runs (org_id, user_id, module_id, domain_code, parameters, status, created_at)
                values (?, '00000000-0000-4000-8000-00000000aa01', 'M02', 'RETAIL',
                        '{"scale": "team", "urgency": "low", "complexity": "simple", "resources": "minimal", "application": "strategy"}',
                        'completed', ?)
                returning id""", UUID.class, bundleOnly, WEEK.start().minusDays(1));
        db.jdbc().update("""
                insert into public.prompt_scores (run_id, clarity, execution, ambiguity, alignment, business_fit)
                values (?, 90, 90, 10, 90, 90)""", run);
        db.jdbc().update("""
                insert into public.bundles (run_id, org_id, formats, paths, checksum, license_notice, created_at)
                values (?, ?, '{pdf}', '{"pdf": "bundles/run.pdf"}', ?, 'Internal use.', ?)""",
                run, bundleOnly, "sha256:" + "ab".repeat(32), WEEK.start().plusHours(2));
    }

    @Test
    void onlyOrgsWithARunOrABundleInTheWeekCostACallOfTheStatsFunction(TestDatabase db) {
        long[] calls = db.rolledBack(connection -> {
            JdbcTemplate session = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
            session.execute("set local track_functions = 'pl'");
            new WeeklyUsage(new NamedParameterJdbcTemplate(session)).store(WEEK, null, null);
            return new long[] {
                    session.queryForObject("""
                            select coalesce(sum(calls), 0) from pg_catalog.pg_stat_xact_user_functions
                             where schemaname = 'public' and funcname = 'get_org_run_stats_between'""", Long.class),
                    session.queryForObject(ACTIVE_ORGS, Long.class, WEEK.start(), WEEK.end(), WEEK.start(), WEEK.end()),
                    session.queryForObject("select count(*) from usage.org_weeks", Long.class)};
        });

        assertThat(calls[0]).isEqualTo(calls[1]).isGreaterThanOrEqualTo(2);
        assertThat(calls[2]).isEqualTo(db.jdbc().queryForObject("select count(*) from public.organizations", Long.class))
                .isGreaterThan(calls[1]);
    }

    @Test
    void everyStoredRowHoldsTheFiguresOfTheStatsFunction(TestDatabase db) {
        List<Map<String, Object>> differing = db.rolledBack(connection -> {
            JdbcTemplate session = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
            new WeeklyUsage(new NamedParameterJdbcTemplate(session)).store(WEEK, null, null);
            return session.queryForList("""
                    select w.org_id from usage.org_weeks w
                     cross join lateral public.get_org_run_stats_between(w.org_id, ?, ?) s
                     where w.week_start = ?
                       and (w.total_runs, w.completed_runs, w.failed_runs, w.scored_runs, w.avg_overall_score,
                            w.export_ready_runs, w.bundles, w.active_users, w.total_tokens, w.avg_duration_ms,
                            w.p95_duration_ms)
                           is distinct from
                           (s.total_runs, s.completed_runs, s.failed_runs, s.scored_runs, s.avg_overall_score,
                            s.export_ready_runs, s.bundles, s.active_users, s.total_tokens, s.avg_duration_ms,
                            s.p95_duration_ms)""", WEEK.start(), WEEK.end(), WEEK.monday());
        });
        long idleRows = db.rolledBack(connection -> {
            JdbcTemplate session = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
            new WeeklyUsage(new NamedParameterJdbcTemplate(session)).store(WEEK, null, null);
            return session.queryForObject("""
                    select count(*) from usage.org_weeks w join public.organizations o on o.id = w.org_id
                     where o.slug in ('idle', 'runs-before') and w.total_runs = 0 and w.bundles = 0
                       and w.runs_per_day = '{0,0,0,0,0,0,0}'""", Long.class);
        });

        assertThat(differing).isEmpty();
        assertThat(idleRows).isEqualTo(2);
    }
}

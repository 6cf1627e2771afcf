package com.promptforge.batch.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Only the orgs whose week is not stored complete are sliced and stored: a week complete for every org (each of
 * the four weeks Needs attention compares with, after the first report) costs no store statement at all, and an
 * org added since is the only one stored. Counted with pg_stat_statements, slices of one org.
 */
@PromptForgeDatabase
class WeeklyUsageCompleteWeeksTest {

    @Test
    void aWeekStoredCompleteForEveryOrgIsNotStoredAgain(TestDatabase db) {
        IsoWeek week = pastWeekWithRuns(db, "again");
        WeeklyUsage weekly = new WeeklyUsage(new NamedParameterJdbcTemplate(db.jdbc()), 1);
        weekly.store(week, null, null);
        resetStatementStatistics(db);

        int written = weekly.store(week, null, null);

        assertThat(written).isZero();
        assertThat(storeStatements(db)).isZero();
    }

    @Test
    void anOrgWithoutACompleteWeekIsTheOnlyOneStored(TestDatabase db) {
        IsoWeek week = pastWeekWithRuns(db, "later");
        WeeklyUsage weekly = new WeeklyUsage(new NamedParameterJdbcTemplate(db.jdbc()), 1);
        weekly.store(week, null, null);
        UUID added = new UsageData(db.jdbc()).org("later-added", "Added later");
        resetStatementStatistics(db);

        int written = weekly.store(week, null, null);

        assertThat(written).isOne();
        assertThat(storeStatements(db)).isOne();
        assertThat(db.jdbc().queryForObject("select complete from usage.org_weeks where week_start = ? and org_id = ?",
                Boolean.class, week.monday(), added)).isTrue();
    }

    /** A week that ended at least a week ago, with runs of three new orgs (slugs starting with {@code prefix}). */
    private static IsoWeek pastWeekWithRuns(TestDatabase db, String prefix) {
        UsageData data = new UsageData(db.jdbc());
        IsoWeek week = IsoWeek.lastCompletedBefore(Instant.now().minus(Duration.ofDays(7)));
        for (int i = 1; i <= 3; i++) {
            data.runs(data.org(prefix + "-" + i, prefix + " " + i), 5 * i, week.start().plusHours(i), 11 * i);
        }
        return week;
    }

    private static void resetStatementStatistics(TestDatabase db) {
        db.jdbc().execute("create extension if not exists pg_stat_statements");
        db.jdbc().execute("select pg_stat_statements_reset(0, (select oid from pg_database "
                + "where datname = current_database()), 0)");
    }

    /** Calls of org_weeks_store.sql since the reset. */
    private static long storeStatements(TestDatabase db) {
        return db.jdbc().queryForObject("""
                select coalesce(sum(s.calls), 0) from pg_stat_statements s
                 where s.dbid = (select oid from pg_database where datname = current_database())
                   and s.query like '-- Computes and stores the figures of one ISO week%'""", Long.class);
    }
}

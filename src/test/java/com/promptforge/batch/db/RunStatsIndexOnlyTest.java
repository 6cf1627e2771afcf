package com.promptforge.batch.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.generator.DataGenerator;
import com.promptforge.batch.generator.GenerationSpec;
import com.promptforge.batch.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * 022_run_stats_index_only.sql: get_org_run_stats and get_org_run_stats_between give exactly the figures of 018's
 * definitions (kept in bench/sql/org_run_stats_018.sql, schema pf_bench) on the generator's data plus planted edge
 * cases, as service_role and as a member under RLS, while reading only indexes; prompt_scores.run_created_at
 * follows its run.
 */
class RunStatsIndexOnlyTest {

    private static final int[] DAYS = {1, 7, 30, 90, 400};

    /** An org the generator does not write: runs with no score at all, and scores outside their run's week. */
    private static final UUID PLANTED_ORG = UUID.fromString("00000000-0000-4000-8000-0000000a0022");
    private static final UUID PLANTED_USER = UUID.fromString("00000000-0000-4000-8000-0000000b0022");
    private static final String PARAMETERS = """
            {"scale": "team", "urgency": "low", "complexity": "simple", "resources": "minimal", "application": "strategy"}""";

    private static TestDatabase db;
    private static JdbcTemplate jdbc;
    /** Monday 00:00 UTC of the week before the current one: the planted runs' week. */
    private static Instant plantedWeek;

    @BeforeAll
    static void generateAndPlant() {
        db = TestDatabase.create("runstats");
        jdbc = db.jdbc();
        // 40 orgs, runs in the first 30 (10 orgs without runs), the last day's runs after now() (until tomorrow)
        new DataGenerator(db.dataSource()).generate(new GenerationSpec(40, 20_000, 23,
                LocalDate.now(ZoneOffset.UTC).plusDays(1), 3, 30), line -> { });
        plant();
        jdbc.execute(SqlResources.text("com/promptforge/batch/bench/sql/org_run_stats_018.sql"));
        jdbc.execute("vacuum analyze public.runs, public.prompt_scores, public.bundles");
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    /**
     * The planted org: a run created a minute before its week ends and scored the next week, one created the week
     * before and scored in the week, a failed run, a queued one without tokens or duration.
     */
    private static void plant() {
        plantedWeek = Instant.now().truncatedTo(ChronoUnit.DAYS).atZone(ZoneOffset.UTC)
                .with(java.time.DayOfWeek.MONDAY).minusWeeks(1).toInstant();
        Instant weekEnd = plantedWeek.plus(7, ChronoUnit.DAYS);
        jdbc.update("insert into public.organizations (id, name, slug) values (?, 'Planted edge cases', 'planted-022')",
                PLANTED_ORG);
        plantRun(1, weekEnd.minus(1, ChronoUnit.MINUTES), "completed", 400, 9000, weekEnd.plus(1, ChronoUnit.DAYS));
        plantRun(2, plantedWeek.minus(1, ChronoUnit.HOURS), "completed", 500, 3000, plantedWeek.plus(1, ChronoUnit.HOURS));
        plantRun(3, plantedWeek.plus(2, ChronoUnit.DAYS), "failed", 50, 100, null);
        plantRun(4, plantedWeek.plus(3, ChronoUnit.DAYS), "queued", null, null, null);
    }

    private static void plantRun(int n, Instant createdAt, String status, Integer tokens, Integer durationMs,
                                 Instant scoredAt) {
        UUID run = plantedRun(n);
        jdbc.update("""
                insert into public.runs (id, org_id, user_id, module_id, domain_code, parameters, status, tokens,
                                         duration_ms, created_at)
                values (?, ?, ?, 'M01', 'MANUFACTURING', ?::jsonb, ?, ?, ?, ?)""",
                run, PLANTED_ORG, PLANTED_USER, PARAMETERS, status, tokens, durationMs, Timestamp.from(createdAt));
        if (scoredAt != null) {
            jdbc.update("""
                    insert into public.prompt_scores (run_id, org_id, clarity, execution, ambiguity, alignment,
                                                      business_fit, created_at)
                    values (?, ?, 90, 85, 10, 88, 80, ?)""", run, PLANTED_ORG, Timestamp.from(scoredAt));
        }
    }

    private static UUID plantedRun(int n) {
        return UUID.fromString(String.format("00000000-0000-4000-8000-0000000c%04d", n));
    }

    // ----------------------------------------------------------------------------------------- same figures

    @Test
    void everyOrgGetsThe018FiguresForEveryNumberOfDaysAsServiceRole() {
        List<UUID> orgs = jdbc.queryForList("select id from public.organizations order by id", UUID.class);
        List<String> differing = db.as("service_role", null, connection -> {
            JdbcTemplate session = session(connection);
            List<String> found = new ArrayList<>();
            for (UUID org : orgs) {
                for (int days : DAYS) {
                    compare(session, found, "get_org_run_stats(?, ?)", org, days);
                }
            }
            return found;
        });

        assertThat(differing).isEmpty();
        assertThat(orgs).hasSizeGreaterThan(40);
        // the comparison saw busy orgs and empty ones
        assertThat(jdbc.queryForObject("select max(total_runs) from public.organizations o, "
                + "public.get_org_run_stats(o.id, 7)", Long.class)).isGreaterThan(50);
        assertThat(jdbc.queryForObject("select count(*) from public.organizations o, public.get_org_run_stats(o.id, 400) "
                + "where total_runs = 0", Long.class)).isGreaterThanOrEqualTo(10);
    }

    @Test
    void everyOrgGetsThe018FiguresForEveryWeekAndOddPeriodsAsServiceRole() {
        List<UUID> orgs = jdbc.queryForList("select id from public.organizations order by id", UUID.class);
        List<Instant[]> periods = periods();
        List<String> differing = db.as("service_role", null, connection -> {
            JdbcTemplate session = session(connection);
            List<String> found = new ArrayList<>();
            for (UUID org : orgs) {
                for (Instant[] period : periods) {
                    compare(session, found, "get_org_run_stats_between(?, ?, ?)", org,
                            Timestamp.from(period[0]), Timestamp.from(period[1]));
                }
            }
            return found;
        });

        assertThat(differing).isEmpty();
    }

    @Test
    void aMemberGetsThe018FiguresOfTheirOrgAndNoneOfAnother() {
        List<Map<String, Object>> members = jdbc.queryForList("""
                select distinct on (m.org_id) m.org_id, m.user_id
                  from public.org_members m
                 where m.org_id in (select r.org_id from public.runs r group by r.org_id order by count(*) desc limit 5)
                 order by m.org_id, m.user_id""");
        UUID outsidersOrg = jdbc.queryForObject(
                "select r.org_id from public.runs r group by r.org_id order by count(*) asc, r.org_id limit 1", UUID.class);
        List<Instant[]> periods = periods();
        List<String> differing = new ArrayList<>();
        for (Map<String, Object> member : members) {
            UUID org = (UUID) member.get("org_id");
            differing.addAll(db.as("authenticated", (UUID) member.get("user_id"), connection -> {
                JdbcTemplate session = session(connection);
                List<String> found = new ArrayList<>();
                for (UUID someOrg : List.of(org, outsidersOrg)) {
                    for (int days : DAYS) {
                        compare(session, found, "get_org_run_stats(?, ?)", someOrg, days);
                    }
                    for (Instant[] period : periods) {
                        compare(session, found, "get_org_run_stats_between(?, ?, ?)", someOrg,
                                Timestamp.from(period[0]), Timestamp.from(period[1]));
                    }
                }
                assertThat(session.queryForObject("select total_runs from public.get_org_run_stats(?, 90)", Long.class,
                        org)).isPositive();
                assertThat(session.queryForObject("select total_runs from public.get_org_run_stats(?, 400)",
                        Long.class, outsidersOrg)).isZero();
                return found;
            }));
        }

        assertThat(members).hasSize(5);
        assertThat(differing).isEmpty();
    }

    /** The 13 ISO weeks before the next one, a day cut at noon, an hour, and a period ending in the future. */
    private static List<Instant[]> periods() {
        List<Instant[]> periods = new ArrayList<>();
        for (int week = -12; week <= 1; week++) {
            Instant start = plantedWeek.plus(7L * week, ChronoUnit.DAYS);
            periods.add(new Instant[] {start, start.plus(7, ChronoUnit.DAYS)});
        }
        Instant noon = plantedWeek.plus(2, ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS);
        periods.add(new Instant[] {noon, noon.plus(1, ChronoUnit.DAYS)});
        periods.add(new Instant[] {noon, noon.plus(1, ChronoUnit.HOURS)});
        periods.add(new Instant[] {Instant.now().minus(2, ChronoUnit.DAYS), Instant.now().plus(2, ChronoUnit.DAYS)});
        return periods;
    }

    /** Adds a line to {@code differing} when public's and pf_bench's (018's) function disagree for the arguments. */
    private static void compare(JdbcTemplate session, List<String> differing, String call, Object... arguments) {
        Map<String, Object> now = session.queryForMap("select * from public." + call, arguments);
        Map<String, Object> before = session.queryForMap("select * from pf_bench." + call, arguments);
        if (!now.equals(before)) {
            differing.add(call + " " + java.util.Arrays.toString(arguments) + ": 022 " + now + ", 018 " + before);
        }
    }

    private static JdbcTemplate session(Connection connection) {
        return new JdbcTemplate(new SingleConnectionDataSource(connection, true));
    }

    // ----------------------------------------------------------------------------------------- the run's time

    @Test
    void aScoreCountsInItsRunsPeriodNotInThePeriodItWasScoredIn() {
        Map<String, Object> week = between(plantedWeek, plantedWeek.plus(7, ChronoUnit.DAYS));
        Map<String, Object> next = between(plantedWeek.plus(7, ChronoUnit.DAYS), plantedWeek.plus(14, ChronoUnit.DAYS));

        // run 1 (created in the week, scored the next) counts; run 2 (created before, scored in the week) does not
        assertThat(week.get("total_runs")).isEqualTo(3L);
        assertThat(week.get("scored_runs")).isEqualTo(1L);
        assertThat(week.get("export_ready_runs")).isEqualTo(1L);
        assertThat(next.get("scored_runs")).isEqualTo(0L);
    }

    @Test
    void aScoreFollowsItsRunWhenTheRunsCreationTimeChanges() {
        Instant weekBefore = plantedWeek.minus(7, ChronoUnit.DAYS);
        Map<String, Object> moved = db.rolledBack(connection -> {
            JdbcTemplate session = session(connection);
            session.update("update public.runs set created_at = ? where id = ?",
                    Timestamp.from(weekBefore.plus(3, ChronoUnit.DAYS)), plantedRun(1));
            assertThat(session.queryForObject("select run_created_at from public.prompt_scores where run_id = ?",
                    Timestamp.class, plantedRun(1)).toInstant()).isEqualTo(weekBefore.plus(3, ChronoUnit.DAYS));
            return session.queryForMap("select * from public.get_org_run_stats_between(?, ?, ?)", PLANTED_ORG,
                    Timestamp.from(weekBefore), Timestamp.from(plantedWeek));
        });

        assertThat(moved.get("total_runs")).isEqualTo(2L);
        assertThat(moved.get("scored_runs")).isEqualTo(2L);
    }

    @Test
    void aScoreTakesItsRunsCreationTimeWhateverItIsGiven() {
        Timestamp given = db.rolledBack(connection -> {
            JdbcTemplate session = session(connection);
            session.update("delete from public.prompt_scores where run_id = ?", plantedRun(1));
            session.update("""
                    insert into public.prompt_scores (run_id, clarity, execution, ambiguity, alignment, business_fit,
                                                      run_created_at)
                    values (?, 50, 50, 50, 50, 50, '2001-01-01')""", plantedRun(1));
            session.update("update public.prompt_scores set run_created_at = '2002-02-02' where run_id = ?",
                    plantedRun(1));
            return session.queryForObject("select run_created_at from public.prompt_scores where run_id = ?",
                    Timestamp.class, plantedRun(1));
        });

        assertThat(given.toInstant()).isEqualTo(plantedWeek.plus(7, ChronoUnit.DAYS).minus(1, ChronoUnit.MINUTES));
    }

    @Test
    void aMembersNewScoreGetsItsRunsCreationTime() {
        UUID member = jdbc.queryForObject("""
                select m.user_id from public.org_members m join public.runs r on r.org_id = m.org_id
                 where not exists (select 1 from public.prompt_scores s where s.run_id = r.id)
                 order by m.user_id limit 1""", UUID.class);
        Boolean same = db.as("authenticated", member, connection -> {
            JdbcTemplate session = session(connection);
            UUID run = session.queryForObject("""
                    select r.id from public.runs r
                     where not exists (select 1 from public.prompt_scores s where s.run_id = r.id)
                     order by r.id limit 1""", UUID.class);
            session.update("""
                    insert into public.prompt_scores (run_id, clarity, execution, ambiguity, alignment, business_fit)
                    values (?, 70, 70, 30, 70, 70)""", run);
            return session.queryForObject("""
                    select s.run_created_at = r.created_at from public.prompt_scores s join public.runs r on r.id = s.run_id
                     where s.run_id = ?""", Boolean.class, run);
        });

        assertThat(same).isTrue();
    }

    @Test
    void theQaSuiteFindsAScoreWhoseRunCreationTimeIsWrong() {
        Map<String, Object> qa = db.rolledBack(connection -> {
            JdbcTemplate session = session(connection);
            session.execute("set local session_replication_role = replica");
            session.update("update public.prompt_scores set run_created_at = run_created_at - interval '1 day' "
                    + "where run_id = ?", plantedRun(1));
            return session.queryForMap("select status, details from public.run_all_qa_tests() where test_name like "
                    + "'every score''s run_created_at%'");
        });

        assertThat(qa.get("status")).isEqualTo("FAIL");
        assertThat((String) qa.get("details")).contains(plantedRun(1).toString());
        assertThat(jdbc.queryForObject("select status from public.run_all_qa_tests() where test_name like "
                + "'every score''s run_created_at%'", String.class)).isEqualTo("PASS");
    }

    private static Map<String, Object> between(Instant from, Instant until) {
        return jdbc.queryForMap("select * from public.get_org_run_stats_between(?, ?, ?)", PLANTED_ORG,
                Timestamp.from(from), Timestamp.from(until));
    }

    // ----------------------------------------------------------------------------------------- indexes only

    @Test
    void theFiguresOfTheBusiestOrgAreReadFromIndexesAlone() {
        UUID busiest = jdbc.queryForObject(
                "select r.org_id from public.runs r group by r.org_id order by count(*) desc limit 1", UUID.class);
        // the other tests' rolled-back writes leave dead rows, which clear pages' all-visible bits
        jdbc.execute("vacuum public.runs, public.prompt_scores, public.bundles");
        String plans = db.rolledBack(connection -> nestedPlans(connection,
                "select * from public.get_org_run_stats('" + busiest + "', 90)"));

        // each scan, then its index condition, then its heap fetches (the bundles' count is 007's, not checked)
        assertThat(plans).containsPattern("Index Only Scan using runs_org_created_idx on runs .*\n.*\n\s*Heap Fetches: 0\n")
                .containsPattern("Index Only Scan using prompt_scores_org_run_created_idx on prompt_scores .*\n.*\n"
                        + "\s*Heap Fetches: 0\n")
                .doesNotContain("prompt_scores_pkey")
                .doesNotContain("Seq Scan");
    }

    /** The plans of the statements a call runs inside functions, as auto_explain reports them to the client. */
    private static String nestedPlans(Connection connection, String call) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("load 'auto_explain'");
            statement.execute("set local auto_explain.log_min_duration = 0");
            statement.execute("set local auto_explain.log_analyze = on");
            statement.execute("set local auto_explain.log_nested_statements = on");
            statement.execute("set local client_min_messages = log");
            statement.execute(call);
            StringBuilder plans = new StringBuilder();
            for (SQLWarning warning = statement.getWarnings(); warning != null; warning = warning.getNextWarning()) {
                plans.append(warning.getMessage()).append('\n');
            }
            return plans.toString();
        }
    }
}

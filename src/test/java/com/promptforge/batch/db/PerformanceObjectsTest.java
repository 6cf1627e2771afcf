package com.promptforge.batch.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Item 7 of the database issue (007_performance_indices.sql): the indices, get_org_run_stats,
 * qa_performance_check and analyze_query_performance.
 *
 * <p>The expected dashboard figures are computed here in Java from the planted runs, not by SQL of the
 * function's own shape. p95 is the linearly interpolated percentile (PostgreSQL's percentile_cont, Excel's
 * PERCENTILE.INC); durations are planted only on completed runs, so "average duration" means the same
 * whether it is read as over completed runs or over runs with a duration.
 */
@PromptForgeDatabase
class PerformanceObjectsTest {

    private static final UUID ORG = UUID.fromString("00000000-0000-4000-8000-000c00000001");
    private static final UUID OTHER_ORG = UUID.fromString("00000000-0000-4000-8000-000c00000002");
    private static final String PARAMETERS = """
            {"scale": "team", "urgency": "low", "complexity": "simple", "resources": "minimal", "application": "strategy"}""";

    /** A planted run; daysAgo counts back from plant time plus one hour; scores null = unscored. */
    record Planted(int n, UUID org, int user, String status, int daysAgo, Integer tokens, Integer durationMs,
                   int[] scores, boolean bundle) {

        UUID id() {
            return UUID.fromString(String.format("00000000-0000-4000-8000-000d%08d", n));
        }

        UUID userId() {
            return PerformanceObjectsTest.user(user);
        }

        BigDecimal overall() {
            return scores == null ? null : BigDecimal.valueOf(
                    scores[0] + scores[1] + (100 - scores[2]) + scores[3] + scores[4]).divide(BigDecimal.valueOf(5));
        }
    }

    private static final List<Planted> RUNS = List.of(
            new Planted(1, ORG, 1, "completed", 1, 1000, 1000, new int[] {85, 88, 15, 90, 82}, true),
            new Planted(2, ORG, 1, "completed", 2, 1200, 2000, new int[] {80, 80, 20, 80, 79}, false),
            new Planted(3, ORG, 2, "completed", 3, 800, 3000, new int[] {90, 90, 10, 90, 90}, true),
            new Planted(4, ORG, 2, "completed", 5, 500, 4000, null, false),
            new Planted(5, ORG, 3, "completed", 8, 2500, 5000, new int[] {60, 60, 40, 60, 60}, false),
            new Planted(6, ORG, 3, "completed", 10, 100, 6000, null, false),
            new Planted(7, ORG, 1, "completed", 12, 300, 7000, null, false),
            new Planted(8, ORG, 2, "completed", 15, 700, 8000, null, false),
            new Planted(9, ORG, 1, "completed", 20, 400, 9000, null, false),
            new Planted(10, ORG, 2, "completed", 25, 900, 10000, new int[] {100, 100, 0, 100, 100}, true),
            new Planted(11, ORG, 3, "completed", 28, 1500, 20000, null, false),
            new Planted(12, ORG, 1, "failed", 4, 50, null, null, false),
            new Planted(13, ORG, 2, "failed", 9, null, null, null, false),
            new Planted(14, ORG, 3, "queued", 0, null, null, null, false),
            new Planted(15, ORG, 1, "running", 6, 20, null, null, false),
            new Planted(16, ORG, 4, "completed", 41, 9999, 99999, new int[] {95, 95, 5, 95, 95}, true),
            new Planted(17, OTHER_ORG, 5, "completed", 1, 7777, 77777, new int[] {95, 95, 5, 95, 95}, true));

    private final JdbcTemplate jdbc;

    PerformanceObjectsTest(TestDatabase db) {
        this.jdbc = db.jdbc();
    }

    @BeforeAll
    static void plantRuns(TestDatabase db) {
        JdbcTemplate jdbc = db.jdbc();
        jdbc.update("""
                insert into public.organizations (id, name, slug, created_by)
                values (?, 'Stats', 'stats', ?), (?, 'Other stats', 'other-stats', ?)""", ORG, user(1), OTHER_ORG, user(5));
        for (Planted run : RUNS) {
            boolean finished = run.status().equals("completed") || run.status().equals("failed");
            jdbc.update("""
                    insert into public.runs (id, org_id, user_id, module_id, domain_code, parameters, status, tokens,
                                             duration_ms, created_at, started_at, completed_at)
                    values (?, ?, ?, 'M02', 'RETAIL', ?::jsonb, ?, ?, ?,
                            now() - make_interval(days => ?, hours => 1),
                            case when ? <> 'queued' then now() - make_interval(days => ?, hours => 1) + interval '1 second' end,
                            case when ? then now() - make_interval(days => ?, hours => 1) + interval '1 second'
                                 + make_interval(secs => coalesce(?::integer, 0) / 1000.0) end)""",
                    run.id(), run.org(), run.userId(), PARAMETERS, run.status(), run.tokens(), run.durationMs(),
                    run.daysAgo(), run.status(), run.daysAgo(), finished, run.daysAgo(), run.durationMs());
            if (run.scores() != null) {
                int[] s = run.scores();
                jdbc.update("""
                        insert into public.prompt_scores (run_id, org_id, clarity, execution, ambiguity, alignment, business_fit)
                        values (?, ?, ?, ?, ?, ?, ?)""", run.id(), run.org(), s[0], s[1], s[2], s[3], s[4]);
            }
            if (run.bundle()) {
                jdbc.update("""
                        insert into public.bundles (run_id, org_id, formats, paths, checksum, license_notice, created_at)
                        values (?, ?, '{pdf}', '{"pdf": "bundles/stats.pdf"}', ?, 'Internal use.',
                                now() - make_interval(days => ?, hours => 1) + interval '10 minutes')""",
                        run.id(), run.org(), "sha256:" + "ab".repeat(32), run.daysAgo());
            }
        }
    }

    // ----------------------------------------------------------------------------------------- get_org_run_stats

    @Test
    void statsCountTheOrganizationsRunsAndTheirOutcomesInTheWindow() {
        List<Planted> window = window(30);
        Map<String, Object> stats = stats(30);

        assertThat(stats.get("total_runs")).isEqualTo((long) window.size());
        assertThat(stats.get("completed_runs"))
                .isEqualTo(window.stream().filter(r -> r.status().equals("completed")).count());
        assertThat(stats.get("failed_runs")).isEqualTo(window.stream().filter(r -> r.status().equals("failed")).count());
    }

    @Test
    void statsCountScoredAndExportReadyRunsAndAverageTheOverallScore() {
        List<BigDecimal> overalls = window(30).stream().map(Planted::overall).filter(Objects::nonNull).toList();
        double average = overalls.stream().mapToDouble(BigDecimal::doubleValue).average().orElseThrow();
        Map<String, Object> stats = stats(30);

        assertThat(stats.get("scored_runs")).isEqualTo((long) overalls.size());
        assertThat(((BigDecimal) stats.get("avg_overall_score")).doubleValue()).isCloseTo(average, within(0.01));
        assertThat(stats.get("export_ready_runs"))
                .isEqualTo(overalls.stream().filter(o -> o.compareTo(BigDecimal.valueOf(80)) >= 0).count());
    }

    @Test
    void statsCountBundlesActiveUsersAndTokens() {
        List<Planted> window = window(30);
        Map<String, Object> stats = stats(30);

        assertThat(stats.get("bundles")).isEqualTo(window.stream().filter(Planted::bundle).count());
        assertThat(stats.get("active_users")).isEqualTo(window.stream().map(Planted::user).distinct().count());
        assertThat(((Number) stats.get("total_tokens")).longValue())
                .isEqualTo(window.stream().map(Planted::tokens).filter(Objects::nonNull).mapToLong(t -> t).sum());
    }

    @Test
    void statsGiveTheAverageAndP95DurationOfTheRuns() {
        double[] durations = window(30).stream().map(Planted::durationMs).filter(Objects::nonNull)
                .mapToDouble(d -> d).sorted().toArray();
        Map<String, Object> stats = stats(30);

        assertThat(((Number) stats.get("avg_duration_ms")).doubleValue())
                .isCloseTo(java.util.Arrays.stream(durations).average().orElseThrow(), within(0.01));
        assertThat(((Number) stats.get("p95_duration_ms")).doubleValue())
                .isCloseTo(interpolatedPercentile(durations, 0.95), within(0.01));
    }

    @Test
    void aShorterWindowLeavesOutOlderRuns() {
        List<Planted> week = window(7);
        Map<String, Object> stats = stats(7);

        assertThat(stats.get("total_runs")).isEqualTo((long) week.size());
        assertThat(stats.get("scored_runs")).isEqualTo(week.stream().filter(r -> r.scores() != null).count());
        assertThat(((Number) stats.get("total_tokens")).longValue())
                .isEqualTo(week.stream().map(Planted::tokens).filter(Objects::nonNull).mapToLong(t -> t).sum());
        assertThat(stats.get("total_runs")).isNotEqualTo(stats(30).get("total_runs"));
    }

    @Test
    void theWindowDefaultsToThirtyDays() {
        Map<String, Object> byDefault = jdbc.queryForMap("select * from public.get_org_run_stats(?)", ORG);

        assertThat(byDefault.get("total_runs")).isEqualTo((long) window(30).size());
        assertThat(byDefault).isEqualTo(stats(30));
    }

    // ----------------------------------------------------------------------------------------- indices

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "runs        | %USING btree (org_id, created_at DESC) INCLUDE (status, user_id, tokens, duration_ms)",
            "org_members | %USING btree (user_id, org_id) INCLUDE (role)",
            "runs        | %USING btree (org_id, completed_at) WHERE (status = 'completed'::text)",
            "entitlements| %USING btree (org_id, flag) INCLUDE (value, user_id, valid_from, valid_until)"})
    void theDocumentedIndexExists(String table, String definitionPattern) {
        assertThat(jdbc.queryForList("""
                select indexname from pg_catalog.pg_indexes
                where schemaname = 'public' and tablename = ? and indexdef like ?""", String.class, table,
                definitionPattern)).isNotEmpty();
    }

    @Test
    void everyForeignKeyIsLedByAnIndex() {
        List<String> uncovered = jdbc.queryForList("""
                select c.conrelid::regclass::text || ' ' || c.conname
                from pg_catalog.pg_constraint c
                where c.contype = 'f' and c.connamespace = 'public'::regnamespace
                  and not exists (
                    select 1 from pg_catalog.pg_index i
                    where i.indrelid = c.conrelid and i.indpred is null
                      and (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)] @> c.conkey
                      and (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)] <@ c.conkey)
                order by 1""", String.class);

        assertThat(uncovered).isEmpty();
    }

    // ----------------------------------------------------------------------------------------- qa_performance_check

    @Test
    void qaPerformanceCheckHasOneRowPerIndexOfOurTables() {
        List<String> indexes = jdbc.queryForList("""
                select t.relname || '.' || x.relname
                from pg_catalog.pg_index i
                join pg_catalog.pg_class x on x.oid = i.indexrelid
                join pg_catalog.pg_class t on t.oid = i.indrelid
                where t.relnamespace = 'public'::regnamespace and t.relname <> 'flyway_schema_history'""", String.class);

        List<String> rows = jdbc.queryForList("""
                select table_name || '.' || index_name from public.qa_performance_check
                where table_name <> 'flyway_schema_history'""", String.class);

        assertThat(indexes).hasSizeGreaterThan(20);
        assertThat(rows).containsExactlyInAnyOrderElementsOf(indexes);
    }

    @Test
    void qaPerformanceCheckRatesEachIndexUsedUnusedOrLowByItsScans() {
        // make sure some index has been scanned
        jdbc.queryForList("select role from public.org_members where org_id = ? and user_id = ?", String.class, ORG, user(1));

        List<Map<String, Object>> rows = jdbc.queryForList(
                "select index_name, index_size, index_scans, usage_status from public.qa_performance_check");

        assertThat(rows).isNotEmpty().allSatisfy(row -> {
            assertThat(row.get("index_size")).as("size of %s", row.get("index_name")).isNotNull();
            long scans = ((Number) row.get("index_scans")).longValue();
            if (scans == 0) {
                assertThat(row.get("usage_status")).as("status of %s", row.get("index_name")).isEqualTo("UNUSED");
            } else {
                assertThat(row.get("usage_status")).as("status of %s", row.get("index_name")).isIn("USED", "LOW");
            }
        });
    }

    // ----------------------------------------------------------------------------------------- analyze_query_performance

    @Test
    void analyzeQueryPerformanceListsStatementsWhenPgStatStatementsIsLoadedAndSaysSoWhenItIsNot() {
        // Both branches are real: the embedded server and CI's PostgreSQL 15 preload the library (as
        // Supabase does); a server given by PF_TEST_DB_URL may not, and then one explanatory row is the answer.
        String preload = jdbc.queryForObject("select current_setting('shared_preload_libraries')", String.class);
        jdbc.execute("create extension if not exists pg_stat_statements");
        jdbc.queryForList("select count(*) from public.runs where org_id = ?", ORG);
        jdbc.queryForList("select count(*) from public.bundles where org_id = ?", ORG);

        List<String> rows = jdbc.queryForList("select row_to_json(a)::text from public.analyze_query_performance() a",
                String.class);

        if (preload.contains("pg_stat_statements")) {
            assertThat(rows).hasSizeGreaterThan(1).noneMatch(row -> row.contains("not installed"));
        } else {
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0)).contains("pg_stat_statements");
        }
    }

    @Test
    void analyzeQueryPerformanceSaysSoInOneRowWhenPgStatStatementsIsAbsent() {
        jdbc.execute("drop extension if exists pg_stat_statements");

        List<String> rows = jdbc.queryForList("select row_to_json(a)::text from public.analyze_query_performance() a",
                String.class);

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).contains("pg_stat_statements");
    }

    // ----------------------------------------------------------------------------------------- helpers

    private Map<String, Object> stats(int days) {
        return jdbc.queryForMap("select * from public.get_org_run_stats(?, ?)", ORG, days);
    }

    private static List<Planted> window(int days) {
        List<Planted> inWindow = new ArrayList<>();
        for (Planted run : RUNS) {
            if (run.org().equals(ORG) && run.daysAgo() < days) {
                inWindow.add(run);
            }
        }
        return inWindow;
    }

    /** Linear interpolation between closest ranks (percentile_cont, PERCENTILE.INC). */
    private static double interpolatedPercentile(double[] sorted, double fraction) {
        double position = fraction * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }

    static UUID user(int n) {
        return UUID.fromString(String.format("00000000-0000-4000-8000-000e%08d", n));
    }
}

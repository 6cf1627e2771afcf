package com.promptforge.batch.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.db.SqlResources;
import com.promptforge.batch.report.LocalReportStore;
import com.promptforge.batch.report.ReportLifecycle;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each problem of issue 24 planted on a real PostgreSQL, then one usage report: each is a finding of its check
 * with the statement that fixes it, the Summary's Health block says so, and the week's estimates are stored.
 */
@PromptForgeDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseChecksTest {

    private final String slot = "pf_probe_slot_" + Long.toString(ProcessHandle.current().pid(), 36);
    private TestDatabase db;
    private IsoWeek week;
    private UsageReport.Outcome outcome;
    private Path reports;

    @BeforeAll
    void plantTheProblemsAndRunTheReport(TestDatabase db) throws IOException {
        this.db = db;
        JdbcTemplate jdbc = db.jdbc();
        week = IsoWeek.lastCompletedBefore(Instant.now());
        jdbc.execute("""
                -- bloated: 90% of every page deleted and vacuumed (the pages stay), in the table and its index
                create table public.health_bloated (id integer primary key, label text);
                insert into public.health_bloated
                  select g, md5(g::text) || repeat('x', 200) from generate_series(1, 50000) as g;
                create index health_bloated_label_idx on public.health_bloated (label);
                delete from public.health_bloated where id % 10 <> 0;
                -- autovacuum off, with dead rows; and a constraint added NOT VALID
                create table public.health_no_autovacuum (id integer primary key, v integer)
                  with (autovacuum_enabled = false);
                insert into public.health_no_autovacuum select g, g from generate_series(1, 5000) as g;
                delete from public.health_no_autovacuum where id <= 3000;
                alter table public.health_no_autovacuum add constraint health_no_autovacuum_v_chk check (v > 0)
                  not valid;
                -- no primary key, no RLS, and readable by anon
                create table public.health_no_pk (v integer);
                grant select on public.health_no_pk to anon;
                -- a policy calling auth.uid() per row, and a second permissive policy for the same role and action
                create table public.health_notes (id integer primary key, owner uuid);
                alter table public.health_notes enable row level security;
                create policy health_notes_owner on public.health_notes for select to authenticated
                  using (owner = auth.uid());
                create policy health_notes_low_ids on public.health_notes for select to authenticated
                  using (id < 10);
                -- a function without search_path, and a SECURITY DEFINER function anon may execute
                create function public.health_mutable() returns integer language sql as 'select 1';
                create function public.health_definer() returns integer language sql security definer
                  set search_path = '' as 'select 1';
                grant execute on function public.health_definer() to anon;
                -- a policy on a table whose RLS is off, RLS without a policy, a writing policy that is always true,
                -- and a view anon reads with its owner's rights
                create table public.health_policy_only (id integer primary key);
                create policy health_policy_only_read on public.health_policy_only for select to authenticated
                  using (true);
                create table public.health_rls_only (id integer primary key);
                alter table public.health_rls_only enable row level security;
                create policy health_notes_anyone_inserts on public.health_notes for insert to authenticated
                  with check (true);
                create view public.health_owner_view as select v from public.health_no_pk;
                grant select on public.health_owner_view to anon;
                """);
        jdbc.execute("vacuum analyze public.health_bloated");
        jdbc.queryForObject("select pg_create_physical_replication_slot(?, true)::text", String.class, slot);
        // last week's estimate of the bloated table, a third of its size now: grown past 40%
        jdbc.update("""
                insert into usage.relation_weeks (week_start, schema_name, relation_name, kind, table_name, total_bytes)
                values (?, 'public', 'health_bloated', 'table', 'health_bloated', 10 * 1024 * 1024)""",
                week.previous().monday());
        awaitStatistics(jdbc);
        reports = Files.createTempDirectory("pf-health-checks");
        outcome = run(null);
    }

    @AfterAll
    void dropTheSlot() {
        db.jdbc().queryForList("select pg_drop_replication_slot(slot_name) from pg_replication_slots "
                + "where slot_name = ?", slot);
    }

    private UsageReport.Outcome run(String exclusions) {
        Map<String, Object> values = exclusions == null ? Map.of(UsageReportParameters.WEEK, week.label())
                : Map.of(UsageReportParameters.WEEK, week.label(), UsageReportParameters.HEALTH_EXCLUSIONS, exclusions);
        UsageReportParameters parameters = UsageReportJobConfiguration.PARAMETERS.bind(values);
        return new UsageReport(db.dataSource(), "test server", db.name())
                .run("usage-report", parameters, values, null,
                        new ReportLifecycle(new LocalReportStore(reports)), Instant.now());
    }

    /** The dead rows reach pg_stat_all_tables when the backend flushes its statistics (within a second or so). */
    private static void awaitStatistics(JdbcTemplate jdbc) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!Boolean.TRUE.equals(jdbc.queryForObject("""
                select coalesce((select n_dead_tup >= 3000 from pg_stat_all_tables
                                  where relid = 'public.health_no_autovacuum'::regclass), false)""", Boolean.class))) {
            assertThat(Instant.now()).as("dead rows counted within 20 s").isBefore(deadline);
            jdbc.execute("select pg_stat_clear_snapshot()");
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private Finding finding(String check, String object) {
        List<Finding> found = outcome.content().findings().stream()
                .filter(f -> f.check().equals(check) && f.object().equals(object)).toList();
        assertThat(found).as("%s of %s among %s", check, object, outcome.content().findings()).hasSize(1);
        return found.get(0);
    }

    @Test
    void aBloatedTableIsAFindingWithItsVacuum() {
        Finding bloat = finding("table_bloat", "public.health_bloated");

        assertThat(bloat.severity()).isEqualTo("warning");
        assertThat(bloat.evidence()).startsWith("estimated bloat ").contains("5000 live rows");
        assertThat(bloat.recommendation()).startsWith("VACUUM (ANALYZE) public.health_bloated;");
    }

    @Test
    void aBloatedIndexIsAFindingWithItsReindex() {
        assertThat(finding("index_bloat", "public.health_bloated_label_idx").recommendation())
                .isEqualTo("REINDEX INDEX CONCURRENTLY public.health_bloated_label_idx;");
    }

    @Test
    void aTableWithoutBloatIsNotAFinding() {
        // health_bloated's primary key is 1 MB: below the threshold however empty
        assertThat(outcome.content().findings()).noneMatch(f -> f.check().endsWith("_bloat")
                && !f.object().startsWith("public.health_bloated"));
    }

    @Test
    void aTableWithAutovacuumOffIsAFindingWithItsDeadRows() {
        Finding off = finding("autovacuum_disabled", "public.health_no_autovacuum");

        assertThat(off.evidence()).contains("autovacuum_enabled = false").contains("3000 dead rows");
        assertThat(off.recommendation()).startsWith("ALTER TABLE public.health_no_autovacuum RESET (autovacuum_enabled);");
        assertThat(finding("dead_rows", "public.health_no_autovacuum").recommendation())
                .isEqualTo("VACUUM (ANALYZE, VERBOSE) public.health_no_autovacuum;");
    }

    @Test
    void anInactiveReplicationSlotIsAFindingWithItsDrop() {
        Finding inactive = finding("replication_slots", "replication slot " + slot);

        assertThat(inactive.evidence()).startsWith("physical slot, not in use, retains ");
        assertThat(inactive.recommendation()).startsWith("SELECT pg_drop_replication_slot('" + slot + "');");
    }

    @Test
    void aNotValidConstraintIsAFindingWithItsValidation() {
        assertThat(finding("not_valid_constraints", "public.health_no_autovacuum_v_chk").recommendation())
                .startsWith("ALTER TABLE public.health_no_autovacuum VALIDATE CONSTRAINT health_no_autovacuum_v_chk;");
    }

    @Test
    void aTableWithoutPrimaryKeyIsAFinding() {
        assertThat(finding("tables_without_primary_key", "public.health_no_pk").recommendation())
                .startsWith("ALTER TABLE public.health_no_pk ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;");
    }

    @Test
    void aTableInPublicWithoutRlsReadableByAnonIsCritical() {
        Finding open = finding("rls_disabled_in_exposed_schema", "public.health_no_pk");

        assertThat(open.severity()).isEqualTo("critical");
        assertThat(open.evidence()).contains("anon hold privileges on it");
        assertThat(open.recommendation()).startsWith("ALTER TABLE public.health_no_pk ENABLE ROW LEVEL SECURITY;");
    }

    @Test
    void aPolicyCallingAuthUidPerRowIsAFindingWithThePolicyRewritten() {
        assertThat(finding("policy_auth_per_row", "public.health_notes.health_notes_owner").recommendation())
                .isEqualTo("ALTER POLICY health_notes_owner ON public.health_notes USING ((owner = (select auth.uid())));");
    }

    @Test
    void theRewrittenPolicyIsNoLongerAFinding() {
        String fix = finding("policy_auth_per_row", "public.health_notes.health_notes_owner").recommendation();
        db.rolledBack(connection -> {
            connection.createStatement().execute(fix);
            try (var rows = connection.createStatement().executeQuery(
                    SqlResources.statement(DatabaseHealth.class, "policy_auth_per_row.sql").replace("(:schemas)", "('public')"))) {
                assertThat(rows.next()).as("a finding after the fix").isFalse();
            }
            return null;
        });
    }

    @Test
    void twoPermissivePoliciesForOneRoleAndActionAreAFinding() {
        Finding twice = finding("multiple_permissive_policies", "public.health_notes");

        assertThat(twice.evidence()).startsWith("2 permissive policies for role authenticated and SELECT")
                .contains("health_notes_low_ids, health_notes_owner");
    }

    @Test
    void aFunctionWithAMutableSearchPathIsAFindingWithItsSetting() {
        assertThat(finding("function_search_path_mutable", "public.health_mutable()").recommendation())
                .startsWith("ALTER FUNCTION public.health_mutable() SET search_path = '';");
    }

    @Test
    void aDefinerFunctionExecutableByAnonIsCritical() {
        Finding definer = finding("definer_functions_executable_by_anon", "public.health_definer()");

        assertThat(definer.severity()).isEqualTo("critical");
        assertThat(definer.recommendation()).startsWith("REVOKE EXECUTE ON FUNCTION public.health_definer() FROM PUBLIC, anon;");
    }

    @Test
    void aTableGrowingFortyPercentAWeekIsAFinding() {
        assertThat(finding("table_growth", "public.health_bloated").evidence()).contains("10 MB the week of "
                + week.previous().monday());
    }

    @Test
    void theWeeksEstimatesAreStoredBesideTheUsageFigures() {
        Map<String, Object> row = db.jdbc().queryForMap("""
                select total_bytes, bloat_bytes, live_rows from usage.relation_weeks
                 where week_start = ? and schema_name = 'public' and relation_name = 'health_bloated' and kind = 'table'""",
                week.monday());

        assertThat((Long) row.get("total_bytes")).isGreaterThan(20L * 1024 * 1024);
        assertThat((Long) row.get("bloat_bytes")).isGreaterThan(8L * 1024 * 1024);
        assertThat((Long) row.get("live_rows")).isEqualTo(5000);
    }

    @Test
    void theSummaryShowsTheHealthOfEachArea() throws IOException {
        try (XSSFWorkbook workbook = UsageWorkbook.open(Path.of(outcome.report().location()))) {
            var summary = UsageWorkbook.summary(workbook);
            assertThat(UsageWorkbook.text(summary.get("Health: Security"))).startsWith("fail: ");
            assertThat(UsageWorkbook.text(summary.get("Health: Tables and vacuum"))).startsWith("warn: ");
            assertThat(summary).containsKeys("Health: Indexes", "Health: Sessions and locks", "Health: Capacity",
                    "Health: Queries and cache");
        }
    }

    @Test
    void anExcludedFindingIsLeftOutAndCounted() {
        UsageReport.Outcome silenced = run("tables_without_primary_key:public.health_no_pk, "
                + "function_search_path_mutable:*");

        assertThat(silenced.content().findings()).noneMatch(f -> f.check().equals("tables_without_primary_key")
                && f.object().equals("public.health_no_pk"));
        assertThat(silenced.content().findings()).noneMatch(f -> f.check().equals("function_search_path_mutable"));
        assertThat(silenced.content().health().silenced()).isGreaterThanOrEqualTo(2);
        assertThat(silenced.content().findings()).anyMatch(f -> f.check().equals("rls_disabled_in_exposed_schema")
                && f.object().equals("public.health_no_pk"));
    }

    @Test
    void aPolicyOnATableWithoutRlsIsCritical() {
        Finding ignored = finding("policies_without_rls", "public.health_policy_only");

        assertThat(ignored.severity()).isEqualTo("critical");
        assertThat(ignored.recommendation()).isEqualTo("ALTER TABLE public.health_policy_only ENABLE ROW LEVEL SECURITY;");
    }

    @Test
    void rlsWithoutAPolicyIsInfo() {
        assertThat(finding("rls_enabled_without_policy", "public.health_rls_only").severity()).isEqualTo("info");
    }

    @Test
    void aWritingPolicyThatIsAlwaysTrueIsAFinding() {
        assertThat(finding("policy_always_true", "public.health_notes.health_notes_anyone_inserts").evidence())
                .contains("(INSERT, roles authenticated) is always true: WITH CHECK true");
        assertThat(outcome.content().findings()).noneMatch(f -> f.check().equals("policy_always_true")
                && f.object().equals("public.health_policy_only.health_policy_only_read"));
    }

    @Test
    void aViewAnonReadsWithItsOwnersRightsIsCritical() {
        Finding view = finding("security_definer_views", "public.health_owner_view");

        assertThat(view.severity()).isEqualTo("critical");
        assertThat(view.recommendation()).isEqualTo("ALTER VIEW public.health_owner_view SET (security_invoker = true);");
    }

    @Test
    void aTableChangedSinceItsLastAnalyzeHasStaleStatistics() {
        assertThat(finding("stale_statistics", "public.health_no_autovacuum").recommendation())
                .isEqualTo("ANALYZE public.health_no_autovacuum;");
    }

    @Test
    void connectionsAreCountedByRoleAndState() {
        // at a threshold of 0 the check always reports, showing what it counts
        String evidence = new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(db.dataSource())
                .queryForObject(SqlResources.statement(DatabaseHealth.class, "connections.sql"), Map.of("connectionsWarningShare", 0,
                        "connectionsCriticalShare", 2), (row, n) -> row.getString("evidence"));
        String role = db.jdbc().queryForObject("select current_user", String.class);

        assertThat(evidence).matches("\\d+ of \\d+ usable connections in use \\(\\d+%\\); by role and state: .*")
                .contains(role + " active ");
    }

    @Test
    void everyCheckRan() {
        assertThat(outcome.content().findings()).noneMatch(f -> f.object().startsWith("check "));
    }
}

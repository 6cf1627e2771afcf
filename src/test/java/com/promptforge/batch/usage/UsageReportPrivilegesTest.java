package com.promptforge.batch.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import com.promptforge.batch.report.LocalReportStore;
import com.promptforge.batch.report.ReportLifecycle;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The report as a role that is not a superuser: pg_monitor for the statistics, service_role's privileges and
 * BYPASSRLS to read every organization's runs (what Supabase's postgres role has), on a database without
 * pg_stat_statements (the extension is not created here).
 */
@PromptForgeDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsageReportPrivilegesTest {

    private final String role = "pf_usage_monitor_" + Long.toString(ProcessHandle.current().pid(), 36);
    private TestDatabase db;
    private UsageReport report;
    private Path reports;
    private IsoWeek week;

    @BeforeAll
    void createTheMonitorRole(TestDatabase db) throws IOException {
        this.db = db;
        db.jdbc().execute("drop extension if exists pg_stat_statements");
        db.jdbc().execute("""
                create role %1$s login password 'monitor' nosuperuser bypassrls;
                grant pg_monitor, service_role to %1$s;
                """.formatted(role));
        HealthProblems.plant(db.jdbc());
        new UsageData(db.jdbc()).org("monitored", "Monitored Co");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.jdbcUrl(), role, "monitor");
        report = new UsageReport(dataSource, "test server", db.name(), 26);
        reports = Files.createTempDirectory("pf-usage-privileges");
        week = IsoWeek.lastCompletedBefore(Instant.now());
    }

    @AfterAll
    void dropTheMonitorRole() {
        db.jdbc().execute("drop owned by " + role + "; drop role " + role);
    }

    private UsageReport.Outcome run() {
        UsageReportParameters parameters = UsageReportJobConfiguration.PARAMETERS.bind(
                Map.of(UsageReportParameters.WEEK, week.label()));
        return report.run("usage-report", parameters, java.util.Map.of("week", week.label()), null,
                new ReportLifecycle(new LocalReportStore(reports)), Instant.now());
    }

    @Test
    void theReportRunsCompletelyAsANonSuperuserWithPgMonitor() throws IOException {
        assertThat(db.jdbc().queryForObject("select rolsuper from pg_roles where rolname = ?", Boolean.class, role))
                .isFalse();

        UsageReport.Outcome outcome = run();

        assertThat(outcome.content().health().headline().superuser()).isFalse();
        assertThat(outcome.content().findings()).noneMatch(f -> f.object().startsWith("check "));
        assertThat(outcome.content().findings()).anyMatch(f -> f.check().equals("foreign_keys_without_index")
                && f.object().equals("public.usage_probe_child_parent_id_fkey"));
        try (XSSFWorkbook workbook = UsageWorkbook.open(Path.of(outcome.report().location()))) {
            assertThat(UsageWorkbook.text(UsageWorkbook.summary(workbook).get("Checks ran as")))
                    .isEqualTo(role + ", member of pg_monitor");
            assertThat(UsageWorkbook.rows(workbook.getSheet("Orgs"))).hasSize(
                    db.jdbc().queryForObject("select count(*) from public.organizations", Integer.class));
        }
    }

    @Test
    void withoutPgStatStatementsTheReportSaysHowToEnableItAndTheRestIsProduced() throws IOException {
        UsageReport.Outcome outcome = run();

        try (XSSFWorkbook workbook = UsageWorkbook.open(Path.of(outcome.report().location()))) {
            List<Map<String, Cell>> statements = UsageWorkbook.rows(workbook.getSheet("Query performance"));
            assertThat(statements).hasSize(1);
            assertThat(UsageWorkbook.text(statements.get(0).get("Query")))
                    .startsWith("pg_stat_statements is not installed in this database")
                    .contains("CREATE EXTENSION pg_stat_statements");
            assertThat(UsageWorkbook.rows(workbook.getSheet("Findings"))).anySatisfy(row -> {
                assertThat(UsageWorkbook.text(row.get("Check"))).isEqualTo("pg_stat_statements");
                assertThat(UsageWorkbook.text(row.get("Recommended statement")))
                        .isEqualTo("CREATE EXTENSION IF NOT EXISTS pg_stat_statements;");
            });
            assertThat(UsageWorkbook.rows(workbook.getSheet("Orgs"))).isNotEmpty();
            assertThat(UsageWorkbook.rows(workbook.getSheet("Index usage"))).isNotEmpty();
        }
    }

    @Test
    void aCheckThatIsNotPermittedIsReportedAndTheOthersRun() {
        // pg_stat_activity is readable through PUBLIC; taken away in this database only, for this test
        db.jdbc().execute("revoke select on pg_catalog.pg_stat_activity from public");
        UsageReport.Outcome outcome;
        try {
            outcome = run();
        } finally {
            db.jdbc().execute("grant select on pg_catalog.pg_stat_activity to public");
        }

        assertThat(outcome.content().findings()).anySatisfy(finding -> {
            assertThat(finding.check()).isEqualTo("long_running_sessions");
            assertThat(finding.evidence()).startsWith("not permitted for this role: ");
            assertThat(finding.recommendation()).isEqualTo("GRANT pg_monitor TO " + role + ";  -- as an administrator");
        });
        // an unused index, not judged yet on fresh statistics: in the line that groups those
        assertThat(outcome.content().findings()).anyMatch(f -> f.check().equals("unused_indexes")
                && (f.object().equals("public.usage_probe_child_label_idx")
                || f.evidence().contains("public.usage_probe_child_label_idx")));
        assertThat(Path.of(outcome.report().location())).exists();
    }
}

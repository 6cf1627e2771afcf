package com.promptforge.batch.entitlements;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.cli.PromptForgeCli;
import com.promptforge.batch.report.Sha256Sidecar;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import com.promptforge.batch.spreadsheet.PrintableWorkbookAssertions;
import com.promptforge.batch.spreadsheet.SummarySheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/** The workbook and the printed summary of a run say what the database says the run did. */
@PromptForgeDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EntitlementSyncReportTest {

    private TestDatabase db;
    private Billing billing;
    private SyncHarness harness;

    @BeforeAll
    void start(TestDatabase db) {
        this.db = db;
        billing = new Billing(db);
        harness = SyncHarness.start(db);
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    private void someOfEverything() {
        for (int i = 0; i < 12; i++) {
            UUID org = billing.org();
            billing.active(org, i % 2 == 0 ? "pro" : "enterprise");
            billing.grant(org, UUID.randomUUID(), "license", "lic-" + i, "hasSSO", "-1 day", "1 year");
        }
        UUID bad = billing.org();
        billing.active(bad, "diamond");
    }

    private static String number(long value) {
        return String.format("%,d", value);
    }

    private long count(String sql, long instance) {
        return db.jdbc().queryForObject(sql, Long.class, instance);
    }

    @Test
    void theWorkbookHoldsTheRecordedChangesAndSkipsAndTheirFigures() throws Exception {
        someOfEverything();

        JobExecution run = harness.run();

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        long instance = SyncHarness.instanceId(run);
        Path report = SyncHarness.report(run);
        assertThat(report.getParent()).isEqualTo(harness.reportsDir().resolve("entitlements"));
        assertThat(report.getFileName().toString()).matches("entitlement-sync-\\d{8}T\\d{6}\\.\\d{3}Z\\.xlsx");
        try (XSSFWorkbook workbook = Workbooks.open(report)) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(3);
            for (int i = 1; i < workbook.getNumberOfSheets(); i++) {
                XSSFSheet sheet = workbook.getSheetAt(i);
                assertThat(sheet.getPaneInformation().isFreezePane()).as(sheet.getSheetName()).isTrue();
                assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
                assertThat(sheet.getCTWorksheet().isSetAutoFilter()).as(sheet.getSheetName()).isTrue();
            }
            XSSFSheet changes = workbook.getSheet(EntitlementSyncReport.CHANGES_SHEET);
            assertThat(Workbooks.header(changes)).startsWith("Org id", "Org slug", "Org name", "User id", "Flag",
                    "Source", "Source ref", "Change", "Old value", "New value");
            assertThat(Workbooks.rows(changes, 10)).containsExactlyInAnyOrderElementsOf(db.jdbc().queryForList("""
                    select concat_ws('|', c.org_id, o.slug, o.name, coalesce(c.user_id::text, ''), c.flag, c.source,
                                     c.source_ref, c.kind, coalesce(c.old_value::text, ''), coalesce(c.new_value::text, ''))
                      from public.entitlement_changes c
                      join public.organizations o on o.id = c.org_id
                     where c.job_instance_id = ?
                    """, String.class, instance));
            XSSFSheet skipped = workbook.getSheet(EntitlementSyncReport.SKIPPED_SHEET);
            assertThat(Workbooks.rows(skipped, 4)).containsExactlyInAnyOrderElementsOf(db.jdbc().queryForList("""
                    select concat_ws('|', s.org_id, o.slug, o.name, s.reason)
                      from public.entitlement_sync_skips s
                      join public.organizations o on o.id = s.org_id
                     where s.job_instance_id = ?
                    """, String.class, instance));

            Map<String, String> figures = PrintableWorkbookAssertions.summary(workbook);
            assertThat(figures.get(SummarySheet.OUTCOME)).isEqualTo("COMPLETED");
            assertThat(figures).contains(
                    Map.entry(EntitlementSyncReport.ORGS_SCANNED, number(count(
                            "select count(*) from public.organizations where ? > 0", instance))),
                    Map.entry(EntitlementSyncReport.ORGS_CHANGED, number(count(
                            "select count(distinct org_id) from public.entitlement_changes where job_instance_id = ?", instance))),
                    Map.entry(EntitlementSyncReport.ROWS_ADDED, number(count(
                            "select count(*) from public.entitlement_changes where kind = 'added' and job_instance_id = ?", instance))),
                    Map.entry(EntitlementSyncReport.ROWS_REMOVED, number(count(
                            "select count(*) from public.entitlement_changes where kind = 'removed' and job_instance_id = ?", instance))),
                    Map.entry(EntitlementSyncReport.ROWS_UPDATED, number(count(
                            "select count(*) from public.entitlement_changes where kind = 'updated' and job_instance_id = ?", instance))),
                    Map.entry(EntitlementSyncReport.ORGS_SKIPPED, number(count(
                            "select count(*) from public.entitlement_sync_skips where job_instance_id = ?", instance))),
                    Map.entry(EntitlementSyncReport.JOB_INSTANCE, Long.toString(instance)));
            assertThat(figures.get(EntitlementSyncReport.ROWS_ADDED)).isNotEqualTo("0");
            assertThat(figures.get(EntitlementSyncReport.ORGS_SKIPPED)).isNotEqualTo("0");
            assertThat(figures.get(EntitlementSyncReport.SHARE_CHANGED)).matches("\\d+\\.\\d%");
            assertThat(figures.get(EntitlementSyncReport.TOOK)).matches("\\d+(\\.\\d)? (ms|s)|\\d+ min \\d+ s");
        }
    }

    @Test
    void everySheetPrintsAndTheFirstDescribesTheRunWithItsParameters() {
        someOfEverything();

        JobExecution run = harness.run("graceDays=3", "chunkSize=5");

        try (XSSFWorkbook workbook = Workbooks.open(SyncHarness.report(run))) {
            assertThat(workbook.getSheetName(0)).isEqualTo(EntitlementSyncReport.SUMMARY_SHEET);
            PrintableWorkbookAssertions.assertEverySheetPrints(workbook, EntitlementSyncReport.REPORT_NAME);
            PrintableWorkbookAssertions.assertSummaryDescribesTheRun(workbook, EntitlementSyncReport.REPORT_NAME,
                    EntitlementSyncJobConfiguration.JOB_NAME, run.getId(), db.name(),
                    Map.of("graceDays", 3, "skipLimit", 100, "dryRun", false, "chunkSize", 5));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void changesAndSkippedOrgsShowEachOrgsSlugAndNameBesideItsId() {
        someOfEverything();

        JobExecution run = harness.run();

        try (XSSFWorkbook workbook = Workbooks.open(SyncHarness.report(run))) {
            PrintableWorkbookAssertions.assertOrgNamesBesideIds(
                    workbook.getSheet(EntitlementSyncReport.CHANGES_SHEET), db.jdbc());
            PrintableWorkbookAssertions.assertOrgNamesBesideIds(
                    workbook.getSheet(EntitlementSyncReport.SKIPPED_SHEET), db.jdbc());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theRunCommandPrintsTheSummaryFigures(@TempDir Path reports) {
        someOfEverything();
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.reports-dir", reports.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = new PromptForgeCli(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, properties)
                .run("run", "entitlement-sync", "chunkSize=5");

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();
        long instance = db.jdbc().queryForObject(
                "select max(job_instance_id) from public.entitlement_changes", Long.class);
        assertThat(printed)
                .contains("  orgs scanned: " + number(count("select count(*) from public.organizations where ? > 0", instance)))
                .contains("  orgs changed: " + number(count(
                        "select count(distinct org_id) from public.entitlement_changes where job_instance_id = ?", instance)))
                .contains("  rows added: " + number(count(
                        "select count(*) from public.entitlement_changes where kind = 'added' and job_instance_id = ?", instance)))
                .contains("  rows removed: 0")
                .contains("  rows updated: 0")
                .contains("  orgs skipped: " + number(count(
                        "select count(*) from public.entitlement_sync_skips where job_instance_id = ?", instance)))
                .contains("  report: " + reports.resolve("entitlements"));
        try (var files = Files.list(reports.resolve("entitlements"))) {
            // The workbook and, since every report is committed with one, its .sha256 sidecar; nothing else.
            List<String> names = files.map(file -> file.getFileName().toString()).sorted().toList();
            assertThat(names).hasSize(2);
            assertThat(names.get(0)).endsWith(".xlsx");
            assertThat(names.get(1)).isEqualTo(names.get(0) + Sha256Sidecar.SUFFIX);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

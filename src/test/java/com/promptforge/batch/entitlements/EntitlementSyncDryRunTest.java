package com.promptforge.batch.entitlements;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import com.promptforge.batch.spreadsheet.PrintableWorkbookAssertions;
import com.promptforge.batch.spreadsheet.SummarySheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** dryRun=true computes and reports the changes but writes none of them. */
@PromptForgeDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EntitlementSyncDryRunTest {

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

    /** Orgs that each need a change: a new subscription, a cancellation, a grant, an expired manual row, a bad plan. */
    private void pendingChanges() {
        UUID upgraded = billing.org();
        billing.active(upgraded, "enterprise");
        UUID canceled = billing.org();
        billing.active(canceled, "pro");
        billing.updateSubscription(canceled, "status = 'canceled'");
        UUID granted = billing.org();
        billing.grant(granted, null, "pack", "pack-1", "canExportPDF", "-1 day", "20 days");
        UUID manual = billing.org();
        billing.manual(manual, "hasSSO", true, "-1 day");
        UUID bad = billing.org();
        billing.active(bad, "gold");
    }

    private List<Map<String, Object>> everything() {
        return db.jdbc().queryForList("""
                select 'e' as t, id::text, xmin::text, updated_at::text, value::text from public.entitlements
                union all select 'c', id::text, xmin::text, changed_at::text, kind from public.entitlement_changes
                union all select 's', id::text, xmin::text, skipped_at::text, reason from public.entitlement_sync_skips
                order by 1, 2
                """);
    }

    @Test
    void aDryRunWritesNothing() {
        pendingChanges();
        var before = everything();

        JobExecution dryRun = harness.run("dryRun=true");

        assertThat(dryRun.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void aDryRunReportsExactlyWhatTheRunAfterItChanges() throws Exception {
        pendingChanges();

        JobExecution dryRun = harness.run("dryRun=true");
        JobExecution run = harness.run();

        ExecutionContext dry = SyncHarness.step(dryRun).getExecutionContext();
        ExecutionContext real = SyncHarness.step(run).getExecutionContext();
        assertThat(dry.getString(EntitlementSyncWriter.DRY_RUN_KEY)).contains("nothing was written");
        assertThat(SyncSummary.from(dry)).isEqualTo(SyncSummary.from(real));
        assertThat(SyncSummary.from(dry).rowsAdded()).isPositive();
        assertThat(SyncSummary.from(dry).orgsSkipped()).isPositive();

        List<String> recorded = db.jdbc().queryForList("""
                select concat_ws('|', c.org_id, o.slug, o.name, coalesce(c.user_id::text, ''), c.flag, c.source,
                                 c.source_ref, c.kind, coalesce(c.old_value::text, ''), coalesce(c.new_value::text, ''))
                  from public.entitlement_changes c join public.organizations o on o.id = c.org_id
                 where c.job_instance_id = ?
                """, String.class, SyncHarness.instanceId(run));
        List<String> skipped = db.jdbc().queryForList("""
                select concat_ws('|', s.org_id, o.slug, o.name, s.reason)
                  from public.entitlement_sync_skips s join public.organizations o on o.id = s.org_id
                 where s.job_instance_id = ?
                """, String.class, SyncHarness.instanceId(run));
        try (XSSFWorkbook workbook = Workbooks.open(SyncHarness.report(dryRun))) {
            assertThat(Workbooks.rows(workbook.getSheet(EntitlementSyncReport.CHANGES_SHEET), 10))
                    .containsExactlyInAnyOrderElementsOf(recorded);
            assertThat(Workbooks.rows(workbook.getSheet(EntitlementSyncReport.SKIPPED_SHEET), 4))
                    .containsExactlyInAnyOrderElementsOf(skipped);
            assertThat(PrintableWorkbookAssertions.summary(workbook).get(SummarySheet.OUTCOME))
                    .isEqualTo("COMPLETED (dry run: nothing written)");
            assertThat(PrintableWorkbookAssertions.summary(workbook).get("dryRun")).isEqualTo("true");
        }
    }
}

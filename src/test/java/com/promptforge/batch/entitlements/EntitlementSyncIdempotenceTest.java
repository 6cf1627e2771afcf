package com.promptforge.batch.entitlements;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/** Reconciliation converges: once synced, unchanged inputs give no change, no record and no rewritten row. */
@PromptForgeDatabase
class EntitlementSyncIdempotenceTest {

    @Test
    void aSecondRunWithUnchangedInputsChangesAndRecordsNothing(TestDatabase db) {
        Billing billing = new Billing(db);
        UUID user = UUID.randomUUID();
        for (int i = 0; i < 30; i++) {
            UUID org = billing.org();
            switch (i % 6) {
                case 0 -> billing.active(org, "pro");
                case 1 -> billing.subscription(org, "enterprise", "trialing", "30 days", "5 days");
                case 2 -> billing.subscription(org, "pro", "past_due", "-2 days", null);
                case 3 -> billing.subscription(org, "enterprise", "canceled", "-2 days", null);
                case 4 -> billing.manual(org, "hasSSO", true, null);
                default -> {
                }
            }
            billing.grant(org, i % 2 == 0 ? null : user, "license", "lic-" + i, "hasAuditLog", "-1 day",
                    i % 3 == 0 ? null : "40 days");
            billing.grant(org, null, "pack", "pack-" + i, "hasAPI", "3 days", "90 days");
        }
        String rows = "select id, xmin::text as version, org_id, user_id, flag, value, source, source_ref, valid_from,"
                + " valid_until, updated_at from public.entitlements order by id";
        try (SyncHarness harness = SyncHarness.start(db)) {
            JobExecution first = harness.run();
            assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(billing.changeCount(SyncHarness.instanceId(first))).isPositive();
            var synced = db.jdbc().queryForList(rows);

            JobExecution second = harness.run();

            assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(billing.changeCount(SyncHarness.instanceId(second))).isZero();
            assertThat(billing.skips(SyncHarness.instanceId(second))).isEmpty();
            // same rows, same row versions: nothing was rewritten, not even to the same values
            assertThat(db.jdbc().queryForList(rows)).isEqualTo(synced);
            SyncSummary summary = SyncSummary.from(SyncHarness.step(second).getExecutionContext());
            assertThat(summary).isEqualTo(new SyncSummary(summary.orgsScanned(), 0, 0, 0, 0, 0));
            assertThat(summary.orgsScanned()).isEqualTo(31); // and the demo org
        }
    }
}

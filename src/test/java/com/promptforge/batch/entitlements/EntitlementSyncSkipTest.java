package com.promptforge.batch.entitlements;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.core.OneLine;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/** Orgs with bad billing data are skipped and recorded; too many of them fail the job. */
@PromptForgeDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EntitlementSyncSkipTest {

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

    @Test
    void anOrgWithAnUnknownPlanIsSkippedAndRecordedWhileTheOthersAreSynced() {
        UUID bad = billing.org();
        billing.active(bad, "platinum");
        db.jdbc().update("insert into public.entitlements (org_id, flag, value, source, source_ref) values (?, 'hasSSO', true, 'addon', 'legacy')",
                bad);
        var before = billing.projection(bad);
        UUID good = billing.org();
        billing.active(good, "enterprise");

        JobExecution execution = harness.run();

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(billing.skips(SyncHarness.instanceId(execution)))
                .contains(bad + ": unknown plan code \"platinum\": expected one of pilot, pro, enterprise");
        assertThat(billing.projection(bad)).isEqualTo(before);
        assertThat(billing.changes(bad, SyncHarness.instanceId(execution))).isEmpty();
        assertThat(billing.planRows(good, "enterprise")).isEqualTo(Billing.ENTERPRISE);
        assertThat(SyncHarness.step(execution).getExecutionContext().getLong(SyncSummary.ORGS_SKIPPED))
                .isEqualTo(billing.skips(SyncHarness.instanceId(execution)).size());
    }

    @Test
    void anUnknownPlanOfASubscriptionNotInForceIsNoReasonToSkip() {
        UUID org = billing.org();
        billing.active(org, "platinum");
        billing.updateSubscription(org, "status = 'canceled'");

        JobExecution execution = harness.run();

        assertThat(billing.skips(SyncHarness.instanceId(execution))).noneMatch(line -> line.startsWith(org.toString()));
        assertThat(billing.planRows(org, "pilot")).isEqualTo(Billing.PILOT);
    }

    @Test
    void aLiveGrantOfAFlagNoPlanDefinesSkipsTheOrg() {
        UUID org = billing.org();
        billing.grant(org, null, "addon", "addon-typo", "hasApi", "-1 day", null);

        JobExecution execution = harness.run();

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(billing.skips(SyncHarness.instanceId(execution)))
                .contains(org + ": addon grant \"addon-typo\" names unknown flag \"hasApi\"");
        assertThat(billing.projection(org)).isEmpty();
    }

    @Test
    void moreSkipsThanSkipLimitFailTheJobAndARestartAfterTheFixCompletesIt() {
        UUID bad = billing.org();
        billing.active(bad, "platinum");
        UUID good = billing.org();
        billing.active(good, "pro");

        JobExecution failed = harness.run("skipLimit=0");

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.getAllFailureExceptions()).anySatisfy(failure ->
                assertThat(OneLine.rootCause(failure)).contains("more than skipLimit=0 allows"));
        // the chunk that went over the limit was rolled back whole: nothing of it is written or recorded
        assertThat(billing.projection(good)).isEmpty();
        assertThat(billing.skips(SyncHarness.instanceId(failed))).isEmpty();
        assertThat(billing.changeCount(SyncHarness.instanceId(failed))).isZero();

        // fix the data (every bad org of this database) and continue the failed run
        db.jdbc().update("update public.subscriptions set plan_code = 'pro' where plan_code = 'platinum'");
        db.jdbc().update("update public.entitlement_grants set flag = 'hasAPI' where flag = 'hasApi'");
        JobExecution restarted;
        try {
            restarted = harness.jobOperator().restart(failed);
        } catch (Exception e) {
            throw new AssertionError(e);
        }

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(failed.getJobInstance().getInstanceId());
        assertThat(billing.planRows(good, "pro")).isEqualTo(Billing.PRO);
        assertThat(billing.planRows(bad, "pro")).isEqualTo(Billing.PRO);
    }
}

package com.promptforge.batch.entitlements;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/** A changed plan definition reaches every org on that plan (in a database of its own: it changes the plans). */
@PromptForgeDatabase
class EntitlementSyncPlanDefinitionTest {

    @Test
    void aChangedPlanDefinitionIsPropagatedToEveryOrgOnThePlan(TestDatabase db) {
        Billing billing = new Billing(db);
        UUID first = billing.org();
        UUID second = billing.org();
        UUID enterprise = billing.org();
        billing.active(first, "pro");
        billing.subscription(second, "pro", "trialing", "30 days", "10 days");
        billing.active(enterprise, "enterprise");
        try (SyncHarness harness = SyncHarness.start(db)) {
            assertThat(harness.run().getStatus()).isEqualTo(BatchStatus.COMPLETED);
            // pro gains the API, loses team workspaces, and every plan gets a new flag
            db.jdbc().update("update public.plan_entitlements set value = true where plan_code = 'pro' and flag = 'hasAPI'");
            db.jdbc().update("delete from public.plan_entitlements where plan_code = 'pro' and flag = 'hasTeamWorkspace'");
            db.jdbc().update("""
                    insert into public.plan_entitlements (plan_code, flag, value)
                    values ('pilot', 'hasPriorityQueue', false), ('pro', 'hasPriorityQueue', true),
                           ('enterprise', 'hasPriorityQueue', true)
                    """);

            JobExecution propagation = harness.run();

            assertThat(propagation.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            Map<String, Boolean> pro = new TreeMap<>(Billing.PRO);
            pro.put("hasAPI", true);
            pro.remove("hasTeamWorkspace");
            pro.put("hasPriorityQueue", true);
            for (UUID org : new UUID[] {first, second}) {
                assertThat(billing.planRows(org, "pro")).isEqualTo(pro);
                assertThat(billing.changes(org, SyncHarness.instanceId(propagation))).containsExactlyInAnyOrder(
                        "added plan/pro/*/hasPriorityQueue -->true",
                        "removed plan/pro/*/hasTeamWorkspace true->-",
                        "updated plan/pro/*/hasAPI false->true");
            }
            assertThat(billing.changes(enterprise, SyncHarness.instanceId(propagation)))
                    .containsExactly("added plan/enterprise/*/hasPriorityQueue -->true");
        }
    }
}

package com.promptforge.batch.entitlements;

import static com.promptforge.batch.entitlements.Billing.ENTERPRISE;
import static com.promptforge.batch.entitlements.Billing.PILOT;
import static com.promptforge.batch.entitlements.Billing.PRO;
import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/**
 * The rules of the sync, one per test: which plan an org is entitled to, how grants and manual rows are
 * projected, and that the projection is reconciled, not replayed. Each test makes its own orgs.
 */
@PromptForgeDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EntitlementSyncRulesTest {

    private static final UUID USER = UUID.fromString("00000000-0000-4000-8000-0000000000b1");

    private Billing billing;
    private SyncHarness harness;

    @BeforeAll
    void start(TestDatabase db) {
        billing = new Billing(db);
        harness = SyncHarness.start(db);
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    private JobExecution sync(String... parameters) {
        JobExecution execution = harness.run(parameters);
        assertThat(execution.getStatus()).as(execution.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
        return execution;
    }

    // --- the effective plan ------------------------------------------------------------------------

    @Test
    void anUpgradeReplacesTheProRowsWithTheEnterpriseRows() {
        UUID org = billing.org();
        billing.active(org, "pro");
        sync();
        billing.updateSubscription(org, "plan_code = 'enterprise'");

        JobExecution upgrade = sync();

        assertThat(billing.planRows(org, "enterprise")).isEqualTo(ENTERPRISE);
        assertThat(billing.sources(org)).containsOnlyKeys("plan/enterprise");
        assertThat(billing.changes(org, SyncHarness.instanceId(upgrade))).hasSize(12)
                .filteredOn(line -> line.startsWith("removed plan/pro/")).hasSize(6);
        assertThat(billing.changes(org, SyncHarness.instanceId(upgrade)))
                .filteredOn(line -> line.startsWith("added plan/enterprise/")).hasSize(6);
    }

    @Test
    void aDowngradeReplacesTheEnterpriseRowsWithTheProRows() {
        UUID org = billing.org();
        billing.active(org, "enterprise");
        sync();
        billing.updateSubscription(org, "plan_code = 'pro'");

        JobExecution downgrade = sync();

        assertThat(billing.planRows(org, "pro")).isEqualTo(PRO);
        assertThat(billing.sources(org)).containsOnlyKeys("plan/pro");
        assertThat(billing.changes(org, SyncHarness.instanceId(downgrade)))
                .contains("removed plan/enterprise/*/hasSSO true->-", "added plan/pro/*/hasSSO -->false");
    }

    @Test
    void aTrialingOrgHasItsPlanUntilTheTrialEnds() {
        UUID org = billing.org();
        billing.subscription(org, "enterprise", "trialing", "30 days", "2 days");
        sync();
        assertThat(billing.planRows(org, "enterprise")).isEqualTo(ENTERPRISE);

        billing.updateSubscription(org, "trial_end = now() - interval '1 minute'");
        sync();

        assertThat(billing.planRows(org, "pilot")).isEqualTo(PILOT);
        assertThat(billing.sources(org)).containsOnlyKeys("plan/pilot");
    }

    @Test
    void anActiveSubscriptionWhosePeriodHasEndedFallsBackToPilot() {
        UUID org = billing.org();
        billing.subscription(org, "pro", "active", "-1 hour", null);

        sync();

        assertThat(billing.sources(org)).containsOnlyKeys("plan/pilot");
    }

    @Test
    void pastDueKeepsThePlanInsideTheGracePeriod() {
        UUID org = billing.org();
        billing.subscription(org, "pro", "past_due", "-6 days", null);

        sync();

        assertThat(billing.planRows(org, "pro")).isEqualTo(PRO);
    }

    @Test
    void pastDueFallsBackToPilotAfterTheGracePeriod() {
        UUID org = billing.org();
        billing.subscription(org, "pro", "past_due", "-8 days", null);

        sync();

        assertThat(billing.sources(org)).containsOnlyKeys("plan/pilot");
        assertThat(billing.planRows(org, "pilot")).isEqualTo(PILOT);
    }

    @Test
    void graceDaysSetsTheLengthOfTheGracePeriod() {
        UUID org = billing.org();
        billing.subscription(org, "pro", "past_due", "-8 days", null);

        sync("graceDays=10");
        assertThat(billing.sources(org)).containsOnlyKeys("plan/pro");

        sync("graceDays=0");
        assertThat(billing.sources(org)).containsOnlyKeys("plan/pilot");
    }

    @Test
    void aCanceledSubscriptionFallsBackToPilot() {
        UUID org = billing.org();
        billing.active(org, "enterprise");
        sync();
        billing.updateSubscription(org, "status = 'canceled'");

        JobExecution cancel = sync();

        assertThat(billing.planRows(org, "pilot")).isEqualTo(PILOT);
        assertThat(billing.sources(org)).containsOnlyKeys("plan/pilot");
        assertThat(billing.changes(org, SyncHarness.instanceId(cancel))).hasSize(12);
    }

    @Test
    void aCancellationDateThatHasPassedEndsThePlan() {
        UUID org = billing.org();
        billing.active(org, "pro");
        billing.updateSubscription(org, "cancel_at = now() - interval '1 minute'");

        sync();

        assertThat(billing.sources(org)).containsOnlyKeys("plan/pilot");
    }

    @Test
    void unpaidIncompleteAndPausedSubscriptionsFallBackToPilot() {
        for (String status : new String[] {"unpaid", "incomplete", "paused"}) {
            UUID org = billing.org();
            billing.active(org, "enterprise");
            billing.updateSubscription(org, "status = '" + status + "'");

            sync();

            assertThat(billing.sources(org)).as(status).containsOnlyKeys("plan/pilot");
        }
    }

    @Test
    void anOrgWithoutASubscriptionGetsThePilotRows() {
        UUID org = billing.org();

        JobExecution execution = sync();

        assertThat(billing.planRows(org, "pilot")).isEqualTo(PILOT);
        assertThat(billing.changes(org, SyncHarness.instanceId(execution)))
                .hasSize(6).allMatch(line -> line.startsWith("added plan/pilot/*/"));
    }

    // --- grants --------------------------------------------------------------------------------------

    @Test
    void grantsBecomeRowsWithTheirSourceReferenceAndValidity() {
        UUID org = billing.org();
        billing.active(org, "pro");
        billing.grant(org, null, "addon", "addon-api-2025", "hasAPI", "-1 day", "30 days");
        billing.grant(org, USER, "license", "lic-42", "hasSSO", "-1 day", null);
        billing.grant(org, null, "pack", "pack-audit", "hasAuditLog", "2 days", "40 days");

        sync();

        Map<String, Object> api = billing.jdbc().queryForMap("""
                select e.user_id, e.value, e.valid_from = g.valid_from as same_from,
                       e.valid_until = g.valid_until as same_until
                  from public.entitlements e
                  join public.entitlement_grants g on g.org_id = e.org_id and g.source_ref = e.source_ref
                 where e.org_id = ? and e.source = 'addon' and e.source_ref = 'addon-api-2025' and e.flag = 'hasAPI'
                """, org);
        assertThat(api).containsEntry("value", true).containsEntry("same_from", true).containsEntry("same_until", true);
        assertThat(api.get("user_id")).isNull();
        assertThat(billing.jdbc().queryForObject("""
                select user_id from public.entitlements
                 where org_id = ? and source = 'license' and source_ref = 'lic-42' and flag = 'hasSSO' and valid_until is null
                """, UUID.class, org)).isEqualTo(USER);
        // a grant that starts in the future is projected with its start: gating ignores it until then
        assertThat(billing.jdbc().queryForObject("""
                select valid_from > now() + interval '1 day' from public.entitlements
                 where org_id = ? and source = 'pack' and source_ref = 'pack-audit'
                """, Boolean.class, org)).isTrue();
        assertThat(billing.sources(org)).containsOnlyKeys("plan/pro", "addon/addon-api-2025", "license/lic-42",
                "pack/pack-audit");
    }

    @Test
    void anExpiredGrantIsRemoved() {
        UUID org = billing.org();
        UUID grant = billing.grant(org, null, "addon", "addon-sso", "hasSSO", "-2 days", "1 hour");
        sync();
        assertThat(billing.sources(org)).containsKey("addon/addon-sso");
        billing.jdbc().update("update public.entitlement_grants set valid_until = now() - interval '1 minute' where id = ?",
                grant);

        JobExecution expiry = sync();

        assertThat(billing.sources(org)).containsOnlyKeys("plan/pilot");
        assertThat(billing.changes(org, SyncHarness.instanceId(expiry)))
                .containsExactly("removed addon/addon-sso/*/hasSSO true->-");
    }

    @Test
    void aRevokedGrantIsRemoved() {
        UUID org = billing.org();
        UUID grant = billing.grant(org, USER, "license", "lic-7", "hasAPI", "-2 days", null);
        sync();
        billing.jdbc().update("update public.entitlement_grants set revoked_at = now() where id = ?", grant);

        JobExecution revocation = sync();

        assertThat(billing.sources(org)).containsOnlyKeys("plan/pilot");
        assertThat(billing.changes(org, SyncHarness.instanceId(revocation)))
                .containsExactly("removed license/lic-7/" + USER + "/hasAPI true->-");
    }

    @Test
    void aChangedGrantValidityUpdatesItsRow() {
        UUID org = billing.org();
        UUID grant = billing.grant(org, null, "pack", "pack-docx", "canExportDOCX", "-2 days", "5 days");
        sync();
        billing.jdbc().update("update public.entitlement_grants set valid_until = valid_until + interval '30 days' where id = ?",
                grant);

        JobExecution extension = sync();

        assertThat(billing.changes(org, SyncHarness.instanceId(extension)))
                .containsExactly("updated pack/pack-docx/*/canExportDOCX true->true");
        assertThat(billing.jdbc().queryForObject("""
                select e.valid_until = g.valid_until from public.entitlements e, public.entitlement_grants g
                 where g.id = ? and e.org_id = g.org_id and e.source = 'pack'
                """, Boolean.class, grant)).isTrue();
    }

    @Test
    void liveGrantsSharingAKeyBecomeOneRowSpanningThem() {
        UUID org = billing.org();
        billing.grant(org, null, "license", "lic-renewed", "hasSSO", "-20 days", "10 days");
        billing.grant(org, null, "license", "lic-renewed", "hasSSO", "10 days", "375 days");

        sync();

        assertThat(billing.jdbc().queryForObject("""
                select count(*) = 1
                       and min(e.valid_from) = (select min(valid_from) from public.entitlement_grants where org_id = ?)
                       and min(e.valid_until) = (select max(valid_until) from public.entitlement_grants where org_id = ?)
                  from public.entitlements e where e.org_id = ? and e.source = 'license'
                """, Boolean.class, org, org, org)).isTrue();
    }

    // --- manual rows ---------------------------------------------------------------------------------

    @Test
    void manualRowsAreNeverTouched() {
        UUID org = billing.org();
        billing.manual(org, "hasSSO", true, null);
        billing.manual(org, "hasAPI", false, "10 days");
        var before = billing.jdbc().queryForList(
                "select id, value, valid_from, valid_until, updated_at from public.entitlements where org_id = ? order by id", org);

        JobExecution execution = sync();

        assertThat(billing.jdbc().queryForList(
                "select id, value, valid_from, valid_until, updated_at from public.entitlements where org_id = ? and source = 'manual' order by id",
                org)).isEqualTo(before);
        assertThat(billing.changes(org, SyncHarness.instanceId(execution))).noneMatch(line -> line.contains("manual/"));
    }

    @Test
    void anExpiredManualRowIsRemoved() {
        UUID org = billing.org();
        billing.manual(org, "hasSSO", true, "-1 minute");
        billing.manual(org, "hasAPI", true, "1 day");

        JobExecution execution = sync();

        assertThat(billing.sources(org)).containsOnlyKeys("plan/pilot", "manual/support-ticket-1")
                .containsEntry("manual/support-ticket-1", 1);
        assertThat(billing.changes(org, SyncHarness.instanceId(execution)))
                .contains("removed manual/support-ticket-1/*/hasSSO true->-")
                .filteredOn(line -> line.contains("manual/")).hasSize(1);
    }

    // --- reconciliation -------------------------------------------------------------------------------

    @Test
    void aHandEditedProjectionIsRepaired() {
        UUID org = billing.org();
        billing.active(org, "pro");
        billing.grant(org, null, "addon", "addon-audit", "hasAuditLog", "-1 day", null);
        sync();
        var expected = billing.projection(org);
        var jdbc = billing.jdbc();
        // a flipped value, a deleted row, a row of a plan the org is not on, a stray add-on row,
        // a plan row given an end date, a grant row given another start
        jdbc.update("update public.entitlements set value = true where org_id = ? and source = 'plan' and flag = 'hasSSO'", org);
        jdbc.update("delete from public.entitlements where org_id = ? and source = 'plan' and flag = 'canExportPDF'", org);
        jdbc.update("""
                insert into public.entitlements (org_id, flag, value, source, source_ref)
                values (?, 'hasAPI', true, 'plan', 'enterprise'), (?, 'hasAPI', true, 'addon', 'never-sold')
                """, org, org);
        jdbc.update("""
                update public.entitlements set valid_until = now() + interval '1 day'
                 where org_id = ? and source = 'plan' and flag = 'hasTeamWorkspace'
                """, org);
        jdbc.update("update public.entitlements set valid_from = valid_from - interval '1 year' where org_id = ? and source = 'addon'",
                org);

        JobExecution repair = sync();

        assertThat(billing.projection(org)).isEqualTo(expected);
        assertThat(billing.changes(org, SyncHarness.instanceId(repair))).containsExactlyInAnyOrder(
                "added plan/pro/*/canExportPDF -->true",
                "removed addon/never-sold/*/hasAPI true->-",
                "removed plan/enterprise/*/hasAPI true->-",
                "updated addon/addon-audit/*/hasAuditLog true->true",
                "updated plan/pro/*/hasSSO true->false",
                "updated plan/pro/*/hasTeamWorkspace true->true");
    }

    @Test
    void aPlanRowStartingInTheFutureIsMadeValidNow() {
        UUID org = billing.org();
        billing.active(org, "pro");
        sync();
        billing.jdbc().update("""
                update public.entitlements set valid_from = now() + interval '3 days'
                 where org_id = ? and source = 'plan' and flag = 'canExportPDF'
                """, org);

        sync();

        assertThat(billing.jdbc().queryForObject(
                "select bool_and(valid_from <= now() and valid_until is null) from public.entitlements where org_id = ?",
                Boolean.class, org)).isTrue();
    }
}

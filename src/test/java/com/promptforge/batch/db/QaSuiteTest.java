package com.promptforge.batch.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.cli.PromptForgeCli;
import com.promptforge.batch.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QaSuiteTest {

    @Test
    void everyQaTestPassesOnAFreshDatabase() {
        try (TestDatabase db = TestDatabase.create("qafresh")) {
            List<Map<String, Object>> failing = db.jdbc().queryForList(
                    "select category, test_name, details from public.run_all_qa_tests() where status <> 'PASS'");
            assertThat(failing).isEmpty();
        }
    }

    @Test
    void qaCoversEverySeedCategory() {
        try (TestDatabase db = TestDatabase.create("qacategories")) {
            assertThat(db.jdbc().queryForList("select distinct category from public.run_all_qa_tests()", String.class))
                    .containsExactlyInAnyOrder("RLS isolation", "Entitlements", "Scoring and bundles", "Performance",
                            "Data integrity", "Security");
        }
    }

    @Test
    void disablingRowLevelSecurityOnATableTurnsTheRlsTestFailed() {
        try (TestDatabase db = TestDatabase.create("qarls")) {
            db.jdbc().execute("alter table public.runs disable row level security");

            assertThat(failures(db, "RLS isolation")).anySatisfy(details -> assertThat(details).contains("runs"));
        }
    }

    @Test
    void droppingTheGatingIndexTurnsAnEntitlementsOrPerformanceTestFailed() {
        try (TestDatabase db = TestDatabase.create("qaindex")) {
            db.jdbc().execute("drop index public.entitlements_gating_idx");

            assertThat(db.jdbc().queryForList("""
                    select details from public.run_all_qa_tests()
                    where status = 'FAIL' and category in ('Entitlements', 'Performance')""", String.class))
                    .isNotEmpty();
        }
    }

    @Test
    void qaCommandPrintsTheTableAndExitsOneWhenATestFails() {
        try (TestDatabase db = TestDatabase.create("qacommand")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PromptForgeCli cli = new PromptForgeCli(new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
                    db.applicationProperties());
            assertThat(cli.run("qa")).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("CATEGORY").contains("0 failed");

            db.jdbc().execute("alter table public.bundles disable row level security");
            out.reset();
            assertThat(cli.run("qa")).isEqualTo(1);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("FAIL");
        }
    }

    @Test
    void anActiveSubscriptionWhosePeriodEndedMayCarryPilotRowsAsTheSyncWritesThem() {
        try (TestDatabase db = TestDatabase.create("qalapsed")) {
            plantOrgOnPlan(db, "lapsed", "pro", "now() - interval '2 months'", "now() - interval '1 month'", "pilot");

            assertThat(status(db, "orgs with a subscription in force carry that plan's rows")).isEqualTo("PASS");
        }
    }

    @Test
    void aSubscriptionInForceWithoutItsPlanRowsTurnsThePlanRowsTestFailed() {
        try (TestDatabase db = TestDatabase.create("qainforce")) {
            plantOrgOnPlan(db, "inforce", "enterprise", "now() - interval '1 day'", "now() + interval '1 month'", "pro");

            assertThat(status(db, "orgs with a subscription in force carry that plan's rows")).isEqualTo("FAIL");
        }
    }

    private static void plantOrgOnPlan(TestDatabase db, String slug, String subscribedPlan, String periodStart,
                                       String periodEnd, String projectedPlan) {
        var jdbc = db.jdbc();
        String orgId = jdbc.queryForObject(
                "insert into public.organizations (name, slug, created_by) values (?, ?, null) returning id::text",
                String.class, slug, slug);
        jdbc.update("insert into public.org_members (org_id, user_id, role) values (?::uuid, gen_random_uuid(), 'owner')",
                orgId);
        jdbc.update("insert into public.subscriptions (org_id, plan_code, status, current_period_start, current_period_end)"
                + " values (?::uuid, ?, 'active', " + periodStart + ", " + periodEnd + ")", orgId, subscribedPlan);
        jdbc.queryForObject("select public.pf_apply_plan_entitlements(?::uuid, ?)", Integer.class, orgId, projectedPlan);
    }

    private static String status(TestDatabase db, String testName) {
        return db.jdbc().queryForObject("select status from public.run_all_qa_tests() where test_name = ?",
                String.class, testName);
    }

    private static List<String> failures(TestDatabase db, String category) {
        return db.jdbc().queryForList(
                "select coalesce(details, '') from public.run_all_qa_tests() where status = 'FAIL' and category = ?",
                String.class, category);
    }
}

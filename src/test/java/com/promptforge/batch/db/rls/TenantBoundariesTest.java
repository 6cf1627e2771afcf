package com.promptforge.batch.db.rls;

import static com.promptforge.batch.db.rls.RlsFixture.A;
import static com.promptforge.batch.db.rls.RlsFixture.B;
import static com.promptforge.batch.db.rls.RlsFixture.attempt;
import static com.promptforge.batch.db.rls.RlsFixture.count;
import static com.promptforge.batch.db.rls.RlsFixture.queryString;
import static com.promptforge.batch.db.rls.RlsFixture.snapshot;
import static com.promptforge.batch.db.rls.RlsFixture.superCount;
import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.db.rls.RlsFixture.Outcome;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the matrix cannot say cell by cell: the privileged functions (pf_apply_plan_entitlements
 * first), rows that point across organizations, the security_invoker views and the dashboard
 * function. Actors as in {@link RlsMatrixTest}: member / admin / owner of A, outsider = owner of B.
 */
@PromptForgeDatabase
class TenantBoundariesTest {

    private static TestDatabase db;

    @BeforeAll
    static void seed(TestDatabase database) {
        db = database;
        RlsFixture.seed(database);
    }

    private static UUID user(String actor) {
        return switch (actor) {
            case "member" -> A.member();
            case "admin" -> A.admin();
            case "owner" -> A.owner();
            case "outsider" -> B.owner();
            default -> throw new IllegalArgumentException(actor);
        };
    }

    private static String planRowsOfA() {
        return "org_id = '" + A.id() + "' and source = 'plan'";
    }

    // ------------------------------------------------------------------------------------------
    // pf_apply_plan_entitlements
    // ------------------------------------------------------------------------------------------

    @Test
    @DisplayName("pf_apply_plan_entitlements: anon cannot execute it (42501)")
    void anonCannotApplyPlanEntitlements() {
        db.as("anon", null, c -> {
            assertApplyRefused(c);
            return null;
        });
    }

    @ParameterizedTest(name = "pf_apply_plan_entitlements: {0} (authenticated) cannot execute it (42501)")
    @ValueSource(strings = {"member", "admin", "owner", "outsider"})
    void authenticatedCannotApplyPlanEntitlements(String actor) {
        db.as("authenticated", user(actor), c -> {
            assertApplyRefused(c);
            return null;
        });
    }

    private static void assertApplyRefused(Connection c) throws SQLException {
        String before = snapshot(c, "entitlements", planRowsOfA());
        Outcome outcome = attempt(c, "select public.pf_apply_plan_entitlements('" + A.id() + "', 'enterprise')");
        assertThat(outcome.sqlState()).as(outcome.toString()).isEqualTo("42501");
        assertThat(snapshot(c, "entitlements", planRowsOfA())).as("A's plan entitlements unchanged").isEqualTo(before);
    }

    @Test
    @DisplayName("pf_apply_plan_entitlements: service_role can execute it, and the org's plan rows follow the plan")
    void serviceRoleAppliesPlanEntitlements() {
        db.as("service_role", null, c -> {
            String changed = queryString(c, "select public.pf_apply_plan_entitlements('" + A.id() + "', 'enterprise')");
            assertThat(Integer.parseInt(changed)).as("rows changed from pro to enterprise").isPositive();
            int enterpriseFlags = superCount(c, "public.plan_entitlements where plan_code = 'enterprise'");
            assertThat(enterpriseFlags).isPositive();
            assertThat(superCount(c, "public.entitlements where " + planRowsOfA() + " and source_ref = 'enterprise'"))
                    .isEqualTo(enterpriseFlags);
            assertThat(superCount(c, "public.entitlements where " + planRowsOfA() + " and source_ref <> 'enterprise'"))
                    .isZero();
            assertThat(superCount(c, "public.entitlements where org_id = '" + B.id() + "' and source_ref = 'enterprise'"))
                    .as("organization B untouched").isZero();
            return null;
        });
    }

    // ------------------------------------------------------------------------------------------
    // rows that point across organizations
    // ------------------------------------------------------------------------------------------

    @Test
    @DisplayName("runs: a member creates runs only as themselves")
    void runsOnlyAsThemselves() {
        db.as("authenticated", A.member(), c -> {
            Outcome outcome = attempt(c, "insert into public.runs (id, org_id, user_id, module_id, domain_code, parameters) "
                    + "values ('" + A.newRun() + "', '" + A.id() + "', '" + A.admin() + "', 'M03', 'RETAIL', '"
                    + RlsFixture.RUN_PARAMETERS + "')");
            assertThat(outcome.sqlState()).as(outcome.toString()).isEqualTo("42501");
            assertThat(superCount(c, "public.runs where id = '" + A.newRun() + "'")).isZero();
            return null;
        });
    }

    @Test
    @DisplayName("runs: a member cannot move a run to another organization")
    void runsStayInTheirOrganization() {
        db.as("authenticated", A.member(), c -> {
            OrganizationRulesTest.assertRefusedAndUnchanged(c,
                    "update public.runs set org_id = '" + B.id() + "' where id = '" + A.unscoredRun() + "'",
                    "runs", "id = '" + A.unscoredRun() + "'");
            return null;
        });
    }

    @ParameterizedTest(name = "{0}: a member of A cannot attach a row to a run of B, whichever org_id it claims")
    @ValueSource(strings = {"prompt_scores", "bundles", "run_telemetry", "prompt_history"})
    void noChildRowsOnAnotherOrganizationsRun(String table) {
        for (UUID claimedOrg : new UUID[] {A.id(), B.id()}) {
            String insert = switch (table) {
                case "prompt_scores" -> "insert into public.prompt_scores (run_id, org_id, clarity, execution, ambiguity, "
                        + "alignment, business_fit) values ('" + B.unscoredRun() + "', '" + claimedOrg + "', 90, 90, 10, 90, 90)";
                case "bundles" -> "insert into public.bundles (id, run_id, org_id, formats, paths, checksum, license_notice) "
                        + "values ('" + A.newBundle() + "', '" + B.scoredRun() + "', '" + claimedOrg + "', array['pdf'], "
                        + "'{\"pdf\": \"x.pdf\"}', 'sha256:' || repeat('ef', 32), 'notice')";
                case "run_telemetry" -> "insert into public.run_telemetry (run_id, org_id, event_type, payload) values ('"
                        + B.scoredRun() + "', '" + claimedOrg + "', 'llm_call', "
                        + "'{\"model\": \"cross\", \"prompt_tokens\": 1, \"completion_tokens\": 1, \"latency_ms\": 1}')";
                case "prompt_history" -> "insert into public.prompt_history (id, run_id, org_id, action, snapshot) values ('"
                        + A.newHistory() + "', '" + B.scoredRun() + "', '" + claimedOrg + "', 'edited', "
                        + "'{\"prompt\": \"cross\"}')";
                default -> throw new IllegalArgumentException(table);
            };
            String inserted = switch (table) {
                case "prompt_scores" -> "public.prompt_scores where run_id = '" + B.unscoredRun() + "'";
                case "bundles" -> "public.bundles where id = '" + A.newBundle() + "'";
                case "run_telemetry" -> "public.run_telemetry where payload ->> 'model' = 'cross'";
                default -> "public.prompt_history where id = '" + A.newHistory() + "'";
            };
            db.as("authenticated", A.member(), c -> {
                Outcome outcome = attempt(c, insert);
                assertThat(outcome.sqlState()).as("claiming org " + claimedOrg + ": " + outcome).isEqualTo("42501");
                assertThat(superCount(c, inserted)).isZero();
                return null;
            });
        }
    }

    // ------------------------------------------------------------------------------------------
    // views and functions that read tenant rows
    // ------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}: a member sees only their organizations' flags, an outsider none of A's, anon nothing")
    @ValueSource(strings = {"entitlements_effective_org", "entitlements_effective_user"})
    void effectiveEntitlementViews(String view) {
        db.as("authenticated", A.member(), c -> {
            assertThat(count(c, "public." + view + " where org_id = '" + A.id() + "'").rows())
                    .isEqualTo(superCount(c, "public." + view + " where org_id = '" + A.id() + "'")).isPositive();
            assertThat(count(c, "public." + view + " where org_id <> '" + A.id() + "'").rows()).isZero();
            return null;
        });
        db.as("authenticated", B.owner(), c -> {
            assertThat(count(c, "public." + view + " where org_id = '" + A.id() + "'").rows()).isZero();
            return null;
        });
        db.as("anon", null, c -> {
            assertThat(count(c, "public." + view).sqlState()).isEqualTo("42501");
            return null;
        });
    }

    @Test
    @DisplayName("get_org_run_stats: a member counts their organization's runs, an outsider none, anon cannot call it")
    void runStatsRespectTenants() {
        String stats = "select total_runs from public.get_org_run_stats('" + A.id() + "', 30)";
        db.as("authenticated", A.member(), c -> {
            assertThat(queryString(c, stats)).isEqualTo("2");
            return null;
        });
        db.as("authenticated", B.owner(), c -> {
            assertThat(queryString(c, stats)).isEqualTo("0");
            return null;
        });
        db.as("anon", null, c -> {
            assertThat(attempt(c, stats).sqlState()).isEqualTo("42501");
            return null;
        });
    }

    @Test
    @DisplayName("run_meets_export_threshold: true for a member's scored run, false for an outsider, not callable by anon")
    void exportThresholdRespectsTenants() {
        String check = "select public.run_meets_export_threshold('" + A.scoredRun() + "')";
        db.as("authenticated", A.member(), c -> {
            assertThat(queryString(c, check)).isEqualTo("t");
            return null;
        });
        db.as("authenticated", B.owner(), c -> {
            assertThat(queryString(c, check)).isEqualTo("f");
            return null;
        });
        db.as("anon", null, c -> {
            assertThat(attempt(c, check).sqlState()).isEqualTo("42501");
            return null;
        });
    }

    @ParameterizedTest(name = "{0}: not executable by anon or authenticated (42501), executable by service_role")
    @ValueSource(strings = {
            "select public.pf_publish_module_version('M49', '1.1.0', (select spec from public.modules where id = 'M49'), 'rls')",
            "select public.pf_rollback_module_version('M49', '0.9.0')",
            "select count(*) from public.run_all_qa_tests()"})
    void serviceRoleOnlyFunctions(String call) {
        db.as("anon", null, c -> {
            assertThat(attempt(c, call).sqlState()).isEqualTo("42501");
            return null;
        });
        db.as("authenticated", A.owner(), c -> {
            assertThat(attempt(c, call).sqlState()).isEqualTo("42501");
            return null;
        });
        db.as("service_role", null, c -> {
            Outcome outcome = attempt(c, call);
            // the call may fail on its own terms (rolling back to a version that does not exist), but
            // never for want of privilege
            assertThat(outcome.sqlState()).as(outcome.toString()).isNotEqualTo("42501");
            return null;
        });
    }
}

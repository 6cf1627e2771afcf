package com.promptforge.batch.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Item 3 of the database issue (003_billing_entitlements.sql; plan flags seeded by 008): canonical plan
 * flags, pf_apply_plan_entitlements, the effective-flag views and the gating lookup's index use.
 */
@PromptForgeDatabase
class EntitlementsSchemaTest {

    private static final List<String> FLAGS =
            List.of("canExportPDF", "hasAPI", "canExportDOCX", "hasTeamWorkspace", "hasAuditLog", "hasSSO");
    private static final int BULK_ORGS = 20_000;
    /** Bulk organization 777 (0x309) and its owner (see plantManyOrganizations). */
    private static final UUID BULK_ORG_777 = UUID.fromString("00000000-0000-4000-9000-000000000309");
    private static final UUID BULK_OWNER_777 = UUID.fromString("00000000-0000-4000-a000-000000000309");

    private final TestDatabase db;
    private final JdbcTemplate jdbc;

    EntitlementsSchemaTest(TestDatabase db) {
        this.db = db;
        this.jdbc = db.jdbc();
    }

    /** 20k organizations, each with an owner, its pro plan rows and one user row: enough for the planner to care. */
    @BeforeAll
    static void plantManyOrganizations(TestDatabase db) {
        JdbcTemplate jdbc = db.jdbc();
        jdbc.update("""
                insert into public.organizations (id, name, slug)
                select ('00000000-0000-4000-9000-' || lpad(to_hex(g), 12, '0'))::uuid, 'Bulk ' || g, 'bulk-' || g
                from generate_series(1, ?) g""", BULK_ORGS);
        jdbc.update("""
                insert into public.org_members (org_id, user_id, role)
                select o.id, ('00000000-0000-4000-a000-' || right(o.id::text, 12))::uuid, 'owner'
                from public.organizations o where o.slug like 'bulk-%'""");
        jdbc.update("""
                insert into public.entitlements (org_id, user_id, flag, value, source, source_ref)
                select o.id, null, pe.flag, pe.value, 'plan', 'pro'
                from public.organizations o cross join public.plan_entitlements pe
                where o.slug like 'bulk-%' and pe.plan_code = 'pro'""");
        jdbc.update("""
                insert into public.entitlements (org_id, user_id, flag, value, source, source_ref)
                select o.id, ('00000000-0000-4000-a000-' || right(o.id::text, 12))::uuid, 'hasAPI', true, 'license', 'seat'
                from public.organizations o where o.slug like 'bulk-%'""");
        jdbc.execute("analyze");
    }

    // ----------------------------------------------------------------------------------------- plans

    @Test
    void thePlansArePilotProAndEnterprise() {
        assertThat(jdbc.queryForList("select code from public.plans", String.class))
                .containsExactlyInAnyOrder("pilot", "pro", "enterprise");
    }

    @Test
    void pilotExportsNoPdfAndHasNoApiProExportsPdfOnlyEnterpriseHasBoth() {
        assertThat(jdbc.queryForList("""
                select plan_code || ':' || flag || '=' || value from public.plan_entitlements
                where flag in ('canExportPDF', 'hasAPI')""", String.class))
                .containsExactlyInAnyOrder(
                        "pilot:canExportPDF=false", "pilot:hasAPI=false",
                        "pro:canExportPDF=true", "pro:hasAPI=false",
                        "enterprise:canExportPDF=true", "enterprise:hasAPI=true");
    }

    @Test
    void everyPlanNamesEveryFlagWithTheDocumentedValue() {
        Map<String, Boolean> expected = new TreeMap<>();
        for (String flag : FLAGS) {
            expected.put("pilot:" + flag, false);
            expected.put("pro:" + flag, List.of("canExportPDF", "canExportDOCX", "hasTeamWorkspace").contains(flag));
            expected.put("enterprise:" + flag, true);
        }

        Map<String, Boolean> actual = new TreeMap<>();
        jdbc.query("select plan_code, flag, value from public.plan_entitlements", rs -> {
            actual.put(rs.getString("plan_code") + ":" + rs.getString("flag"), rs.getBoolean("value"));
        });

        assertThat(actual).isEqualTo(expected);
    }

    // ----------------------------------------------------------------------------------------- pf_apply_plan_entitlements

    @Test
    void applyingAPlanWritesItsFlagsAsOrganizationWidePlanRows() {
        UUID org = org(1);

        jdbc.queryForObject("select public.pf_apply_plan_entitlements(?, 'pro')", Integer.class, org);

        assertThat(planRows(org)).containsExactlyInAnyOrder(
                "canExportPDF=true@pro", "hasAPI=false@pro", "canExportDOCX=true@pro",
                "hasTeamWorkspace=true@pro", "hasAuditLog=false@pro", "hasSSO=false@pro");
    }

    @Test
    void applyingAnotherPlanReplacesThePreviousPlansRows() {
        UUID org = org(2);
        jdbc.queryForObject("select public.pf_apply_plan_entitlements(?, 'pro')", Integer.class, org);

        jdbc.queryForObject("select public.pf_apply_plan_entitlements(?, 'enterprise')", Integer.class, org);

        assertThat(planRows(org)).containsExactlyInAnyOrder(
                "canExportPDF=true@enterprise", "hasAPI=true@enterprise", "canExportDOCX=true@enterprise",
                "hasTeamWorkspace=true@enterprise", "hasAuditLog=true@enterprise", "hasSSO=true@enterprise");
    }

    @Test
    void applyingAPlanRemovesPlanRowsThePlanDoesNotHave() {
        UUID org = org(3);
        jdbc.update("""
                insert into public.entitlements (org_id, user_id, flag, value, source, source_ref)
                values (?, null, 'retiredFlag', true, 'plan', 'pro'),
                       (?, ?, 'hasAPI', true, 'plan', 'pro'),
                       (?, null, 'hasSSO', true, 'plan', 'enterprise')""", org, org, user(3), org);

        jdbc.queryForObject("select public.pf_apply_plan_entitlements(?, 'pro')", Integer.class, org);

        assertThat(planRows(org)).containsExactlyInAnyOrder(
                "canExportPDF=true@pro", "hasAPI=false@pro", "canExportDOCX=true@pro",
                "hasTeamWorkspace=true@pro", "hasAuditLog=false@pro", "hasSSO=false@pro");
    }

    @Test
    void applyingAPlanLeavesRowsOfOtherSourcesAlone() {
        UUID org = org(4);
        jdbc.update("""
                insert into public.entitlements (org_id, user_id, flag, value, source, source_ref)
                values (?, null, 'hasAPI', true, 'addon', 'api-addon'),
                       (?, ?, 'hasSSO', true, 'license', 'seat-1'),
                       (?, null, 'hasAuditLog', true, 'manual', '')""", org, org, user(4), org);
        List<Map<String, Object>> before = rowVersions(org, "source <> 'plan'");

        jdbc.queryForObject("select public.pf_apply_plan_entitlements(?, 'pilot')", Integer.class, org);

        assertThat(rowVersions(org, "source <> 'plan'")).hasSize(3).isEqualTo(before);
    }

    @Test
    void applyingTheSamePlanAgainChangesNoRow() {
        UUID org = org(5);
        jdbc.queryForObject("select public.pf_apply_plan_entitlements(?, 'enterprise')", Integer.class, org);
        List<Map<String, Object>> before = rowVersions(org, "true");

        jdbc.queryForObject("select public.pf_apply_plan_entitlements(?, 'enterprise')", Integer.class, org);

        assertThat(rowVersions(org, "true")).hasSize(FLAGS.size()).isEqualTo(before);
    }

    @Test
    void anUnknownPlanIsRejectedNamingTheKnownOnes() {
        UUID org = org(6);
        jdbc.queryForObject("select public.pf_apply_plan_entitlements(?, 'pro')", Integer.class, org);
        List<Map<String, Object>> before = rowVersions(org, "true");

        assertThatThrownBy(() -> jdbc.queryForObject("select public.pf_apply_plan_entitlements(?, 'gold')",
                Integer.class, org))
                .isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageContaining("unknown plan code \"gold\": expected one of pilot, pro, enterprise");
        assertThat(rowVersions(org, "true")).isEqualTo(before);
    }

    @Test
    void applyingAPlanIsNotAllowedToAnonOrAuthenticated() {
        Map<String, Object> privileges = jdbc.queryForMap("""
                select has_function_privilege('anon', 'public.pf_apply_plan_entitlements(uuid, text)', 'execute') as anon,
                       has_function_privilege('authenticated', 'public.pf_apply_plan_entitlements(uuid, text)', 'execute')
                         as authenticated,
                       has_function_privilege('service_role', 'public.pf_apply_plan_entitlements(uuid, text)', 'execute')
                         as service_role""");

        assertThat(privileges).containsEntry("anon", false).containsEntry("authenticated", false)
                .containsEntry("service_role", true);
    }

    // ----------------------------------------------------------------------------------------- unique key

    @Test
    void thereIsOneRowPerOrganizationUserFlagSourceAndReferenceEvenWithoutAUser() {
        UUID org = org(7);
        String insert = """
                insert into public.entitlements (org_id, user_id, flag, value, source, source_ref)
                values (?, null, 'hasAPI', true, 'manual', 'ticket-1')""";
        jdbc.update(insert, org);

        assertThatThrownBy(() -> jdbc.update(insert, org))
                .isInstanceOfSatisfying(DataAccessException.class, e -> assertThat(sqlState(e)).isEqualTo("23505"));
    }

    // ----------------------------------------------------------------------------------------- effective flags

    @Test
    void anOrganizationsFlagIsTrueWhenAnyOfItsValidOrgWideRowsIsTrue() {
        UUID org = org(10);
        entitlement(org, null, "hasAPI", false, "plan", "pro", "null", "null");
        entitlement(org, null, "hasAPI", true, "addon", "api-addon", "null", "now() + interval '30 days'");

        assertThat(orgFlag(org, "hasAPI")).isTrue();
    }

    @Test
    void anOrganizationsFlagIsFalseWhenAllItsValidOrgWideRowsAreFalse() {
        UUID org = org(11);
        entitlement(org, null, "hasAPI", false, "plan", "pro", "null", "null");
        entitlement(org, null, "hasAPI", false, "manual", "", "null", "null");

        assertThat(orgFlag(org, "hasAPI")).isFalse();
    }

    @Test
    void aUsersOwnRowDoesNotTurnOnTheOrganizationsFlag() {
        UUID org = org(12);
        entitlement(org, null, "hasAPI", false, "plan", "pro", "null", "null");
        entitlement(org, user(12), "hasAPI", true, "license", "seat-1", "null", "null");

        assertThat(orgFlag(org, "hasAPI")).isFalse();
    }

    @Test
    void aMembersFlagOrsTheOrgWideRowsWithTheirOwnRows() {
        UUID org = org(13);
        member(org, user(13), "owner");
        member(org, user(14), "member");
        entitlement(org, null, "hasAPI", false, "plan", "pro", "null", "null");
        entitlement(org, user(13), "hasAPI", true, "license", "seat-1", "null", "null");

        assertThat(userFlag(org, user(13), "hasAPI")).isTrue();
        assertThat(userFlag(org, user(14), "hasAPI")).isFalse();
    }

    @Test
    void everyMemberGetsAFlagTheWholeOrganizationHas() {
        UUID org = org(15);
        member(org, user(15), "owner");
        member(org, user(16), "member");
        entitlement(org, null, "canExportPDF", true, "plan", "pro", "null", "null");
        entitlement(org, user(16), "canExportPDF", false, "manual", "", "null", "null");

        assertThat(userFlag(org, user(15), "canExportPDF")).isTrue();
        assertThat(userFlag(org, user(16), "canExportPDF")).isTrue();
    }

    @Test
    void expiredRowsAreIgnored() {
        UUID org = org(17);
        member(org, user(17), "owner");
        entitlement(org, null, "hasSSO", false, "plan", "pro", "null", "null");
        entitlement(org, null, "hasSSO", true, "addon", "sso-trial", "now() - interval '30 days'",
                "now() - interval '1 day'");
        entitlement(org, user(17), "hasSSO", true, "license", "seat-old", "now() - interval '30 days'",
                "now() - interval '1 minute'");

        assertThat(orgFlag(org, "hasSSO")).isFalse();
        assertThat(userFlag(org, user(17), "hasSSO")).isFalse();
    }

    @Test
    void rowsThatStartInTheFutureAreIgnored() {
        UUID org = org(18);
        member(org, user(18), "owner");
        entitlement(org, null, "hasSSO", false, "plan", "pro", "null", "null");
        entitlement(org, null, "hasSSO", true, "addon", "sso-next-month", "now() + interval '1 day'", "null");
        entitlement(org, user(18), "hasSSO", true, "license", "seat-next", "now() + interval '1 minute'", "null");

        assertThat(orgFlag(org, "hasSSO")).isFalse();
        assertThat(userFlag(org, user(18), "hasSSO")).isFalse();
    }

    @Test
    void rowsValidUntilALaterTimeCountNow() {
        UUID org = org(19);
        member(org, user(19), "owner");
        entitlement(org, null, "hasSSO", false, "plan", "pro", "null", "null");
        entitlement(org, user(19), "hasSSO", true, "license", "seat-current", "now() - interval '1 day'",
                "now() + interval '1 day'");

        assertThat(userFlag(org, user(19), "hasSSO")).isTrue();
    }

    // ----------------------------------------------------------------------------------------- gating lookups

    @Test
    void theOrganizationGatingLookupIsAnIndexScanByOrganization() {
        assertIndexLookupByOrganization(jdbc, String.format(
                "select value from public.entitlements_effective_org where org_id = '%s' and flag = 'canExportPDF'",
                BULK_ORG_777));
    }

    @Test
    void theOrganizationGatingLookupOfASignedInMemberIsAnIndexScanByOrganization() {
        db.as("authenticated", BULK_OWNER_777, connection -> {
            assertIndexLookupByOrganization(jdbc(connection), String.format(
                    "select value from public.entitlements_effective_org where org_id = '%s' and flag = 'canExportPDF'",
                    BULK_ORG_777));
            return null;
        });
    }

    @Test
    void theUserGatingLookupIsAnIndexScanByOrganization() {
        assertIndexLookupByOrganization(jdbc, String.format("""
                select value from public.entitlements_effective_user
                where org_id = '%s' and user_id = '%s' and flag = 'hasAPI'""", BULK_ORG_777, BULK_OWNER_777));
    }

    @Test
    void theGatingLookupAnswersFromTheBulkData() {
        // guards the EXPLAIN tests: the planted organization really has rows the lookup finds
        assertThat(jdbc.queryForObject("""
                select value from public.entitlements_effective_org where org_id = ? and flag = 'canExportPDF'""",
                Boolean.class, BULK_ORG_777)).isTrue();
        assertThat(jdbc.queryForObject("""
                select value from public.entitlements_effective_user where org_id = ? and user_id = ? and flag = 'hasAPI'""",
                Boolean.class, BULK_ORG_777, BULK_OWNER_777)).isTrue();
    }

    /**
     * EXPLAIN (format json) of the query: no plan node scans the entitlements table sequentially, every node
     * reading it is index-driven, and an index of entitlements is searched by org_id (Index Cond).
     */
    private static void assertIndexLookupByOrganization(JdbcTemplate jdbc, String query) {
        String plan = jdbc.queryForObject("explain (format json) " + query, String.class);
        List<Map<String, Object>> nodes = jdbc.queryForList("""
                select n ->> 'Node Type' as node_type, n ->> 'Relation Name' as relation,
                       n ->> 'Index Name' as index_name, n ->> 'Index Cond' as index_cond
                from jsonb_path_query(?::jsonb, 'strict $.**') as n
                where jsonb_typeof(n) = 'object' and n ? 'Node Type'""".replace(" n ? ", " n ?? "), plan);
        List<String> entitlementIndexes = jdbc.queryForList(
                "select indexname from pg_catalog.pg_indexes where schemaname = 'public' and tablename = 'entitlements'",
                String.class);

        assertThat(nodes).as("plan nodes of %s", plan)
                .filteredOn(node -> "entitlements".equals(node.get("relation")))
                .isNotEmpty()
                .allSatisfy(node -> assertThat((String) node.get("node_type"))
                        .isIn("Index Scan", "Index Only Scan", "Bitmap Heap Scan"));
        assertThat(nodes).as("plan nodes of %s", plan)
                .anySatisfy(node -> {
                    assertThat((String) node.get("index_name")).isIn(entitlementIndexes);
                    assertThat((String) node.get("index_cond")).contains("org_id");
                });
    }

    // ----------------------------------------------------------------------------------------- helpers

    /** A fresh organization n (no creator, so no member). */
    private UUID org(int n) {
        UUID org = UUID.fromString(String.format("00000000-0000-4000-8000-0005%08d", n));
        jdbc.update("insert into public.organizations (id, name, slug) values (?, ?, ?)", org, "Ent " + n, "ent-" + n);
        return org;
    }

    private static UUID user(int n) {
        return UUID.fromString(String.format("00000000-0000-4000-8000-0006%08d", n));
    }

    private void member(UUID org, UUID user, String role) {
        jdbc.update("insert into public.org_members (org_id, user_id, role) values (?, ?, ?)", org, user, role);
    }

    private void entitlement(UUID org, UUID user, String flag, boolean value, String source, String sourceRef,
                             String validFromSql, String validUntilSql) {
        jdbc.update("insert into public.entitlements (org_id, user_id, flag, value, source, source_ref, valid_from, valid_until)"
                + " values (?, ?, ?, ?, ?, ?, coalesce(" + validFromSql + ", now()), " + validUntilSql + ")",
                org, user, flag, value, source, sourceRef);
    }

    private Boolean orgFlag(UUID org, String flag) {
        List<Boolean> values = jdbc.queryForList(
                "select value from public.entitlements_effective_org where org_id = ? and flag = ?", Boolean.class, org, flag);
        assertThat(values).as("rows of entitlements_effective_org for %s", flag).hasSize(1);
        return values.get(0);
    }

    private Boolean userFlag(UUID org, UUID user, String flag) {
        List<Boolean> values = jdbc.queryForList(
                "select value from public.entitlements_effective_user where org_id = ? and user_id = ? and flag = ?",
                Boolean.class, org, user, flag);
        assertThat(values).as("rows of entitlements_effective_user for %s", flag).hasSize(1);
        return values.get(0);
    }

    private List<String> planRows(UUID org) {
        return jdbc.queryForList("""
                select flag || '=' || value || '@' || source_ref from public.entitlements
                where org_id = ? and source = 'plan' and user_id is null
                union all
                select 'user row ' || flag from public.entitlements
                where org_id = ? and source = 'plan' and user_id is not null""", String.class, org, org);
    }

    /** Physical versions of the org's rows: any rewrite changes xmin/ctid. */
    private List<Map<String, Object>> rowVersions(UUID org, String where) {
        return jdbc.queryForList("select id, xmin::text as xmin, ctid::text as ctid, updated_at, value, valid_from,"
                + " valid_until from public.entitlements where org_id = ? and " + where + " order by id", org);
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static JdbcTemplate jdbc(Connection connection) {
        return new JdbcTemplate(new SingleConnectionDataSource(connection, true));
    }
}

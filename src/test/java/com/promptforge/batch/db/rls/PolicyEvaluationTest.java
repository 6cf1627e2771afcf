package com.promptforge.batch.db.rls;

import static com.promptforge.batch.db.rls.RlsFixture.A;
import static com.promptforge.batch.db.rls.RlsFixture.execute;
import static com.promptforge.batch.db.rls.RlsFixture.queryString;
import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Row-level security is evaluated once per statement, not once per row (issue 14): no policy calls a
 * function of schema public or auth for each row, and a member's query without an org filter plans the
 * membership as an InitPlan (or a hashed SubPlan) whose result the scan compares against. A per-row call of
 * a PL/pgSQL membership function costs ~7 us per row visited and keeps the planner from the org_id indexes
 * (docs/DATABASE.md, "Row-level security: the policy pattern").
 *
 * <p>Function names are read with {@code search_path = ''}, so every function of ours is schema-qualified in
 * the deparsed policies and plans ({@code public.pf_...}, {@code auth.uid}); built-ins stay unqualified.
 */
@PromptForgeDatabase
class PolicyEvaluationTest {

    /** A call of one of our functions (public.* or auth.*). */
    private static final Pattern OUR_FUNCTION_CALL = Pattern.compile("\\b(?:public|auth)\\.\\w+\\(");

    /**
     * An uncorrelated scalar sub-select of one of our functions with constant arguments (none, or an array of
     * text literals such as the roles): PostgreSQL runs it once per statement as an InitPlan.
     */
    private static final Pattern ONCE_PER_STATEMENT_CALL = Pattern.compile(
            "\\(\\s*SELECT (?:public|auth)\\.\\w+\\((?:ARRAY\\[(?:'[^']*'::text(?:, )?)*\\])?\\) AS \\w+\\)");

    /** org_id compared with an InitPlan's result: "(InitPlan 1).col1" from PostgreSQL 17 on, "$0" before. */
    private static final Pattern COMPARED_WITH_INITPLAN =
            Pattern.compile("org_id = ANY \\((\\(InitPlan \\d+\\)\\.col\\d+|\\$\\d+)\\)");

    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestDatabase db;

    @BeforeAll
    static void seed(TestDatabase database) {
        db = database;
        RlsFixture.seed(database);
    }

    @Test
    @DisplayName("no policy calls a function of ours per row: only as (select f(constants)), once per statement")
    void noPolicyCallsAFunctionPerRow() {
        List<Policy> policies = db.rolledBack(c -> {
            execute(c, "set local search_path = ''");
            List<Policy> rows = new ArrayList<>();
            try (Statement statement = c.createStatement(); ResultSet resultSet = statement.executeQuery("""
                    select c.relname || '.' || p.polname,
                           coalesce(pg_catalog.pg_get_expr(p.polqual, p.polrelid), ''),
                           coalesce(pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid), '')
                      from pg_catalog.pg_policy p
                      join pg_catalog.pg_class c on c.oid = p.polrelid
                     where c.relnamespace = 'public'::pg_catalog.regnamespace
                     order by 1
                    """)) {
                while (resultSet.next()) {
                    rows.add(new Policy(resultSet.getString(1), resultSet.getString(2), resultSet.getString(3)));
                }
            }
            return rows;
        });
        assertThat(policies).as("policies of schema public").hasSizeGreaterThan(20);

        List<String> perRow = new ArrayList<>();
        for (Policy policy : policies) {
            for (Map.Entry<String, String> clause : Map.of("using", policy.using(), "with check", policy.withCheck())
                    .entrySet()) {
                if (callsPerRow(clause.getValue())) {
                    perRow.add(policy.name() + " " + clause.getKey() + ": " + clause.getValue());
                }
            }
        }
        assertThat(perRow).as("policies calling a function per row (write org_id = any ((select public.pf_my_org_ids())::uuid[]))")
                .isEmpty();
    }

    @TestFactory
    @DisplayName("a member's unfiltered count of each table: membership once per statement, no per-row call")
    Stream<DynamicTest> memberCountsEvaluateMembershipOnce() {
        List<String> tables = db.jdbc().queryForList("""
                select c.relname::text
                  from pg_catalog.pg_class c
                 where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and c.relrowsecurity
                   and pg_catalog.has_table_privilege('authenticated', c.oid, 'SELECT')
                 order by 1
                """, String.class);
        assertThat(tables).contains("runs", "org_members", "entitlements", "prompt_scores");
        return tables.stream().map(table -> DynamicTest.dynamicTest(table, () -> {
            JsonNode plan = explainAsMember("select count(*) from public." + table);
            assertNoPerRowCall(plan);
            if (policiesCallOurFunctions(table)) {
                assertThat(oncePerStatementCalls(plan))
                        .as("an InitPlan or hashed SubPlan computing the membership, in: %s", plan)
                        .isNotEmpty();
            }
        }));
    }

    @Test
    @DisplayName("the issue's case: a member's count of the week's runs with no org filter compares org_id with the InitPlan's array")
    void memberCountOfTheWeeksRunsWithoutOrgFilter() {
        JsonNode plan = explainAsMember(
                "select count(*) from public.runs where created_at >= now() - interval '7 days'");
        assertNoPerRowCall(plan);
        assertThat(oncePerStatementCalls(plan)).as("%s", plan)
                .anySatisfy(call -> assertThat(call).contains("public.pf_my_org_ids()"));
        assertThat(conditions(plan)).as("index conditions and filters of %s", plan)
                .anySatisfy(condition -> assertThat(condition).containsPattern(COMPARED_WITH_INITPLAN));
    }

    @Test
    @DisplayName("an admin's unfiltered updates and deletes: the role checks run once per statement")
    void roleChecksOfWritesRunOncePerStatement() {
        for (String write : List.of("delete from public.org_members",
                "update public.org_members set role = role",
                "update public.organizations set name = name",
                "delete from public.organizations",
                "update public.runs set status = status")) {
            JsonNode plan = explainAs(A.admin(), write);
            assertNoPerRowCall(plan);
            assertThat(oncePerStatementCalls(plan)).as("%s: %s", write, plan).isNotEmpty();
        }
    }

    @Test
    @DisplayName("gating one (org, user, flag) through entitlements_effective_user is an index lookup for a member")
    void gatingThroughTheUserViewIsAnIndexLookup() {
        JsonNode plan = db.as("authenticated", A.member(), c -> {
            // with sequential scans priced out, a plan that still has one cannot use an index (tiny test tables
            // would otherwise be scanned whole, which says nothing)
            execute(c, "set local enable_seqscan = off");
            return explain(c, "select value from public.entitlements_effective_user where org_id = '" + A.id()
                    + "' and user_id = '" + A.member() + "' and flag = 'hasAPI'");
        });
        assertNoPerRowCall(plan);
        assertThat(nodeTypes(plan)).as("%s", plan).doesNotContain("Seq Scan")
                .containsAnyOf("Index Scan", "Index Only Scan");
    }

    /** A policy of schema public with its deparsed expressions ('' where it has none). */
    private record Policy(String name, String using, String withCheck) {
    }

    /** True when the expression still calls one of our functions once its once-per-statement sub-selects are taken out. */
    private static boolean callsPerRow(String expression) {
        return OUR_FUNCTION_CALL.matcher(ONCE_PER_STATEMENT_CALL.matcher(expression).replaceAll("")).find();
    }

    private static JsonNode explainAsMember(String sql) {
        return explainAs(A.member(), sql);
    }

    private static JsonNode explainAs(UUID user, String sql) {
        return db.as("authenticated", user, c -> explain(c, sql));
    }

    private static JsonNode explain(Connection c, String sql) throws SQLException {
        execute(c, "set local search_path = ''");
        return JSON.readTree(queryString(c, "explain (verbose, format json) " + sql)).get(0).get("Plan");
    }

    private static boolean policiesCallOurFunctions(String table) {
        return db.rolledBack(c -> {
            execute(c, "set local search_path = ''");
            return OUR_FUNCTION_CALL.matcher(queryString(c, """
                    select coalesce(string_agg(coalesce(pg_catalog.pg_get_expr(p.polqual, p.polrelid), ''), ' '), '')
                      from pg_catalog.pg_policy p
                     where p.polrelid = 'public.%s'::pg_catalog.regclass
                       and p.polcmd in ('r', '*')
                    """.formatted(table))).find();
        });
    }

    /** Fails naming every plan node, outside InitPlans and hashed SubPlans, whose expressions call our functions. */
    private static void assertNoPerRowCall(JsonNode plan) {
        List<String> perRow = new ArrayList<>();
        collectCalls(plan, false, false, perRow);
        assertThat(perRow).as("per-row calls of our functions in %s", plan).isEmpty();
    }

    private static List<String> oncePerStatementCalls(JsonNode plan) {
        List<String> once = new ArrayList<>();
        collectCalls(plan, false, true, once);
        return once;
    }

    /** Collects "node: field: expression" for expressions calling our functions, inside (once) or outside once-per-statement subplans. */
    private static void collectCalls(JsonNode node, boolean insideOnce, boolean wantOnce, List<String> out) {
        String relationship = node.path("Parent Relationship").asString("");
        String subplanName = node.path("Subplan Name").asString("");
        boolean once = insideOnce || relationship.equals("InitPlan")
                || (relationship.equals("SubPlan") && subplanName.startsWith("hashed"));
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (field.getKey().equals("Plans")) {
                continue;
            }
            List<String> texts = new ArrayList<>();
            if (field.getValue().isArray()) {
                field.getValue().forEach(item -> texts.add(item.asString("")));
            } else {
                texts.add(field.getValue().asString(""));
            }
            for (String text : texts) {
                if (once == wantOnce && OUR_FUNCTION_CALL.matcher(text).find()) {
                    out.add(node.path("Node Type").asString("") + ": " + field.getKey() + ": " + text);
                }
            }
        }
        for (JsonNode child : node.path("Plans")) {
            collectCalls(child, once, wantOnce, out);
        }
    }

    /** The index conditions, recheck conditions and filters of every plan node. */
    private static List<String> conditions(JsonNode node) {
        List<String> conditions = new ArrayList<>();
        for (String field : List.of("Index Cond", "Recheck Cond", "Filter")) {
            if (node.has(field)) {
                conditions.add(node.get(field).asString(""));
            }
        }
        for (JsonNode child : node.path("Plans")) {
            conditions.addAll(conditions(child));
        }
        return conditions;
    }

    private static List<String> nodeTypes(JsonNode node) {
        List<String> types = new ArrayList<>();
        types.add(node.path("Node Type").asString(""));
        for (JsonNode child : node.path("Plans")) {
            types.addAll(nodeTypes(child));
        }
        return types;
    }
}

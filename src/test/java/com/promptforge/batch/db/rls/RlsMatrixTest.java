package com.promptforge.batch.db.rls;

import static com.promptforge.batch.db.rls.RlsFixture.A;
import static com.promptforge.batch.db.rls.RlsFixture.B;
import static com.promptforge.batch.db.rls.RlsFixture.asSuperuser;
import static com.promptforge.batch.db.rls.RlsFixture.attempt;
import static com.promptforge.batch.db.rls.RlsFixture.count;
import static com.promptforge.batch.db.rls.RlsFixture.execute;
import static com.promptforge.batch.db.rls.RlsFixture.fill;
import static com.promptforge.batch.db.rls.RlsFixture.snapshot;
import static com.promptforge.batch.db.rls.RlsFixture.superCount;
import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.db.rls.RlsFixture.Org;
import com.promptforge.batch.db.rls.RlsFixture.Outcome;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The row-level-security matrix of docs/DATABASE.md and issue 2: every table of schema public x
 * anon / member / admin / owner / outsider / service_role x select / insert / update / delete, one
 * dynamic test per cell, named like "runs: outsider cannot update".
 *
 * <p>Who is who (seed: {@link RlsFixture}): the cell is about <b>organization A</b>. member, admin and
 * owner are A's member, admin and owner; outsider is signed in and is the <em>owner of organization B</em>
 * and of nothing else (so a refusal cannot be explained by a weak role); anon has no JWT subject;
 * service_role has no subject either (the batch service's key).
 *
 * <p>Every cell asserts its expected outcome and, for tenant tables, the contrasting case too:
 * <ul>
 *   <li>member / admin / owner: the same operation on organization B's row is refused (select sees
 *       none of B's rows, nor any row outside A);</li>
 *   <li>outsider: the same operation on its own organization B behaves as the owner column says, so
 *       the refusal in A is shown to come from tenant isolation, not from a missing privilege;</li>
 *   <li>organizations insert: "create an organization" is allowed as oneself, and the contrast is
 *       creating one in someone else's name ({@code created_by} = another user), which is refused;</li>
 *   <li>service_role: the same operation on B is allowed as well.</li>
 * </ul>
 * How each outcome is shown: a visible SELECT returns exactly the rows the superuser counts (more
 * than zero); a refused SELECT returns none of them ({@code -}) or fails with 42501 ({@code x}). An
 * allowed INSERT / UPDATE / DELETE reports one row and the superuser reads the row back inserted /
 * changed / gone in the same transaction; a refused INSERT fails with SQLState 42501 and the row is
 * absent; a refused UPDATE / DELETE fails with 42501 or affects 0 rows, and the superuser reads the
 * row back unchanged. Each cell runs in its own rolled-back transaction ({@link TestDatabase#as}),
 * each attempt inside it in its own rolled-back savepoint.
 */
@PromptForgeDatabase
class RlsMatrixTest {

    /**
     * The expected outcome of every cell. One four-letter code per actor, the operations in the order
     * select, insert, update, delete:
     * <pre>
     *   S  select sees all of organization A's rows (global tables: all rows)
     *   -  refused: select sees none of them (RLS); insert fails with 42501;
     *              update/delete fail with 42501 or change 0 rows, and the row is unchanged
     *   x  select fails with 42501 permission denied (no privilege at all)
     *   I U D  insert / update / delete allowed (1 row, read back as done)
     * </pre>
     * organizations / insert means "create a new organization as oneself" (any signed-in user may).
     * flyway_schema_history is Flyway's own bookkeeping, written only by the migrating owner: closed to
     * anon and authenticated (009's security test 610), and to service_role as well, whose "everything"
     * covers PromptForge's data, not the migration history (on Supabase, service_role gets it through
     * Supabase's default privileges; {@link SupabaseDefaultPrivilegesTest} does not ask service_role).
     */
    static final String MATRIX = """
            table                   anon  member  admin  owner  outsider  service_role
            organizations           x---  SI--    SIU-   SIUD   -I--      SIUD
            org_members             x---  S---    SIUD   SIUD   ----      SIUD
            subscriptions           x---  S---    S---   S---   ----      SIUD
            entitlement_grants      x---  S---    S---   S---   ----      SIUD
            entitlements            x---  S---    S---   S---   ----      SIUD
            entitlement_changes     x---  S---    S---   S---   ----      SIUD
            entitlement_sync_skips  x---  S---    S---   S---   ----      SIUD
            plans                   S---  S---    S---   S---   S---      SIUD
            plan_entitlements       S---  S---    S---   S---   S---      SIUD
            modules                 S---  S---    S---   S---   S---      SIUD
            domains                 S---  S---    S---   S---   S---      SIUD
            parameters              S---  S---    S---   S---   S---      SIUD
            module_versions         S---  S---    S---   S---   S---      SIUD
            runs                    x---  SIU-    SIU-   SIU-   ----      SIUD
            run_telemetry           x---  SI--    SI--   SI--   ----      SIUD
            prompt_history          x---  SI--    SI--   SI--   ----      SIUD
            prompt_scores           x---  SI--    SI--   SI--   ----      SIUD
            bundles                 x---  SI--    SI--   SI--   ----      SIUD
            audit_export_requests   x---  ----    SIU-   SIU-   ----      SIUD
            flyway_schema_history   x---  x---    x---   x---   x---      x---
            """;

    enum Actor {
        ANON("anon", "anon"),
        MEMBER("member", "authenticated"),
        ADMIN("admin", "authenticated"),
        OWNER("owner", "authenticated"),
        OUTSIDER("outsider", "authenticated"),
        SERVICE_ROLE("service_role", "service_role");

        final String label;
        final String role;

        Actor(String label, String role) {
            this.label = label;
            this.role = role;
        }

        /** The JWT subject: A's member/admin/owner, B's owner for the outsider, none for anon and service_role. */
        UUID userId() {
            return switch (this) {
                case MEMBER -> A.member();
                case ADMIN -> A.admin();
                case OWNER -> A.owner();
                case OUTSIDER -> B.owner();
                case ANON, SERVICE_ROLE -> null;
            };
        }

        /** The organization this actor belongs to (null for anon and service_role). */
        Org ownOrg() {
            return switch (this) {
                case MEMBER, ADMIN, OWNER -> A;
                case OUTSIDER -> B;
                case ANON, SERVICE_ROLE -> null;
            };
        }

        boolean signedIn() {
            return role.equals("authenticated");
        }
    }

    enum Op {
        SELECT, INSERT, UPDATE, DELETE;

        String verb() {
            return name().toLowerCase();
        }
    }

    enum Expect {
        /** S / I / U / D */
        ALLOWED,
        /** '-' */
        REFUSED,
        /** 'x': select fails with 42501 */
        PERMISSION_DENIED
    }

    record Cell(String table, Actor actor, Op op, Expect expect) {

        String displayName() {
            String can = expect == Expect.ALLOWED ? "can" : "cannot";
            String detail = "";
            if (op == Op.SELECT && expect == Expect.PERMISSION_DENIED) {
                detail = " (permission denied)";
            } else if (op == Op.SELECT && expect == Expect.REFUSED) {
                detail = " (sees no rows of " + A.name() + ")";
            }
            return table + ": " + actor.label + " " + can + " " + op.verb() + detail;
        }
    }

    /**
     * How each table is exercised. Templates use the placeholders of {@link Org#placeholders()} plus
     * {user} (the acting user; A's or B's member for anon and service_role), {newcomer}, {newOrg},
     * {params}, {vector}, {spec}, {kpis}. {@code row} picks the one seeded row that update and delete
     * target; {@code updated} holds for that row once {@code set} has been applied; {@code inserted}
     * finds the inserted row; {@code prepare} (superuser, optional) makes room for the insert so that
     * only the rules can refuse it (e.g. a table with one row per organization or a closed key set).
     */
    record TableSpec(String name, String orgColumn, String prepare, String insert, String inserted,
                     String row, String set, String updated) {

        boolean tenant() {
            return orgColumn != null;
        }

        String insertSql() {
            return "insert into public." + name + " " + insert;
        }

        String updateSql() {
            return "update public." + name + " set " + set + " where " + row;
        }

        String deleteSql() {
            return "delete from public." + name + " where " + row;
        }
    }

    static final String VECTOR = "{\"clarity\": 0.5, \"specificity\": 0.5, \"context\": 0.5, \"structure\": 0.5, "
            + "\"constraints\": 0.5, \"creativity\": 0.5, \"actionability\": 0.5}";
    static final String SPEC = "{\"objective\": \"RLS matrix\", \"inputs\": [\"input\"], \"outputs\": [\"output\"], "
            + "\"template\": \"Do {{input}}\"}";
    static final String KPIS = "[{\"name\": \"RLS\", \"target\": 1, \"unit\": \"%\"}]";

    static final Map<String, TableSpec> TABLES = tables(
            new TableSpec("organizations", "id", null,
                    "(id, name, slug) values ('{newOrg}', 'RLS new org', 'rls-new-org')",
                    "id = '{newOrg}'",
                    "id = '{org}'", "name = 'renamed by rls matrix'", "name = 'renamed by rls matrix'"),
            new TableSpec("org_members", "org_id", null,
                    "(org_id, user_id, role) values ('{org}', '{newcomer}', 'member')",
                    "org_id = '{org}' and user_id = '{newcomer}' and role = 'member'",
                    "org_id = '{org}' and user_id = '{member}'", "role = 'admin'", "role = 'admin'"),
            new TableSpec("subscriptions", "org_id",
                    "delete from public.subscriptions where org_id = '{org}'",
                    "(id, org_id, plan_code, status) values ('{newSubscription}', '{org}', 'enterprise', 'trialing')",
                    "id = '{newSubscription}'",
                    "id = '{subscription}'", "status = 'past_due'", "status = 'past_due'"),
            new TableSpec("entitlement_grants", "org_id", null,
                    "(id, org_id, source, source_ref, flag, value) values ('{newGrant}', '{org}', 'license', 'rls-matrix', 'hasSSO', true)",
                    "id = '{newGrant}'",
                    "id = '{grant}'", "revoked_at = now()", "revoked_at is not null"),
            new TableSpec("entitlements", "org_id", null,
                    "(id, org_id, flag, value, source, source_ref) values ('{newEntitlement}', '{org}', 'hasSSO', true, 'manual', 'rls-matrix')",
                    "id = '{newEntitlement}'",
                    "id = '{entitlement}'", "value = false", "value = false"),
            new TableSpec("entitlement_changes", "org_id", null,
                    "(org_id, flag, source, source_ref, kind, new_value, new_valid_from, job_instance_id, job_execution_id) "
                            + "values ('{org}', 'hasSSO', 'manual', 'rls-matrix', 'added', true, now(), 2, 2)",
                    "org_id = '{org}' and source_ref = 'rls-matrix'",
                    "org_id = '{org}' and source_ref = 'rls-addon-api'", "new_value = false", "new_value = false"),
            new TableSpec("entitlement_sync_skips", "org_id", null,
                    "(org_id, reason, job_instance_id, job_execution_id) values ('{org}', 'rls matrix', 2, 2)",
                    "org_id = '{org}' and reason = 'rls matrix'",
                    "org_id = '{org}' and job_execution_id = 1", "reason = 'rewritten by rls matrix'",
                    "reason = 'rewritten by rls matrix'"),
            new TableSpec("plans", null,
                    "delete from public.plans where code = 'enterprise'",
                    "(code, name, description, monthly_price_cents) values ('enterprise', 'Enterprise (rls matrix)', 'rls matrix', 99900)",
                    "code = 'enterprise' and name = 'Enterprise (rls matrix)'",
                    "code = 'pro'", "name = 'Pro (rls matrix)'", "name = 'Pro (rls matrix)'"),
            new TableSpec("plan_entitlements", null,
                    "delete from public.plan_entitlements where plan_code = 'pilot' and flag = 'hasSSO'",
                    "(plan_code, flag, value) values ('pilot', 'hasSSO', false)",
                    "plan_code = 'pilot' and flag = 'hasSSO'",
                    "plan_code = 'pilot' and flag = 'hasAPI'", "value = true", "value = true"),
            new TableSpec("modules", null,
                    "delete from public.modules where id = 'M50'",
                    "(id, name, category, vector, spec, kpis) values ('M50', 'RLS matrix module', 'testing', '{vector}', '{spec}', '{kpis}')",
                    "id = 'M50' and name = 'RLS matrix module'",
                    "id = 'M49'", "name = 'renamed by rls matrix'", "name = 'renamed by rls matrix'"),
            new TableSpec("domains", null, null,
                    "(code, name, jargon, compliance) values ('RLS_MATRIX', 'RLS matrix domain', '[\"row level security\"]', "
                            + "'{\"frameworks\": [\"SOC2\"], \"data_sensitivity\": \"low\"}')",
                    "code = 'RLS_MATRIX'",
                    "code = 'UTILITIES'", "name = 'Utilities (rls matrix)'", "name = 'Utilities (rls matrix)'"),
            new TableSpec("parameters", null,
                    "delete from public.parameters where dimension = 'urgency' and code = 'critical'",
                    "(dimension, code, label, ordinal) values ('urgency', 'critical', 'Critical (rls matrix)', 4)",
                    "dimension = 'urgency' and code = 'critical' and label = 'Critical (rls matrix)'",
                    "dimension = 'resources' and code = 'extensive'", "label = 'Extensive (rls matrix)'",
                    "label = 'Extensive (rls matrix)'"),
            new TableSpec("module_versions", null, null,
                    "(module_id, version, spec, status, is_current, changelog) values ('M49', '1.1.0-rls', '{spec}', 'draft', false, 'rls matrix')",
                    "module_id = 'M49' and version = '1.1.0-rls'",
                    "module_id = 'M48' and version = '1.0.0'", "changelog = 'rls matrix'", "changelog = 'rls matrix'"),
            new TableSpec("runs", "org_id", null,
                    "(id, org_id, user_id, module_id, domain_code, parameters) values ('{newRun}', '{org}', '{user}', 'M03', 'RETAIL', '{params}')",
                    "id = '{newRun}'",
                    "id = '{unscoredRun}'", "status = 'running', started_at = now()", "status = 'running'"),
            new TableSpec("run_telemetry", "org_id", null,
                    "(run_id, org_id, event_type, payload) values ('{scoredRun}', '{org}', 'llm_call', "
                            + "'{\"model\": \"rls-matrix\", \"prompt_tokens\": 1, \"completion_tokens\": 2, \"latency_ms\": 3}')",
                    "org_id = '{org}' and payload ->> 'model' = 'rls-matrix'",
                    "run_id = '{scoredRun}' and event_type = 'run_started'",
                    "payload = '{\"model\": \"rls-updated\", \"module_version\": \"1.0.0\"}'",
                    "payload ->> 'model' = 'rls-updated'"),
            new TableSpec("prompt_history", "org_id", null,
                    "(id, run_id, org_id, user_id, action, snapshot) values ('{newHistory}', '{scoredRun}', '{org}', '{user}', 'edited', "
                            + "'{\"prompt\": \"edited by rls matrix\"}')",
                    "id = '{newHistory}'",
                    "id = '{history}'", "snapshot = '{\"prompt\": \"rewritten\"}'", "snapshot = '{\"prompt\": \"rewritten\"}'"),
            new TableSpec("prompt_scores", "org_id", null,
                    "(run_id, org_id, clarity, execution, ambiguity, alignment, business_fit, scored_by) "
                            + "values ('{unscoredRun}', '{org}', 85, 88, 15, 90, 82, '{user}')",
                    "run_id = '{unscoredRun}'",
                    "run_id = '{scoredRun}'", "clarity = 1", "clarity = 1"),
            new TableSpec("bundles", "org_id", null,
                    "(id, run_id, org_id, formats, paths, checksum, license_notice, created_by) values ('{newBundle}', "
                            + "'{scoredRun}', '{org}', array['docx'], '{\"docx\": \"bundles/rls.docx\"}', "
                            + "'sha256:' || repeat('cd', 32), 'rls matrix notice', '{user}')",
                    "id = '{newBundle}'",
                    "id = '{bundle}'", "license_notice = 'rewritten by rls matrix'",
                    "license_notice = 'rewritten by rls matrix'"),
            // a request as the app files it; the one update a tenant may make is cancelling a queued request
            new TableSpec("audit_export_requests", "org_id", null,
                    "(org_id, requested_by, period_from, period_to) values ('{org}', '{user}', '2026-11-01', '2026-11-30')",
                    "org_id = '{org}' and period_from = '2026-11-01'",
                    "id = '{exportRequest}'", "status = 'canceled'", "status = 'canceled'"),
            new TableSpec("flyway_schema_history", null, null,
                    "(installed_rank, version, description, type, script, checksum, installed_by, execution_time, success) "
                            + "values (9999, '999', 'rls matrix', 'SQL', '999_rls_matrix.sql', 0, 'rls', 0, true)",
                    "installed_rank = 9999",
                    "installed_rank = 1", "description = 'rewritten by rls matrix'",
                    "description = 'rewritten by rls matrix'"));

    /** Creating an organization in someone else's name: the refused contrast of "organizations: X can insert". */
    static final String INSERT_ORG_AS_SOMEONE_ELSE =
            "insert into public.organizations (id, name, slug, created_by) "
                    + "values ('{newOrg}', 'RLS new org', 'rls-new-org', '{newcomer}')";

    static final List<Cell> CELLS = parse(MATRIX);

    @BeforeAll
    static void seed(TestDatabase db) {
        RlsFixture.seed(db);
    }

    @Test
    void theMatrixCoversExactlyTheTablesOfSchemaPublic(TestDatabase db) {
        List<String> actual = db.jdbc().queryForList(
                "select tablename from pg_catalog.pg_tables where schemaname = 'public' order by tablename", String.class);
        List<String> inMatrix = CELLS.stream().map(Cell::table).distinct().sorted().toList();
        assertThat(inMatrix)
                .as("tables of the RLS matrix vs. tables of schema public: a new table needs its matrix row")
                .containsExactlyElementsOf(actual);
        assertThat(TABLES.keySet()).containsExactlyInAnyOrderElementsOf(inMatrix);
    }

    @Test
    void everyCellIsWrittenDown() {
        assertThat(CELLS).hasSize(TABLES.size() * Actor.values().length * Op.values().length);
    }

    @TestFactory
    Stream<DynamicNode> matrix(TestDatabase db) {
        return matrixTests(db, actor -> true, table -> true);
    }

    @TestFactory
    Stream<DynamicNode> truncate(TestDatabase db) {
        return truncateTests(db, table -> true);
    }

    /**
     * TRUNCATE ignores row-level security: per table, anon and authenticated must be refused it
     * (42501) and the table keeps its rows; service_role, which may do everything, is not asked to.
     */
    static Stream<DynamicNode> truncateTests(TestDatabase db, Predicate<String> tables) {
        return CELLS.stream().map(Cell::table).distinct().filter(tables).map(table -> DynamicTest.dynamicTest(
                table + ": anon and authenticated cannot truncate", () -> {
                    for (Actor actor : new Actor[] {Actor.ANON, Actor.MEMBER, Actor.OWNER}) {
                        db.as(actor.role, actor.userId(), c -> {
                            int before = superCount(c, "public." + table);
                            Outcome outcome = attempt(c, "truncate public." + table + " cascade");
                            assertThat(outcome.sqlState()).as(table + ": " + actor.label + " truncating -> " + outcome)
                                    .isEqualTo("42501");
                            assertThat(superCount(c, "public." + table)).isEqualTo(before);
                            return null;
                        });
                    }
                }));
    }

    @Test
    void anonAndAuthenticatedHoldNoTriggerOrReferencesPrivilege(TestDatabase db) {
        assertNoTriggerOrReferencesPrivilege(db, "");
    }

    /** TRIGGER and REFERENCES are never needed by a client (docs: no privilege except what a policy needs). */
    static void assertNoTriggerOrReferencesPrivilege(TestDatabase db, String exceptTable) {
        List<Map<String, Object>> held = db.jdbc().queryForList("""
                select c.relname as table_name, r.rolname as role, p.privilege
                  from pg_catalog.pg_class c
                  cross join (values ('anon'), ('authenticated')) as r(rolname)
                  cross join unnest(array['TRIGGER', 'REFERENCES']) as p(privilege)
                 where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm')
                   and pg_catalog.has_table_privilege(r.rolname, c.oid, p.privilege)
                   and c.relname <> ?
                 order by 1, 2, 3""", exceptTable);
        assertThat(held).as("TRIGGER / REFERENCES privileges of anon or authenticated in schema public").isEmpty();
    }

    /** One dynamic test per cell of the actors chosen, grouped by table; {@code db} must hold {@link RlsFixture}'s seed. */
    static Stream<DynamicNode> matrixTests(TestDatabase db, Predicate<Actor> actors, Predicate<String> tables) {
        Map<String, List<DynamicNode>> byTable = new LinkedHashMap<>();
        for (Cell cell : CELLS) {
            if (actors.test(cell.actor()) && tables.test(cell.table())) {
                byTable.computeIfAbsent(cell.table(), t -> new ArrayList<>())
                        .add(DynamicTest.dynamicTest(cell.displayName(), () -> check(db, cell)));
            }
        }
        return byTable.entrySet().stream().map(e -> DynamicContainer.dynamicContainer(e.getKey(), e.getValue()));
    }

    // ------------------------------------------------------------------------------------------
    // running one cell
    // ------------------------------------------------------------------------------------------

    private static void check(TestDatabase db, Cell cell) {
        TableSpec table = TABLES.get(cell.table());
        Actor actor = cell.actor();
        db.as(actor.role, actor.userId(), connection -> {
            Org target = table.tenant() ? A : null;
            isolated(connection, c -> verify(c, cell, table, target, cell.expect(), null));

            if (!table.tenant()) {
                return null;
            }
            if (table.name().equals("organizations") && cell.op() == Op.INSERT) {
                if (actor.signedIn()) {
                    isolated(connection, c -> verify(c, cell, table, B, Expect.REFUSED, INSERT_ORG_AS_SOMEONE_ELSE));
                }
                return null;
            }
            switch (actor) {
                case MEMBER, ADMIN, OWNER -> isolated(connection,
                        c -> verify(c, cell, table, B, Expect.REFUSED, null));
                case OUTSIDER -> isolated(connection,
                        c -> verify(c, cell, table, B, expectation(table.name(), Actor.OWNER, cell.op()), null));
                case SERVICE_ROLE -> isolated(connection,
                        c -> verify(c, cell, table, B, cell.expect(), null));
                case ANON -> {
                }
            }
            return null;
        });
    }

    /** Runs an attempt in a savepoint that is rolled back afterwards, so attempts cannot see each other. */
    private static void isolated(Connection connection, TestDatabase.SqlWork<Void> work) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            work.run(connection);
        } finally {
            connection.rollback(savepoint);
        }
    }

    private static Void verify(Connection c, Cell cell, TableSpec table, Org org, Expect expect, String sqlOverride)
            throws SQLException {
        Map<String, String> values = placeholders(org == null ? A : org, cell.actor());
        String where = org == null ? "this table" : org.name();
        String context = cell.displayName() + " [" + cell.op().verb() + " on " + where + " expected " + expect + "]";
        switch (cell.op()) {
            case SELECT -> verifySelect(c, cell.actor(), table, org, expect, context);
            case INSERT -> verifyInsert(c, table, values, expect, sqlOverride, context);
            case UPDATE -> verifyUpdate(c, table, values, expect, context);
            case DELETE -> verifyDelete(c, table, values, expect, context);
        }
        return null;
    }

    private static void verifySelect(Connection c, Actor actor, TableSpec table, Org org, Expect expect, String context)
            throws SQLException {
        String rows = org == null
                ? "public." + table.name()
                : "public." + table.name() + " where " + table.orgColumn() + " = '" + org.id() + "'";
        int total = superCount(c, rows);
        assertThat(total).as(context + ": the seed must have rows to look at").isPositive();
        Outcome seen = count(c, rows);
        switch (expect) {
            case ALLOWED -> {
                assertThat(seen.failed()).as(context + ": " + seen).isFalse();
                assertThat(seen.rows()).as(context + ": rows seen of " + total).isEqualTo(total);
                if (table.tenant() && actor.signedIn()) {
                    Outcome foreign = count(c, "public." + table.name() + " where " + table.orgColumn()
                            + " <> '" + actor.ownOrg().id() + "'");
                    assertThat(foreign.rows()).as(context + ": rows seen outside the actor's own organization")
                            .isZero();
                }
            }
            case REFUSED -> {
                assertThat(seen.failed()).as(context + ": a refused select returns no rows, no error: " + seen).isFalse();
                assertThat(seen.rows()).as(context + ": rows seen of " + total).isZero();
            }
            case PERMISSION_DENIED -> assertThat(seen.sqlState())
                    .as(context + ": expected 42501 permission denied, got " + seen).isEqualTo("42501");
        }
    }

    private static void verifyInsert(Connection c, TableSpec table, Map<String, String> values, Expect expect,
                                     String sqlOverride, String context) throws SQLException {
        String inserted = "public." + table.name() + " where " + fill(table.inserted(), values);
        if (table.prepare() != null) {
            asSuperuser(c, s -> {
                execute(s, fill(table.prepare(), values));
                return null;
            });
        }
        assertThat(superCount(c, inserted)).as(context + ": the row must not exist before").isZero();
        String sql = fill(sqlOverride != null ? sqlOverride : table.insertSql(), values);
        Outcome outcome = attempt(c, sql);
        int after = superCount(c, inserted);
        if (expect == Expect.ALLOWED) {
            assertThat(outcome.failed()).as(context + ": " + sql + " -> " + outcome).isFalse();
            assertThat(outcome.rows()).as(context + ": rows inserted").isEqualTo(1);
            assertThat(after).as(context + ": the inserted row read back as superuser").isEqualTo(1);
        } else {
            assertThat(outcome.sqlState()).as(context + ": expected 42501, " + sql + " -> " + outcome).isEqualTo("42501");
            assertThat(after).as(context + ": no row may have been inserted").isZero();
        }
    }

    private static void verifyUpdate(Connection c, TableSpec table, Map<String, String> values, Expect expect,
                                     String context) throws SQLException {
        String row = fill(table.row(), values);
        String before = snapshot(c, table.name(), row);
        assertThat(before).as(context + ": the seeded row to update must exist").isNotEqualTo("[]");
        String sql = fill(table.updateSql(), values);
        Outcome outcome = attempt(c, sql);
        String after = snapshot(c, table.name(), row);
        if (expect == Expect.ALLOWED) {
            assertThat(outcome.failed()).as(context + ": " + sql + " -> " + outcome).isFalse();
            assertThat(outcome.rows()).as(context + ": rows updated").isEqualTo(1);
            assertThat(superCount(c, "public." + table.name() + " where " + row + " and (" + fill(table.updated(), values) + ")"))
                    .as(context + ": the updated row read back as superuser: " + after).isEqualTo(1);
        } else {
            assertRefusedWrite(outcome, sql, context);
            assertThat(after).as(context + ": the row must be unchanged").isEqualTo(before);
        }
    }

    private static void verifyDelete(Connection c, TableSpec table, Map<String, String> values, Expect expect,
                                     String context) throws SQLException {
        String row = fill(table.row(), values);
        String before = snapshot(c, table.name(), row);
        assertThat(before).as(context + ": the seeded row to delete must exist").isNotEqualTo("[]");
        String sql = fill(table.deleteSql(), values);
        Outcome outcome = attempt(c, sql);
        String after = snapshot(c, table.name(), row);
        if (expect == Expect.ALLOWED) {
            assertThat(outcome.failed()).as(context + ": " + sql + " -> " + outcome).isFalse();
            assertThat(outcome.rows()).as(context + ": rows deleted").isEqualTo(1);
            assertThat(after).as(context + ": the row must be gone (read back as superuser)").isEqualTo("[]");
        } else {
            assertRefusedWrite(outcome, sql, context);
            assertThat(after).as(context + ": the row must still be there, unchanged").isEqualTo(before);
        }
    }

    private static void assertRefusedWrite(Outcome outcome, String sql, String context) {
        if (outcome.failed()) {
            assertThat(outcome.sqlState()).as(context + ": a refused write fails with 42501; " + sql + " -> " + outcome)
                    .isEqualTo("42501");
        } else {
            assertThat(outcome.rows()).as(context + ": a refused write changes no row; " + sql + " -> " + outcome)
                    .isZero();
        }
    }

    private static Map<String, String> placeholders(Org org, Actor actor) {
        Map<String, String> values = new LinkedHashMap<>(org.placeholders());
        values.put("user", (actor.userId() != null ? actor.userId() : org.member()).toString());
        values.put("newcomer", RlsFixture.NEWCOMER.toString());
        values.put("newOrg", RlsFixture.NEW_ORG.toString());
        values.put("params", RlsFixture.RUN_PARAMETERS);
        values.put("vector", VECTOR);
        values.put("spec", SPEC);
        values.put("kpis", KPIS);
        return values;
    }

    // ------------------------------------------------------------------------------------------
    // the matrix text
    // ------------------------------------------------------------------------------------------

    static Expect expectation(String table, Actor actor, Op op) {
        return CELLS.stream()
                .filter(c -> c.table().equals(table) && c.actor() == actor && c.op() == op)
                .findFirst().orElseThrow().expect();
    }

    static List<Cell> parse(String matrix) {
        List<String> lines = matrix.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        List<String> header = Arrays.asList(lines.get(0).split("\\s+"));
        List<String> expectedHeader = new ArrayList<>();
        expectedHeader.add("table");
        Arrays.stream(Actor.values()).map(a -> a.label).forEach(expectedHeader::add);
        if (!header.equals(expectedHeader)) {
            throw new IllegalStateException("matrix header must be " + expectedHeader + ", is " + header);
        }
        List<Cell> cells = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] parts = line.split("\\s+");
            if (parts.length != Actor.values().length + 1) {
                throw new IllegalStateException("matrix row needs a table and " + Actor.values().length + " codes: " + line);
            }
            for (Actor actor : Actor.values()) {
                String code = parts[actor.ordinal() + 1];
                if (code.length() != 4) {
                    throw new IllegalStateException("code must have 4 letters (select insert update delete): " + line);
                }
                for (Op op : Op.values()) {
                    cells.add(new Cell(parts[0], actor, op, decode(code.charAt(op.ordinal()), op, line)));
                }
            }
        }
        return List.copyOf(cells);
    }

    private static Expect decode(char letter, Op op, String line) {
        char allowed = "SIUD".charAt(op.ordinal());
        if (letter == allowed) {
            return Expect.ALLOWED;
        }
        if (letter == '-') {
            return Expect.REFUSED;
        }
        if (letter == 'x' && op == Op.SELECT) {
            return Expect.PERMISSION_DENIED;
        }
        throw new IllegalStateException("unknown code '" + letter + "' for " + op + " in: " + line);
    }

    private static Map<String, TableSpec> tables(TableSpec... specs) {
        Map<String, TableSpec> map = new LinkedHashMap<>();
        for (TableSpec spec : specs) {
            map.put(spec.name(), spec);
        }
        return map;
    }
}

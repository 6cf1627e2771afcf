package com.promptforge.batch.db.rls;

import com.promptforge.batch.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The seed shared by the RLS tests (written as superuser, once per test class) and the small JDBC helpers
 * they use inside {@link TestDatabase#as} transactions.
 *
 * <p>Two organizations, A and B, built the same way. Ids are deterministic: {@code aaaaaaaa-...} belongs to
 * A, {@code bbbbbbbb-...} to B, {@code cccccccc-...} to nobody; the last group says what it is:
 * {@code ...01} the organization, {@code a1} owner, {@code a2} admin, {@code a3} member, {@code a4} second
 * owner, {@code b1} subscription, {@code c1} grant, {@code c2} manual entitlement, {@code d1} scored run
 * (overall 90, bundled), {@code d2} unscored run, {@code e1} history row, {@code e2} queued audit export
 * request (019), {@code f1} bundle; the {@code *9} / {@code c8} ids are free for rows the tests insert.
 */
final class RlsFixture {

    static final Org A = new Org('a');
    static final Org B = new Org('b');

    /** A signed-in user who belongs to no organization (the one admins try to add). */
    static final UUID NEWCOMER = UUID.fromString("cccccccc-0000-4000-8000-0000000000a9");
    /** Id used for organizations created by the tests. */
    static final UUID NEW_ORG = UUID.fromString("cccccccc-0000-4000-8000-000000000001");

    static final String RUN_PARAMETERS =
            "{\"scale\": \"team\", \"urgency\": \"high\", \"complexity\": \"moderate\", \"resources\": \"standard\", "
                    + "\"application\": \"analysis\"}";

    private RlsFixture() {
    }

    /** The ids of one seeded organization. */
    record Org(char letter, UUID id, UUID owner, UUID admin, UUID member, UUID coOwner, UUID subscription,
               UUID grant, UUID entitlement, UUID scoredRun, UUID unscoredRun, UUID history, UUID bundle,
               UUID newSubscription, UUID newGrant, UUID newEntitlement, UUID newRun, UUID newHistory,
               UUID newBundle) {

        Org(char letter) {
            this(letter, id(letter, "000000000001"), id(letter, "0000000000a1"), id(letter, "0000000000a2"),
                    id(letter, "0000000000a3"), id(letter, "0000000000a4"), id(letter, "0000000000b1"),
                    id(letter, "0000000000c1"), id(letter, "0000000000c2"), id(letter, "0000000000d1"),
                    id(letter, "0000000000d2"), id(letter, "0000000000e1"), id(letter, "0000000000f1"),
                    id(letter, "0000000000b9"), id(letter, "0000000000c9"), id(letter, "0000000000c8"),
                    id(letter, "0000000000d9"), id(letter, "0000000000e9"), id(letter, "0000000000f9"));
        }

        private static UUID id(char letter, String tail) {
            return UUID.fromString(String.valueOf(letter).repeat(8) + "-0000-4000-8000-" + tail);
        }

        String name() {
            return "org " + Character.toUpperCase(letter);
        }

        /** The org's queued audit export request, filed by its owner (019). */
        UUID exportRequest() {
            return id(letter, "0000000000e2");
        }

        /** Placeholders for SQL templates: {org}, {owner}, {member}, {scoredRun}, ... */
        Map<String, String> placeholders() {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("org", id.toString());
            values.put("owner", owner.toString());
            values.put("admin", admin.toString());
            values.put("member", member.toString());
            values.put("coOwner", coOwner.toString());
            values.put("subscription", subscription.toString());
            values.put("grant", grant.toString());
            values.put("entitlement", entitlement.toString());
            values.put("scoredRun", scoredRun.toString());
            values.put("unscoredRun", unscoredRun.toString());
            values.put("history", history.toString());
            values.put("bundle", bundle.toString());
            values.put("newSubscription", newSubscription.toString());
            values.put("newGrant", newGrant.toString());
            values.put("newEntitlement", newEntitlement.toString());
            values.put("newRun", newRun.toString());
            values.put("newHistory", newHistory.toString());
            values.put("newBundle", newBundle.toString());
            values.put("exportRequest", exportRequest().toString());
            return values;
        }
    }

    /** Seeds A and B as superuser (RLS does not apply): members, billing, runs and everything hanging off them. */
    static void seed(TestDatabase db) {
        for (Org org : new Org[] {A, B}) {
            String sql = fill(SEED, org.placeholders()).replace("{letter}", String.valueOf(org.letter()));
            db.jdbc().execute(sql);
            // the entitlement-sync job's record (012), seeded only where that migration exists
            Boolean hasSyncRecord = db.jdbc().queryForObject(
                    "select to_regclass('public.entitlement_changes') is not null", Boolean.class);
            if (Boolean.TRUE.equals(hasSyncRecord)) {
                db.jdbc().execute(fill(SEED_SYNC_RECORD, org.placeholders())
                        .replace("{letter}", String.valueOf(org.letter())));
            }
            // a queued audit export request (019), seeded only where that migration exists
            Boolean hasExportRequests = db.jdbc().queryForObject(
                    "select to_regclass('public.audit_export_requests') is not null", Boolean.class);
            if (Boolean.TRUE.equals(hasExportRequests)) {
                db.jdbc().execute(fill(SEED_EXPORT_REQUEST, org.placeholders()));
            }
        }
    }

    private static final String SEED_SYNC_RECORD = """
            insert into public.entitlement_changes (org_id, flag, source, source_ref, kind, new_value, new_valid_from,
                                                    job_instance_id, job_execution_id)
            values ('{org}', 'hasAPI', 'addon', 'rls-addon-api', 'added', true, now(), 1, 1);
            insert into public.entitlement_sync_skips (org_id, reason, job_instance_id, job_execution_id)
            values ('{org}', 'seed skip {letter}', 1, 1);
            """;

    private static final String SEED_EXPORT_REQUEST = """
            insert into public.audit_export_requests (id, org_id, requested_by, period_from, period_to)
            values ('{exportRequest}', '{org}', '{owner}', '2026-10-01', '2026-10-31');
            """;

    private static final String SEED = """
            insert into public.organizations (id, name, slug, created_by)
            values ('{org}', 'RLS test org {letter}', 'rls-test-org-{letter}', '{owner}');
            -- the creator became owner through the trigger; the others are added here
            insert into public.org_members (org_id, user_id, role)
            values ('{org}', '{admin}', 'admin'), ('{org}', '{member}', 'member'), ('{org}', '{coOwner}', 'owner');

            insert into public.subscriptions (id, org_id, plan_code, status, current_period_start, current_period_end)
            values ('{subscription}', '{org}', 'pro', 'active', now() - interval '10 days', now() + interval '20 days');
            insert into public.entitlement_grants (id, org_id, source, source_ref, flag, value)
            values ('{grant}', '{org}', 'addon', 'rls-addon-api', 'hasAPI', true);
            select public.pf_apply_plan_entitlements('{org}', 'pro');
            insert into public.entitlements (id, org_id, flag, value, source, source_ref)
            values ('{entitlement}', '{org}', 'hasAPI', true, 'addon', 'rls-addon-api');

            insert into public.runs (id, org_id, user_id, module_id, domain_code, parameters, status, prompt, output,
                                     tokens, duration_ms, started_at, completed_at)
            values ('{scoredRun}', '{org}', '{member}', 'M01', 'MANUFACTURING',
                    '{"scale": "team", "urgency": "high", "complexity": "moderate", "resources": "standard", "application": "analysis"}',
                    'completed', 'seed prompt {letter}', 'seed output {letter}', 1200, 3400,
                    now() - interval '1 hour', now() - interval '59 minutes'),
                   ('{unscoredRun}', '{org}', '{admin}', 'M02', 'BANKING',
                    '{"scale": "enterprise", "urgency": "low", "complexity": "simple", "resources": "minimal", "application": "strategy"}',
                    'queued', null, null, null, null, null, null);
            insert into public.prompt_scores (run_id, org_id, clarity, execution, ambiguity, alignment, business_fit, scored_by)
            values ('{scoredRun}', '{org}', 90, 90, 10, 90, 90, '{member}');
            insert into public.run_telemetry (run_id, org_id, event_type, payload)
            values ('{scoredRun}', '{org}', 'run_started', '{"model": "seed-model", "module_version": "1.0.0"}'),
                   ('{scoredRun}', '{org}', 'run_completed',
                    '{"model": "seed-model", "module_version": "1.0.0", "prompt_tokens": 700, "completion_tokens": 500,
                      "tokens": 1200, "duration_ms": 3400}');
            insert into public.prompt_history (id, run_id, org_id, user_id, action, snapshot)
            values ('{history}', '{scoredRun}', '{org}', '{member}', 'created', '{"prompt": "seed prompt {letter}"}');
            insert into public.bundles (id, run_id, org_id, formats, paths, checksum, license_notice, created_by)
            values ('{bundle}', '{scoredRun}', '{org}', array['pdf', 'md'],
                    '{"pdf": "bundles/{letter}/run.pdf", "md": "bundles/{letter}/run.md"}',
                    'sha256:' || repeat('ab', 32), 'seed license notice', '{member}');
            """;

    /** Replaces {name} placeholders. */
    static String fill(String template, Map<String, String> values) {
        String result = template;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            result = result.replace("{" + entry.getKey() + "}", entry.getValue());
        }
        return result;
    }

    // ------------------------------------------------------------------------------------------
    // JDBC helpers for use inside db.as(...)
    // ------------------------------------------------------------------------------------------

    /** What a statement did: a row count, or the SQLState and message of its error. */
    record Outcome(int rows, String sqlState, String message) {

        static Outcome rows(int rows) {
            return new Outcome(rows, null, null);
        }

        boolean failed() {
            return sqlState != null;
        }

        @Override
        public String toString() {
            return failed() ? "error " + sqlState + " (" + message + ")" : rows + " row(s)";
        }
    }

    /**
     * Runs one statement in a savepoint: an error is caught and rolled back to the savepoint, so the
     * transaction (and the role it runs as) goes on.
     */
    static Outcome attempt(Connection connection, String sql) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try (Statement statement = connection.createStatement()) {
            boolean isQuery = statement.execute(sql);
            int rows;
            if (isQuery) {
                rows = 0;
                try (ResultSet resultSet = statement.getResultSet()) {
                    while (resultSet.next()) {
                        rows++;
                    }
                }
            } else {
                rows = statement.getUpdateCount();
            }
            connection.releaseSavepoint(savepoint);
            return Outcome.rows(rows);
        } catch (SQLException e) {
            connection.rollback(savepoint);
            return new Outcome(-1, e.getSQLState(), firstLine(e.getMessage()));
        }
    }

    /** count(*) of a query, or the error as an {@link Outcome}: rows = the count. */
    static Outcome count(Connection connection, String fromWhere) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try (Statement statement = connection.createStatement();
             ResultSet resultSet = statement.executeQuery("select count(*) from " + fromWhere)) {
            resultSet.next();
            int n = resultSet.getInt(1);
            connection.releaseSavepoint(savepoint);
            return Outcome.rows(n);
        } catch (SQLException e) {
            connection.rollback(savepoint);
            return new Outcome(-1, e.getSQLState(), firstLine(e.getMessage()));
        }
    }

    static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet resultSet = statement.executeQuery(sql)) {
            return resultSet.next() ? resultSet.getString(1) : null;
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * Runs {@code work} as the session's superuser inside the current transaction (it sees the
     * transaction's own uncommitted changes, and RLS does not apply), then switches back to the role
     * the transaction was running as.
     */
    static <T> T asSuperuser(Connection connection, TestDatabase.SqlWork<T> work) throws SQLException {
        String role = queryString(connection, "select current_user");
        execute(connection, "set local role none");
        try {
            return work.run(connection);
        } finally {
            try (var statement = connection.prepareStatement("select set_config('role', ?, true)")) {
                statement.setString(1, role);
                statement.execute();
            }
        }
    }

    /** The rows matching {@code where} as one JSON text, read as superuser: a before/after picture of a row. */
    static String snapshot(Connection connection, String table, String where) throws SQLException {
        return asSuperuser(connection, c -> queryString(c,
                "select coalesce(jsonb_agg(to_jsonb(t) order by to_jsonb(t)::text), '[]'::jsonb)::text from public."
                        + table + " t where " + where));
    }

    /** count(*) read as superuser inside the current transaction. */
    static int superCount(Connection connection, String fromWhere) throws SQLException {
        return asSuperuser(connection, c -> {
            Outcome outcome = count(c, fromWhere);
            if (outcome.failed()) {
                throw new IllegalStateException("superuser count failed: " + fromWhere + ": " + outcome);
            }
            return outcome.rows();
        });
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

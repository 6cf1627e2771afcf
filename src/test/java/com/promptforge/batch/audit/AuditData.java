package com.promptforge.batch.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Plants the data the audit tests export: organizations, users with e-mails in an auth.users table shaped like
 * Supabase's, runs, scores and bundles through the schema's own triggers, and the anomalies the triggers and
 * constraints forbid, planted around them (session_replication_role = replica skips triggers; the checksum
 * constraint is dropped for one insert and put back NOT VALID), as old or hand-edited data would be.
 */
final class AuditData {

    static final String PARAMETERS = """
            {"scale": "team", "urgency": "high", "complexity": "moderate", "resources": "standard", "application": "analysis"}""";
    static final String GOOD_CHECKSUM = "sha256:" + "0123456789abcdef".repeat(4);

    private final JdbcTemplate jdbc;

    AuditData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** auth.users as Supabase has it (id, email), created here when the database has none. */
    void usersTable() {
        jdbc.execute("""
                create schema if not exists auth;
                create table if not exists auth.users (id uuid primary key, email varchar(255))""");
    }

    UUID user(int n, String email) {
        UUID id = id(0x1, n);
        jdbc.update("insert into auth.users (id, email) values (?, ?)", id, email);
        return id;
    }

    UUID org(int n, String slug, String name, UUID owner) {
        UUID id = id(0x2, n);
        jdbc.update("insert into public.organizations (id, slug, name, created_by) values (?, ?, ?, ?)",
                id, slug, name, owner);
        return id;
    }

    /** Run n of the org, created at {@code createdAt} (a timestamptz literal), through the runs trigger. */
    UUID run(int n, UUID org, UUID user, String createdAt, String status) {
        UUID id = id(0x3, n);
        jdbc.update("""
                insert into public.runs (id, org_id, user_id, module_id, domain_code, parameters, status, created_at)
                values (?, ?, ?, 'M01', 'MANUFACTURING', ?::jsonb, ?, ?::timestamptz)""",
                id, org, user, PARAMETERS, status, createdAt);
        return id;
    }

    void score(UUID run, UUID org, int clarity, int execution, int ambiguity, int alignment, int businessFit) {
        jdbc.update("""
                insert into public.prompt_scores (run_id, org_id, clarity, execution, ambiguity, alignment, business_fit)
                values (?, ?, ?, ?, ?, ?, ?)""", run, org, clarity, execution, ambiguity, alignment, businessFit);
    }

    /** A sound bundle, through the bundles trigger (which refuses it unless the run is the org's and >= 80). */
    UUID bundle(int n, UUID run, UUID org, UUID createdBy, String createdAt, String license) {
        UUID id = id(0x4, n);
        jdbc.update(BUNDLE, id, run, org, GOOD_CHECKSUM, license, createdBy, createdAt);
        return id;
    }

    /** A bundle the trigger would refuse (unscored or below-threshold run, another org's run), planted around it. */
    UUID plantedBundle(int n, UUID run, UUID org, String createdAt) {
        UUID id = id(0x4, n);
        withoutTriggers(statement -> statement.execute(insertBundle(id, run, org, GOOD_CHECKSUM, createdAt)));
        return id;
    }

    /** A bundle whose checksum breaks the format the check constraint demands, planted around the constraint. */
    UUID bundleWithMalformedChecksum(int n, UUID run, UUID org, String checksum, String createdAt) {
        UUID id = id(0x4, n);
        withoutTriggers(statement -> {
            statement.execute("alter table public.bundles drop constraint bundles_checksum_chk");
            statement.execute(insertBundle(id, run, org, checksum, createdAt));
            statement.execute("alter table public.bundles add constraint bundles_checksum_chk "
                    + "check (checksum ~ '^sha256:[0-9a-f]{64}$') not valid");
        });
        return id;
    }

    /**
     * {@code count} scored runs of the org, one every {@code stepMillis} from {@code start}, inserted in one
     * statement with the triggers off (they would only check what is valid here anyway), each with a bundle.
     */
    void bulk(UUID org, UUID user, String start, int count, int stepMillis) {
        withoutTriggers(statement -> {
            statement.execute(String.format("""
                    insert into public.runs (id, org_id, user_id, module_id, domain_code, parameters, status, created_at)
                    select gen_random_uuid(), '%s', '%s', 'M01', 'MANUFACTURING', '%s'::jsonb, 'completed',
                           '%s'::timestamptz + make_interval(secs => g::float8 * %d / 1000.0)
                      from generate_series(1, %d) g""", org, user, PARAMETERS, start, stepMillis, count));
            statement.execute(String.format("""
                    insert into public.prompt_scores (run_id, org_id, clarity, execution, ambiguity, alignment,
                                                      business_fit, created_at, run_created_at)
                    select r.id, r.org_id, 30 + (r.created_at_ms %% 71), 70 + (r.created_at_ms %% 31), 5, 90, 85,
                           r.created_at, r.created_at
                      from (select id, org_id, created_at,
                                   (extract(epoch from created_at) * 1000)::bigint as created_at_ms
                              from public.runs where org_id = '%s') r""", org));
            statement.execute(String.format("""
                    insert into public.bundles (run_id, org_id, formats, paths, checksum, license_notice, created_at)
                    select s.run_id, s.org_id, array['pdf'], '{"pdf": "bundles/run.pdf"}'::jsonb, '%s',
                           'Licensed for internal use.', s.created_at + interval '1 minute'
                      from public.prompt_scores s where s.org_id = '%s' and s.overall >= 80""", GOOD_CHECKSUM, org));
            statement.execute("analyze public.runs, public.prompt_scores, public.bundles");
        });
    }

    private static final String BUNDLE = """
            insert into public.bundles (id, run_id, org_id, formats, paths, checksum, license_notice, created_by,
                                        created_at)
            values (?, ?, ?, array['pdf', 'md'], '{"pdf": "bundles/run.pdf", "md": "bundles/run.md"}'::jsonb, ?, ?, ?,
                    ?::timestamptz)""";

    private static String insertBundle(UUID id, UUID run, UUID org, String checksum, String createdAt) {
        return String.format("""
                insert into public.bundles (id, run_id, org_id, formats, paths, checksum, license_notice, created_at)
                values ('%s', '%s', '%s', array['json'], '{"json": "bundles/run.json"}'::jsonb, '%s',
                        'Licensed for internal use.', '%s'::timestamptz)""", id, run, org, checksum, createdAt);
    }

    private void withoutTriggers(SqlWork work) {
        jdbc.execute((Connection connection) -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("set local session_replication_role = replica");
                work.run(statement);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
            return null;
        });
    }

    /** A readable fixed id: 00000000-000k-4000-8000-0000000nnnnn. */
    static UUID id(int kind, int n) {
        return UUID.fromString(String.format("00000000-%04x-4000-8000-%012d", kind, n));
    }

    @FunctionalInterface
    private interface SqlWork {
        void run(Statement statement) throws SQLException;
    }
}

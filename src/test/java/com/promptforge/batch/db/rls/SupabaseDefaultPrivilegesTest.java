package com.promptforge.batch.db.rls;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.db.Migrations;
import com.promptforge.batch.db.rls.RlsMatrixTest.Actor;
import com.promptforge.batch.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The RLS matrix again, on a database migrated the way a Supabase project is: there, the role that
 * runs the migrations (postgres) has default privileges that grant anon, authenticated and
 * service_role everything on every new table, sequence and function of schema public, so every
 * privilege the migrations do not revoke is open to PostgREST's clients. Plain PostgreSQL (the
 * other tests' server) has no such defaults and cannot show a missing revoke.
 *
 * <p>Only anon and authenticated cells are run: under these defaults service_role holds everything
 * anyway (including Flyway's history table, which the plain-PostgreSQL matrix keeps from it).
 * Flyway's own table, public.flyway_schema_history, is created by Flyway before 001 runs, so 001's
 * revoked default privileges come too late for it (db.HistoryTableGuard closes it before the first
 * migration runs; FailedFirstMigrationTest shows it closed after a failed first migrate): it is checked on its own, in one test ({@link #flywayHistoryClosed()}), and left out of the
 * matrix and truncate runs here so that one cause gives one failure. run_all_qa_tests() (tests 606
 * and 610) reports the same cause.
 */
class SupabaseDefaultPrivilegesTest {

    /** What Supabase sets up for postgres in schema public (supabase/postgres init scripts). */
    static final String SUPABASE_DEFAULT_PRIVILEGES = """
            grant usage on schema public to anon, authenticated, service_role;
            alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
            alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
            alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
            """;

    private static final String FLYWAY = "flyway_schema_history";

    private static TestDatabase db;

    @BeforeAll
    static void migrateLikeSupabase() {
        db = TestDatabase.createEmpty("supabaseprivileges");
        db.jdbc().execute(SUPABASE_DEFAULT_PRIVILEGES);
        // the application's way (Migrations.migrate), on one connection as the harness migrates its
        // template: what is tested here is privileges, not how Flyway's lock connection gets along with
        // the migrations (MigrationsTest's business)
        try (Connection connection = db.dataSource().getConnection()) {
            Migrations.migrate(Migrations.flyway(new SingleConnectionDataSource(connection, true)));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        RlsFixture.seed(db);
    }

    @AfterAll
    static void drop() {
        if (db != null) {
            db.close();
        }
    }

    @TestFactory
    Stream<DynamicNode> matrixUnderSupabaseDefaultPrivileges() {
        return RlsMatrixTest.matrixTests(db, actor -> actor != Actor.SERVICE_ROLE, table -> !table.equals(FLYWAY));
    }

    @TestFactory
    Stream<DynamicNode> truncateUnderSupabaseDefaultPrivileges() {
        return RlsMatrixTest.truncateTests(db, table -> !table.equals(FLYWAY));
    }

    @Test
    void anonAndAuthenticatedHoldNoTriggerOrReferencesPrivilege() {
        RlsMatrixTest.assertNoTriggerOrReferencesPrivilege(db, FLYWAY);
    }

    @Test
    @DisplayName("flyway_schema_history: anon and authenticated hold no privilege on it, also under Supabase's default privileges")
    void flywayHistoryClosed() {
        List<Map<String, Object>> held = db.jdbc().queryForList("""
                select r.rolname as role, p.privilege
                  from (values ('anon'), ('authenticated')) as r(rolname)
                  cross join unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'])
                             as p(privilege)
                 where pg_catalog.has_table_privilege(r.rolname, 'public.flyway_schema_history', p.privilege)
                 order by 1, 2""");
        RlsFixture.Outcome anonSelect = db.as("anon", null, c -> RlsFixture.count(c, "public.flyway_schema_history"));
        assertThat(anonSelect.sqlState()).as("anon selecting the migration history: " + anonSelect + "; privileges held: "
                + held).isEqualTo("42501");
        assertThat(held).as("privileges on public.flyway_schema_history (a table without RLS)").isEmpty();
    }
}

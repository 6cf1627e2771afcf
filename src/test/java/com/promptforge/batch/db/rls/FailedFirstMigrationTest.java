package com.promptforge.batch.db.rls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.promptforge.batch.db.Migrations;
import com.promptforge.batch.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A first migrate on a Supabase-shaped database (its default grants to anon and authenticated) that fails after
 * 001: Flyway's history table, created before 001 and so granted to both, is closed to them all the same.
 */
class FailedFirstMigrationTest {

    @Test
    @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFailedFirstMigrateLeavesTheHistoryTableClosedToAnonAndAuthenticated(@TempDir Path extra) throws Exception {
        Files.writeString(extra.resolve("001.5_made_to_fail.sql"), "select 1 / 0;\n");
        try (TestDatabase db = TestDatabase.createEmpty("failedfirstmigration")) {
            db.jdbc().execute(SupabaseDefaultPrivilegesTest.SUPABASE_DEFAULT_PRIVILEGES);
            // a pool, as the application migrates: Flyway's lock and the migrations on connections of their own
            Flyway flyway = Migrations.configure(Flyway.configure())
                    .locations(Migrations.LOCATION, "filesystem:" + extra)
                    .dataSource(db.dataSource())
                    .load();

            assertThatThrownBy(() -> Migrations.migrate(flyway)).isInstanceOf(FlywayException.class)
                    .hasMessageContaining("001.5_made_to_fail.sql");

            assertThat(db.jdbc().queryForList("select version from public.flyway_schema_history where success",
                    String.class)).as("001 applied, then the failure").containsExactly("001");
            List<Map<String, Object>> held = db.jdbc().queryForList("""
                    select r.rolname as role, p.privilege
                      from (values ('anon'), ('authenticated')) as r(rolname)
                      cross join unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES',
                                              'TRIGGER']) as p(privilege)
                     where pg_catalog.has_table_privilege(r.rolname, 'public.flyway_schema_history', p.privilege)""");
            assertThat(held).as("privileges of anon and authenticated on the history table").isEmpty();
            assertThat(db.jdbc().queryForObject("""
                    select relrowsecurity from pg_catalog.pg_class where oid = 'public.flyway_schema_history'::regclass""",
                    Boolean.class)).as("row level security on the history table").isTrue();
            RlsFixture.Outcome forged = db.as("authenticated", null, connection -> RlsFixture.count(connection,
                    "public.flyway_schema_history"));
            assertThat(forged.sqlState()).as(forged.toString()).isEqualTo("42501");
        }
    }
}

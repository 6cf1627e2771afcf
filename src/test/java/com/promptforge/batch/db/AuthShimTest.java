package com.promptforge.batch.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Item 1 of the database issue (001_init_extensions_and_functions.sql): extensions, the stand-in Supabase
 * roles and auth functions, the updated_at trigger function and the membership helpers.
 */
@PromptForgeDatabase
class AuthShimTest {

    private static final UUID ORG = UUID.fromString("00000000-0000-4000-8000-00000001a001");
    private static final UUID OWNER = UUID.fromString("00000000-0000-4000-8000-00000001b001");
    private static final UUID ADMIN = UUID.fromString("00000000-0000-4000-8000-00000001b002");
    private static final UUID MEMBER = UUID.fromString("00000000-0000-4000-8000-00000001b003");
    private static final UUID OUTSIDER = UUID.fromString("00000000-0000-4000-8000-00000001b004");
    private static final UUID SOMEONE = UUID.fromString("00000000-0000-4000-8000-00000001c001");

    private final TestDatabase db;

    AuthShimTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeAll
    static void plantOrganization(TestDatabase db) {
        JdbcTemplate jdbc = db.jdbc();
        jdbc.update("insert into public.organizations (id, name, slug, created_by) values (?, 'Auth shim', 'auth-shim', ?)",
                ORG, OWNER);
        jdbc.update("insert into public.org_members (org_id, user_id, role) values (?, ?, 'admin'), (?, ?, 'member')",
                ORG, ADMIN, ORG, MEMBER);
    }

    // ----------------------------------------------------------------------------------------- extensions

    @Test
    void pgcryptoAndUuidOsspAreInstalled() {
        assertThat(db.jdbc().queryForList(
                "select extname from pg_catalog.pg_extension where extname in ('pgcrypto', 'uuid-ossp')", String.class))
                .containsExactlyInAnyOrder("pgcrypto", "uuid-ossp");
    }

    // ----------------------------------------------------------------------------------------- roles

    @ParameterizedTest
    @ValueSource(strings = {"anon", "authenticated", "service_role"})
    void supabaseRoleExistsAndCannotLogIn(String role) {
        List<Boolean> canLogin = db.jdbc().queryForList(
                "select rolcanlogin from pg_catalog.pg_roles where rolname = ?", Boolean.class, role);

        assertThat(canLogin).containsExactly(false);
    }

    @Test
    void onlyServiceRoleBypassesRowLevelSecurity() {
        List<Map<String, Object>> roles = db.jdbc().queryForList("""
                select rolname, rolbypassrls from pg_catalog.pg_roles
                where rolname in ('anon', 'authenticated', 'service_role')""");

        assertThat(roles).extracting(r -> r.get("rolname") + "=" + r.get("rolbypassrls"))
                .containsExactlyInAnyOrder("anon=false", "authenticated=false", "service_role=true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"anon", "authenticated", "service_role"})
    void migrationUserMaySetRoleToEachSupabaseRole(String role) {
        String currentRole = db.rolledBack(connection -> {
            JdbcTemplate jdbc = jdbc(connection);
            jdbc.execute("set local role " + role);
            return jdbc.queryForObject("select current_user", String.class);
        });

        assertThat(currentRole).isEqualTo(role);
    }

    // ----------------------------------------------------------------------------------------- auth.uid()

    @Test
    void uidIsTheSubClaimOfRequestJwtClaims() {
        String uid = withSettings(Map.of("request.jwt.claims", "{\"sub\":\"" + SOMEONE + "\",\"role\":\"authenticated\"}"),
                jdbc -> jdbc.queryForObject("select auth.uid()::text", String.class));

        assertThat(uid).isEqualTo(SOMEONE.toString());
    }

    @Test
    void uidFallsBackToTheOlderRequestJwtClaimSubSetting() {
        String uid = withSettings(Map.of("request.jwt.claims", "", "request.jwt.claim.sub", SOMEONE.toString()),
                jdbc -> jdbc.queryForObject("select auth.uid()::text", String.class));

        assertThat(uid).isEqualTo(SOMEONE.toString());
    }

    @Test
    void uidFallsBackToRequestJwtClaimSubWhenTheClaimsHaveNoSub() {
        String uid = withSettings(Map.of("request.jwt.claims", "{\"role\":\"authenticated\"}",
                        "request.jwt.claim.sub", SOMEONE.toString()),
                jdbc -> jdbc.queryForObject("select auth.uid()::text", String.class));

        assertThat(uid).isEqualTo(SOMEONE.toString());
    }

    @Test
    void emptySettingsMeanNoUserRoleOrClaims() {
        Map<String, Object> auth = db.rolledBack(connection -> {
            JdbcTemplate jdbc = jdbc(connection);
            for (String setting : List.of("request.jwt.claims", "request.jwt.claim.sub", "request.jwt.claim.role")) {
                jdbc.queryForObject("select set_config(?, '', true)", String.class, setting);
            }
            return jdbc.queryForMap("select auth.uid() as uid, auth.role() as role, auth.jwt()::text as jwt");
        });

        assertThat(auth).containsEntry("uid", null).containsEntry("role", null).containsEntry("jwt", null);
    }

    @Test
    void settingsThatWereNeverSetMeanNoUserRoleOrClaims() throws SQLException {
        Map<String, Object> properties = db.applicationProperties();
        // a connection of its own: pooled connections may carry (emptied) settings of earlier transactions
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), (String) properties.get("pf.db.user"),
                (String) properties.get("pf.db.password"))) {
            Map<String, Object> auth = jdbc(connection).queryForMap(
                    "select auth.uid() as uid, auth.role() as role, auth.jwt()::text as jwt");

            assertThat(auth).containsEntry("uid", null).containsEntry("role", null).containsEntry("jwt", null);
        }
    }

    // ----------------------------------------------------------------------------------------- auth.role(), auth.jwt()

    @Test
    void roleIsTheRoleClaimOfRequestJwtClaims() {
        String role = withSettings(Map.of("request.jwt.claims", "{\"sub\":\"" + SOMEONE + "\",\"role\":\"authenticated\"}"),
                jdbc -> jdbc.queryForObject("select auth.role()", String.class));

        assertThat(role).isEqualTo("authenticated");
    }

    @Test
    void roleFallsBackToTheOlderRequestJwtClaimRoleSetting() {
        String role = withSettings(Map.of("request.jwt.claims", "", "request.jwt.claim.role", "service_role"),
                jdbc -> jdbc.queryForObject("select auth.role()", String.class));

        assertThat(role).isEqualTo("service_role");
    }

    @Test
    void jwtReturnsAllClaimsAsJsonb() {
        Map<String, Object> claims = withSettings(
                Map.of("request.jwt.claims", "{\"sub\":\"" + SOMEONE + "\",\"role\":\"authenticated\",\"aal\":\"aal1\"}"),
                jdbc -> jdbc.queryForMap("""
                        select pg_typeof(auth.jwt())::text as type, auth.jwt() ->> 'aal' as aal,
                               auth.jwt() ->> 'sub' as sub"""));

        assertThat(claims).containsEntry("type", "jsonb").containsEntry("aal", "aal1")
                .containsEntry("sub", SOMEONE.toString());
    }

    // ----------------------------------------------------------------------------------------- never replaced

    @Test
    void runningTheMigrationWhereAuthAlreadyExistsReplacesNothing() throws IOException {
        UUID supabaseUid = UUID.fromString("00000000-0000-4000-8000-00000001d001");
        String migration = Files.readString(Path.of("sql/001_init_extensions_and_functions.sql"), StandardCharsets.UTF_8);
        try (TestDatabase empty = TestDatabase.createEmpty("authexists")) {
            JdbcTemplate jdbc = empty.jdbc();
            // what a Supabase project already has: schema auth with its own functions
            jdbc.execute("create schema auth");
            jdbc.execute("create function auth.uid() returns uuid language sql stable as $$ select '"
                    + supabaseUid + "'::uuid $$");
            jdbc.execute("create function auth.role() returns text language sql stable as $$ select 'supabase-role' $$");
            jdbc.execute("create function auth.jwt() returns jsonb language sql stable as $$ select '{\"supabase\": true}'::jsonb $$");
            jdbc.execute("comment on schema auth is 'supabase auth schema'");
            String objectsQuery = """
                    select (select oid::text from pg_catalog.pg_namespace where nspname = 'auth') as schema_oid,
                           to_regprocedure('auth.uid()')::oid::text as uid_oid,
                           to_regprocedure('auth.role()')::oid::text as role_oid,
                           to_regprocedure('auth.jwt()')::oid::text as jwt_oid,
                           (select string_agg(rolname || ':' || oid || ':' || rolbypassrls || ':' || rolcanlogin, ','
                                              order by rolname)
                            from pg_catalog.pg_roles where rolname in ('anon', 'authenticated', 'service_role')) as roles""";
            Map<String, Object> before = jdbc.queryForMap(objectsQuery);

            jdbc.execute(migration);

            assertThat(jdbc.queryForMap(objectsQuery)).isEqualTo(before);
            assertThat(jdbc.queryForMap("""
                    select auth.uid()::text as uid, auth.role() as role, auth.jwt()::text as jwt,
                           obj_description((select oid from pg_catalog.pg_namespace where nspname = 'auth'),
                                           'pg_namespace') as comment"""))
                    .containsEntry("uid", supabaseUid.toString())
                    .containsEntry("role", "supabase-role")
                    .containsEntry("jwt", "{\"supabase\": true}")
                    .containsEntry("comment", "supabase auth schema");
        }
    }

    // ----------------------------------------------------------------------------------------- set_updated_at()

    @Test
    void setUpdatedAtTriggerStampsUpdatedRows() {
        UUID org = UUID.fromString("00000000-0000-4000-8000-00000001a002");
        Timestamp longAgo = Timestamp.from(Instant.parse("2001-01-01T00:00:00Z"));
        JdbcTemplate jdbc = db.jdbc();
        jdbc.update("""
                insert into public.organizations (id, name, slug, created_at, updated_at)
                values (?, 'Stamped', 'stamped', ?, ?)""", org, longAgo, longAgo);

        jdbc.update("update public.organizations set name = 'Stamped again' where id = ?", org);

        Timestamp updatedAt = jdbc.queryForObject("select updated_at from public.organizations where id = ?",
                Timestamp.class, org);
        assertThat(updatedAt.toInstant()).isAfter(Instant.now().minusSeconds(600));
    }

    // ----------------------------------------------------------------------------------------- membership helpers

    @ParameterizedTest
    @ValueSource(strings = {"public.pf_is_org_member(uuid)", "public.pf_has_org_role(uuid, text[])"})
    void membershipHelperIsSecurityDefinerStableWithAnEmptyPinnedSearchPath(String function) {
        Map<String, Object> definition = db.jdbc().queryForMap("""
                select p.prosecdef as security_definer, p.provolatile::text as volatility, l.lanname as language,
                       array_to_string(p.proconfig, '|') as config
                from pg_catalog.pg_proc p join pg_catalog.pg_language l on l.oid = p.prolang
                where p.oid = ?::regprocedure""", function);

        assertThat(definition)
                .containsEntry("security_definer", true)
                .containsEntry("volatility", "s")
                .containsEntry("language", "plpgsql")
                .containsEntry("config", "search_path=\"\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"public.pf_is_org_member(uuid)", "public.pf_has_org_role(uuid, text[])"})
    void membershipHelperIsExecutableByAuthenticatedAndServiceRoleOnly(String function) {
        Map<String, Object> privileges = db.jdbc().queryForMap("""
                select has_function_privilege('anon', ?, 'execute') as anon,
                       has_function_privilege('authenticated', ?, 'execute') as authenticated,
                       has_function_privilege('service_role', ?, 'execute') as service_role""",
                function, function, function);

        assertThat(privileges).containsEntry("anon", false).containsEntry("authenticated", true)
                .containsEntry("service_role", true);
    }

    @Test
    void isOrgMemberIsTrueForEachMemberOfTheOrganization() {
        for (UUID user : List.of(OWNER, ADMIN, MEMBER)) {
            assertThat(isMember(user)).as("member %s", user).isTrue();
        }
    }

    @Test
    void isOrgMemberIsFalseForAnOutsider() {
        assertThat(isMember(OUTSIDER)).isFalse();
    }

    @Test
    void hasOrgRoleIsTrueOnlyWhenTheMembersRoleIsListed() {
        String askOwnerOrAdmin = "select public.pf_has_org_role(?, array['owner', 'admin'])";

        assertThat(askAs(ADMIN, askOwnerOrAdmin)).isTrue();
        assertThat(askAs(OWNER, askOwnerOrAdmin)).isTrue();
        assertThat(askAs(MEMBER, askOwnerOrAdmin)).isFalse();
        assertThat(askAs(OUTSIDER, askOwnerOrAdmin)).isFalse();
        assertThat(askAs(ADMIN, "select public.pf_has_org_role(?, array['owner'])")).isFalse();
    }

    @Test
    void noPolicyReadsOrgMembersDirectly() {
        JdbcTemplate jdbc = db.jdbc();
        List<String> offending = jdbc.queryForList("""
                select tablename || '.' || policyname from pg_catalog.pg_policies
                where schemaname = 'public'
                  and (coalesce(qual, '') ~ 'org_members' or coalesce(with_check, '') ~ 'org_members')""", String.class);
        Integer usingHelpers = jdbc.queryForObject("""
                select count(*) from pg_catalog.pg_policies
                where schemaname = 'public'
                  and (coalesce(qual, '') || coalesce(with_check, '')) ~ 'pf_(is_org_member|has_org_role|my_org_ids)'""", Integer.class);

        assertThat(offending).isEmpty();
        assertThat(usingHelpers).isPositive();
    }

    // ----------------------------------------------------------------------------------------- helpers

    private boolean isMember(UUID user) {
        return askAs(user, "select public.pf_is_org_member(?)");
    }

    private boolean askAs(UUID user, String sql) {
        return db.as("authenticated", user, connection -> jdbc(connection).queryForObject(sql, Boolean.class, ORG));
    }

    private <T> T withSettings(Map<String, String> settings, java.util.function.Function<JdbcTemplate, T> query) {
        return db.rolledBack(connection -> {
            JdbcTemplate jdbc = jdbc(connection);
            settings.forEach((name, value) ->
                    jdbc.queryForObject("select set_config(?, ?, true)", String.class, name, value));
            return query.apply(jdbc);
        });
    }

    static JdbcTemplate jdbc(Connection connection) {
        return new JdbcTemplate(new SingleConnectionDataSource(connection, true));
    }
}

package com.promptforge.batch.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Item 6 of the database issue (006_module_versioning.sql): semantic versions, exactly one current version
 * per module, publishing a greater version and rolling back to an earlier one, with modules.spec following.
 */
@PromptForgeDatabase
class ModuleVersioningTest {

    private final JdbcTemplate jdbc;

    ModuleVersioningTest(TestDatabase db) {
        this.jdbc = db.jdbc();
    }

    // ----------------------------------------------------------------------------------------- seeded state

    /** Modules of the freshly migrated database without exactly one current 1.0.0 matching modules.spec. */
    private static List<String> seededOffending;
    private static int seededModules;

    /** Read before any test publishes or rolls back (the tests share the class's database). */
    @BeforeAll
    static void readSeededState(TestDatabase db) {
        JdbcTemplate jdbc = db.jdbc();
        seededModules = jdbc.queryForObject("select count(*) from public.modules", Integer.class);
        seededOffending = jdbc.queryForList("""
                select m.id from public.modules m
                where (select count(*) from public.module_versions v where v.module_id = m.id and v.is_current) <> 1
                   or not exists (select 1 from public.module_versions v
                                  where v.module_id = m.id and v.is_current and v.version = '1.0.0'
                                    and v.status = 'published' and v.spec = m.spec)
                order by m.id""", String.class);
    }

    @Test
    void everySeededModuleHasExactlyOneCurrentVersion100MatchingItsSpec() {
        assertThat(seededModules).isEqualTo(50);
        assertThat(seededOffending).isEmpty();
    }

    // ----------------------------------------------------------------------------------------- semver constraint

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3", "0.0.1", "10.20.30", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-rc.1+build.5",
            "2.0.0+20240101"})
    void aSemanticVersionIsAccepted(String version) {
        jdbc.update("""
                insert into public.module_versions (module_id, version, spec, status)
                select 'M40', ?, spec, 'draft' from public.modules where id = 'M40'""", version);

        assertThat(jdbc.queryForObject(
                "select count(*) from public.module_versions where module_id = 'M40' and version = ?", Integer.class, version))
                .isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1.2", "v1.2.3", "01.2.3", "1.02.3", "1.2.3-", "1.2.3.4", "1.2.3-alpha..1", "latest", ""})
    void aVersionThatIsNotSemanticIsRejected(String version) {
        assertThatThrownBy(() -> jdbc.update("""
                insert into public.module_versions (module_id, version, spec, status)
                select 'M41', ?, spec, 'draft' from public.modules where id = 'M41'""", version))
                .isInstanceOfSatisfying(DataAccessException.class, e -> assertThat(sqlState(e)).isEqualTo("23514"));
    }

    @Test
    void aSecondCurrentVersionOfAModuleIsRejected() {
        assertThatThrownBy(() -> jdbc.update("""
                insert into public.module_versions (module_id, version, spec, status, is_current)
                select 'M42', '1.1.0', spec, 'published', true from public.modules where id = 'M42'"""))
                .isInstanceOfSatisfying(DataAccessException.class, e -> assertThat(sqlState(e)).isEqualTo("23505"));
        assertThat(currentVersion("M42")).isEqualTo("1.0.0");
    }

    // ----------------------------------------------------------------------------------------- publish

    @Test
    void publishingAGreaterVersionMakesItTheOnePublishedCurrentVersion() {
        UUID id = publish("M02", "1.1.0", spec("M02 v1.1.0"));

        assertThat(jdbc.queryForList("""
                select version || ':' || status || ':' || is_current from public.module_versions
                where module_id = 'M02' order by version""", String.class))
                .containsExactly("1.0.0:published:false", "1.1.0:published:true");
        assertThat(jdbc.queryForObject("select id from public.module_versions where module_id = 'M02' and is_current",
                UUID.class)).isEqualTo(id);
    }

    @Test
    void publishingAVersionMakesModulesSpecFollow() {
        publish("M03", "2.0.0", spec("M03 v2.0.0"));

        assertThat(jdbc.queryForObject("select spec ->> 'objective' from public.modules where id = 'M03'", String.class))
                .isEqualTo("M03 v2.0.0");
    }

    @Test
    void versionsCompareNumericallyNotAsText() {
        publish("M04", "1.9.0", spec("M04 v1.9.0"));

        publish("M04", "1.10.0", spec("M04 v1.10.0"));

        assertThat(currentVersion("M04")).isEqualTo("1.10.0");
    }

    @Test
    void publishingAnEqualVersionIsRefused() {
        publish("M05", "1.1.0", spec("M05 v1.1.0"));

        assertThatThrownBy(() -> publish("M05", "1.1.0", spec("M05 again")))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("1.1.0");
        assertModuleIsAt("M05", "1.1.0", "M05 v1.1.0");
    }

    @Test
    void publishingALowerVersionIsRefused() {
        publish("M06", "2.0.0", spec("M06 v2.0.0"));

        assertThatThrownBy(() -> publish("M06", "1.5.0", spec("M06 v1.5.0")))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("1.5.0");
        assertModuleIsAt("M06", "2.0.0", "M06 v2.0.0");
        assertThat(jdbc.queryForObject(
                "select count(*) from public.module_versions where module_id = 'M06' and version = '1.5.0'", Integer.class))
                .isZero();
    }

    @Test
    void aPreReleaseOfTheCurrentVersionIsLowerAndRefused() {
        assertThatThrownBy(() -> publish("M07", "1.0.0-rc.1", spec("M07 rc")))
                .isInstanceOf(DataAccessException.class);
        assertModuleIsAt("M07", "1.0.0", null);
    }

    @Test
    void publishingAnInvalidVersionIsRefused() {
        assertThatThrownBy(() -> publish("M08", "2.0", spec("M08 v2.0")))
                .isInstanceOf(DataAccessException.class);
        assertThat(currentVersion("M08")).isEqualTo("1.0.0");
    }

    // ----------------------------------------------------------------------------------------- rollback

    @Test
    void rollingBackMakesTheEarlierVersionCurrentAgainAndModulesSpecFollows() {
        String original = jdbc.queryForObject("select spec::text from public.modules where id = 'M10'", String.class);
        publish("M10", "1.1.0", spec("M10 v1.1.0"));

        rollback("M10", "1.0.0");

        assertThat(currentVersion("M10")).isEqualTo("1.0.0");
        assertThat(jdbc.queryForObject("select spec::text from public.modules where id = 'M10'", String.class))
                .isEqualTo(original);
        assertThat(jdbc.queryForList("select version from public.module_versions where module_id = 'M10' order by version",
                String.class)).containsExactly("1.0.0", "1.1.0");
    }

    @Test
    void rollingBackSkipsOverSeveralVersions() {
        publish("M11", "1.1.0", spec("M11 v1.1.0"));
        publish("M11", "1.2.0", spec("M11 v1.2.0"));
        publish("M11", "2.0.0", spec("M11 v2.0.0"));

        rollback("M11", "1.1.0");

        assertModuleIsAt("M11", "1.1.0", "M11 v1.1.0");
        assertThat(jdbc.queryForObject(
                "select count(*) from public.module_versions where module_id = 'M11' and is_current", Integer.class))
                .isEqualTo(1);
    }

    @Test
    void rollingBackToTheCurrentVersionIsRefused() {
        publish("M12", "1.1.0", spec("M12 v1.1.0"));

        assertThatThrownBy(() -> rollback("M12", "1.1.0")).isInstanceOf(DataAccessException.class);
        assertModuleIsAt("M12", "1.1.0", "M12 v1.1.0");
    }

    @Test
    void rollingBackToALaterVersionIsRefused() {
        publish("M13", "1.1.0", spec("M13 v1.1.0"));
        rollback("M13", "1.0.0");

        assertThatThrownBy(() -> rollback("M13", "1.1.0")).isInstanceOf(DataAccessException.class);
        assertThat(currentVersion("M13")).isEqualTo("1.0.0");
    }

    @Test
    void rollingBackToAVersionThatDoesNotExistIsRefused() {
        publish("M14", "1.1.0", spec("M14 v1.1.0"));

        assertThatThrownBy(() -> rollback("M14", "0.9.0")).isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageContaining("0.9.0");
        assertModuleIsAt("M14", "1.1.0", "M14 v1.1.0");
    }

    @Test
    void rollingBackToADraftIsRefused() {
        publish("M15", "1.2.0", spec("M15 v1.2.0"));
        jdbc.update("""
                insert into public.module_versions (module_id, version, spec, status)
                values ('M15', '1.1.0', ?::jsonb, 'draft')""", spec("M15 draft"));

        assertThatThrownBy(() -> rollback("M15", "1.1.0")).isInstanceOf(DataAccessException.class);
        assertModuleIsAt("M15", "1.2.0", "M15 v1.2.0");
    }

    @Test
    void aModuleWithOnlyItsFirstVersionCannotBeRolledBack() {
        assertThatThrownBy(() -> rollback("M16", "1.0.0")).isInstanceOf(DataAccessException.class);
        assertThat(currentVersion("M16")).isEqualTo("1.0.0");
    }

    // ----------------------------------------------------------------------------------------- who may

    @Test
    void onlyServiceRoleMayPublishOrRollBack() {
        Map<String, Object> privileges = jdbc.queryForMap("""
                select has_function_privilege('anon', 'public.pf_publish_module_version(text, text, jsonb, text)', 'execute')
                         or has_function_privilege('anon', 'public.pf_rollback_module_version(text, text)', 'execute')
                         as anon,
                       has_function_privilege('authenticated', 'public.pf_publish_module_version(text, text, jsonb, text)', 'execute')
                         or has_function_privilege('authenticated', 'public.pf_rollback_module_version(text, text)', 'execute')
                         as authenticated,
                       has_function_privilege('service_role', 'public.pf_publish_module_version(text, text, jsonb, text)', 'execute')
                         and has_function_privilege('service_role', 'public.pf_rollback_module_version(text, text)', 'execute')
                         as service_role""");

        assertThat(privileges).containsEntry("anon", false).containsEntry("authenticated", false)
                .containsEntry("service_role", true);
    }

    // ----------------------------------------------------------------------------------------- helpers

    private UUID publish(String module, String version, String spec) {
        return jdbc.queryForObject("select public.pf_publish_module_version(?, ?, ?::jsonb, ?)", UUID.class,
                module, version, spec, "changes of " + version);
    }

    private void rollback(String module, String version) {
        jdbc.queryForList("select public.pf_rollback_module_version(?, ?)", module, version);
    }

    private String currentVersion(String module) {
        List<String> current = jdbc.queryForList(
                "select version from public.module_versions where module_id = ? and is_current", String.class, module);
        assertThat(current).as("current versions of %s", module).hasSize(1);
        return current.get(0);
    }

    /** The module's one current version is {@code version}; its spec's objective (when given) is in modules.spec. */
    private void assertModuleIsAt(String module, String version, String objective) {
        assertThat(currentVersion(module)).isEqualTo(version);
        Map<String, Object> specs = jdbc.queryForMap("""
                select m.spec::text as module_spec, v.spec::text as version_spec, m.spec ->> 'objective' as objective
                from public.modules m join public.module_versions v on v.module_id = m.id and v.is_current
                where m.id = ?""", module);
        assertThat(specs.get("module_spec")).isEqualTo(specs.get("version_spec"));
        if (objective != null) {
            assertThat(specs.get("objective")).isEqualTo(objective);
        }
    }

    private static String spec(String objective) {
        return "{\"objective\": \"" + objective + "\", \"inputs\": [\"Goal\"], \"outputs\": [\"Plan\"],"
                + " \"template\": \"Do {{goal}}\"}";
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}

package com.promptforge.batch.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.db.Migrations;
import com.promptforge.batch.job.CliResult;
import com.promptforge.batch.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The path of a database that already held rows without their shape when the shapes came: migrated to 012, bad
 * rows written, then migrate stops at 014 saying to run validate; validate (which migrates only up to 013) lists
 * the rows and exits 1; once they are fixed, migrate applies 014 and the QA suite passes.
 */
class ValidateBeforeShapesTest {

    private static final UUID BAD_RUN = UUID.fromString("00000000-0000-4000-8000-00000000c101");
    private static final UUID BAD_BUNDLE = UUID.fromString("00000000-0000-4000-8000-00000000c301");

    @Test
    void rowsFromBeforeTheShapesStopMigrationAt014UntilValidateHasListedThemAndTheyAreFixed() throws IOException {
        try (TestDatabase db = TestDatabase.createEmpty("beforeshapes")) {
            JdbcTemplate jdbc = db.jdbc();
            Flyway to012 = Migrations.configure(Flyway.configure()).dataSource(db.dataSource()).target("012").load();
            to012.migrate();
            plantBadRows(jdbc);
            long badTelemetry = jdbc.queryForObject("select id from public.run_telemetry where event_type = 'run_failed'",
                    Long.class);
            Path reports = Files.createTempDirectory("pf-validation-012");
            Map<String, Object> properties = new HashMap<>(db.applicationProperties());
            properties.put("pf.reports-dir", reports.toString());

            CliResult migrate = CliResult.run(properties, "migrate");

            assertThat(migrate.exit()).as(migrate.toString()).isEqualTo(3);
            assertThat(migrate.err()).contains("The database could not be migrated: ")
                    .contains("014_validate_json_shapes.sql")
                    .contains("ERROR: existing rows of public.modules do not have their JSON shape (modules_vector_shape_chk: "
                            + "modules.vector.clarity must be a number from 0 to 1, got 1.5). Run  java -jar "
                            + "target/promptforge-batch.jar validate  first");
            assertThat(version(jdbc)).isEqualTo("013");
            assertThat(jdbc.queryForList("select conname from pg_constraint where conname like '%\\_shape\\_chk' "
                    + "and convalidated", String.class)).isEmpty();

            CliResult validate = CliResult.run(properties, "validate");

            assertThat(validate.exit()).as(validate.toString()).isEqualTo(1);
            Path report = ValidationWorkbook.in(reports).get(0);
            assertThat(validate.out()).contains("4 row(s) do not have their JSON shape: each is listed in " + report
                    + ". Fix or delete them, then run migrate (014_validate_json_shapes.sql, "); // then the later files
            assertThat(ValidationWorkbook.read(report).invalidRows()).containsExactly(
                    "modules|M03|vector|modules.vector.clarity must be a number from 0 to 1, got 1.5",
                    "runs|" + BAD_RUN + "|parameters|runs.parameters has the unknown key \"priority\" (allowed: scale, "
                            + "urgency, complexity, resources, application)",
                    "run_telemetry|" + badTelemetry + "|payload|run_telemetry.payload.error must be a non-empty string, "
                            + "got \"\" (event_type run_failed)",
                    "bundles|" + BAD_BUNDLE + "|paths|bundles.paths.pdf must be a relative path ending in .pdf, got "
                            + "\"/tmp/demo.pdf\"");
            assertThat(version(jdbc)).as("validate applies nothing past 013").isEqualTo("013");

            fixBadRows(jdbc, badTelemetry);
            CliResult migrated = CliResult.run(properties, "migrate");

            assertThat(migrated.exit()).as(migrated.toString()).isZero();
            assertThat(migrated.out()).contains("Applied 014 014_validate_json_shapes.sql");
            assertThat(jdbc.queryForList("select conname from pg_constraint where conname like '%\\_shape\\_chk' "
                    + "and not convalidated", String.class)).isEmpty();
            assertThat(jdbc.queryForList("select test_name || ': ' || details from public.run_all_qa_tests() "
                    + "where status <> 'PASS'", String.class)).isEmpty();
        }
    }

    /** Rows as an older release let them in: at 012 nothing but the runs trigger checks JSON. */
    private static void plantBadRows(JdbcTemplate jdbc) {
        jdbc.update("update public.modules set vector = jsonb_set(vector, '{clarity}', '1.5') where id = 'M03'");
        jdbc.execute("alter table public.runs disable trigger runs_validate");
        jdbc.update("""
                insert into public.runs (id, org_id, user_id, module_id, domain_code, parameters)
                values (?, ?, ?, 'M03', 'BANKING', '{"scale": "team", "urgency": "high", "complexity": "simple",
                        "resources": "minimal", "application": "analysis", "priority": "p1"}')""",
                BAD_RUN, ValidateCommandTest.DEMO_ORG, ValidateCommandTest.DEMO_OWNER);
        jdbc.execute("alter table public.runs enable trigger runs_validate");
        jdbc.update("""
                insert into public.run_telemetry (run_id, org_id, event_type, payload)
                values (?, ?, 'run_failed', '{"error": ""}')""", BAD_RUN, ValidateCommandTest.DEMO_ORG);
        jdbc.update("""
                insert into public.bundles (id, run_id, org_id, formats, paths, checksum, license_notice)
                values (?, ?, ?, '{pdf}', '{"pdf": "/tmp/demo.pdf"}', 'sha256:' || repeat('0', 64), 'test')""",
                BAD_BUNDLE, ValidateCommandTest.DEMO_RUN, ValidateCommandTest.DEMO_ORG);
    }

    private static void fixBadRows(JdbcTemplate jdbc, long badTelemetry) {
        jdbc.update("update public.modules set vector = jsonb_set(vector, '{clarity}', '0.9') where id = 'M03'");
        jdbc.update("update public.runs set parameters = parameters - 'priority' where id = ?", BAD_RUN);
        jdbc.update("update public.run_telemetry set payload = '{\"error\": \"provider timeout\"}' where id = ?",
                badTelemetry);
        jdbc.update("update public.bundles set paths = '{\"pdf\": \"bundles/demo/c301.pdf\"}' where id = ?", BAD_BUNDLE);
    }

    private static String version(JdbcTemplate jdbc) {
        List<String> versions = jdbc.queryForList(
                "select version from public.flyway_schema_history where success order by installed_rank desc limit 1",
                String.class);
        return versions.get(0);
    }
}

package com.promptforge.batch.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.promptforge.batch.cli.PromptForgeCli;
import com.promptforge.batch.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

class MigrationsTest {

    private static final Path SQL = Path.of("sql");

    @Test
    void migrateCommandAppliesEveryFileUnderItsOwnNameAndSaysSo() throws IOException {
        try (TestDatabase db = TestDatabase.createEmpty("migrate")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = new PromptForgeCli(new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
                    db.applicationProperties()).run("migrate");

            assertThat(exit).isZero();
            List<String> applied = db.jdbc().queryForList(
                    "select script from flyway_schema_history where success order by installed_rank", String.class);
            assertThat(applied).containsExactlyElementsOf(migrationFiles());
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("Applied 001 001_init_extensions_and_functions.sql")
                    .contains("Applied 009 009_qa_testing.sql");
        }
    }

    @Test
    void migrateCommandOnAnUpToDateDatabaseAppliesNothing() {
        try (TestDatabase db = TestDatabase.create("uptodate")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = new PromptForgeCli(new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
                    db.applicationProperties()).run("migrate");

            assertThat(exit).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("nothing applied");
        }
    }

    @Test
    void theSeedsNineMigrationsComeFirstInTheirOrder() throws IOException {
        assertThat(migrationFiles().subList(0, 9)).containsExactly(
                "001_init_extensions_and_functions.sql", "002_orgs_members.sql", "003_billing_entitlements.sql",
                "004_catalog_engine.sql", "005_history_telemetry_scores.sql", "006_module_versioning.sql",
                "007_performance_indices.sql", "008_seed_data.sql", "009_qa_testing.sql");
    }

    @Test
    void aMissingMigrationLocationFailsLoudly() {
        try (TestDatabase db = TestDatabase.createEmpty("missing");
             var dataSource = new SingleConnectionDataSource(db.jdbcUrl(), "postgres", null, true)) {
            Flyway flyway = Migrations.configure(Flyway.configure())
                    .locations("classpath:db/no-such-folder")
                    .dataSource(db.dataSource())
                    .load();
            assertThatThrownBy(flyway::migrate).isInstanceOf(FlywayException.class)
                    .hasMessageContaining("db/no-such-folder");
        }
    }

    @Test
    void runAllMigrationsIsExactlyTheMigrationsInOrder() throws Exception {
        Path copy = Files.createTempDirectory("pf-sql");
        try (Stream<Path> files = Files.list(SQL)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        Files.deleteIfExists(copy.resolve("run_all_migrations.sql"));
        Process generator = new ProcessBuilder("sh", copy.resolve("generate_run_all.sh").toString())
                .inheritIO().start();
        assertThat(generator.waitFor()).isZero();

        String generated = Files.readString(copy.resolve("run_all_migrations.sql"));
        assertThat(Files.readString(SQL.resolve("run_all_migrations.sql")))
                .as("sql/run_all_migrations.sql is stale: run  sh sql/generate_run_all.sh")
                .isEqualTo(generated);
        for (String file : migrationFiles()) {
            assertThat(generated).contains("-- ==== " + file + " ====\n" + Files.readString(SQL.resolve(file)));
        }
    }

    @Test
    void rollbackRemovesEverythingAndMigratingAgainWorks() {
        try (TestDatabase db = TestDatabase.create("rollback")) {
            var jdbc = db.jdbc();
            jdbc.execute(read(SQL.resolve("000_rollback_all.sql")));

            assertThat(jdbc.queryForObject("""
                    select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname in ('public', 'batch', 'quartz') and c.relkind in ('r','v','m','S','p','i')""",
                    Integer.class)).isZero();
            assertThat(jdbc.queryForObject("""
                    select count(*) from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                    where n.nspname = 'public'
                      and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')""",
                    Integer.class)).isZero();
            assertThat(jdbc.queryForObject("""
                    select count(*) from pg_type t join pg_namespace n on n.oid = t.typnamespace
                    where n.nspname = 'public' and t.typtype in ('c', 'e', 'd')
                      and not exists (select 1 from pg_depend d where d.objid = t.oid and d.deptype = 'e')
                      and not exists (select 1 from pg_class c where c.reltype = t.oid)""",
                    Integer.class)).isZero();

            Migrations.migrate(Migrations.flyway(db.dataSource()));
            assertThat(jdbc.queryForObject(
                    "select count(*) from public.run_all_qa_tests() where status <> 'PASS'", Integer.class)).isZero();
        }
    }

    static List<String> migrationFiles() throws IOException {
        try (Stream<Path> files = Files.list(SQL)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("\\d{3}_.+\\.sql") && !name.startsWith("000_"))
                    .sorted()
                    .toList();
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package com.promptforge.batch.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.job.BatchProcess;
import com.promptforge.batch.job.CliResult;
import com.promptforge.batch.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * migrate on a database installed by hand (no Flyway history): the installed version is recognized and
 * recorded as Flyway's baseline, only what follows is applied; a database at no version is refused unchanged.
 */
class HandInstalledDatabaseTest {

    @TempDir
    Path reports;

    private static final List<String> FILES = HandInstall.files();
    private static final String LATEST = FILES.get(FILES.size() - 1);

    private Map<String, Object> properties(TestDatabase db) {
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.reports-dir", reports.toString());
        return properties;
    }

    /** Flyway's history: version, type and script of each row, in order. */
    private static List<String> history(JdbcTemplate jdbc) {
        return jdbc.queryForList("""
                select version || ' ' || type || ' ' || script || case when success then '' else ' FAILED' end
                  from flyway_schema_history order by installed_rank""", String.class);
    }

    private static List<String> filesAfter(String version) {
        return FILES.stream().filter(file -> file.substring(0, 3).compareTo(version) > 0)
                .map(file -> file.substring(0, 3) + " SQL " + file).toList();
    }

    private static long failingQaTests(JdbcTemplate jdbc) {
        return jdbc.queryForObject("select count(*) from public.run_all_qa_tests() where status <> 'PASS'", Long.class);
    }

    @Test
    void runAllMigrationsPastedByHandIsRecordedAtTheLatestVersionAndTheSyncRuns() {
        try (TestDatabase db = TestDatabase.createEmpty("handrunall")) {
            JdbcTemplate jdbc = db.jdbc();
            HandInstall.runAll(jdbc);

            CliResult migrate = CliResult.run(properties(db), "migrate");
            assertThat(migrate.exit()).as(migrate.toString()).isZero();
            assertThat(migrate.out()).contains("nothing applied");
            assertThat(history(jdbc)).containsExactly(LATEST.substring(0, 3) + " BASELINE installed by hand up to " + LATEST);

            CliResult sync = CliResult.run(properties(db), "run", "entitlement-sync");
            assertThat(sync.exit()).as(sync.toString()).isZero();
            assertThat(jdbc.queryForObject("""
                    select count(*) from batch.batch_job_execution e join batch.batch_job_instance i using (job_instance_id)
                     where i.job_name = 'entitlement-sync' and e.status = 'COMPLETED'""", Long.class)).isOne();
            assertThat(failingQaTests(jdbc)).isZero();
        }
    }

    @Test
    void theNineOriginalFilesByHandThenMigrateAppliesTheRest() {
        try (TestDatabase db = TestDatabase.createEmpty("hand009")) {
            JdbcTemplate jdbc = db.jdbc();
            HandInstall.filesUpTo(jdbc, "009");

            CliResult migrate = CliResult.run(properties(db), "migrate");
            assertThat(migrate.exit()).as(migrate.toString()).isZero();

            assertThat(history(jdbc).get(0)).isEqualTo("009 BASELINE installed by hand up to 009_qa_testing.sql");
            assertThat(history(jdbc).subList(1, history(jdbc).size())).containsExactlyElementsOf(filesAfter("009"));
            assertThat(migrate.out()).contains("Applied 010 010_batch_schema.sql").doesNotContain("Applied 009");
            assertThat(failingQaTests(jdbc)).isZero();
        }
    }

    @Test
    void filesUpToALaterOneByHandThenMigrateAppliesOnlyWhatFollows() {
        try (TestDatabase db = TestDatabase.createEmpty("hand012")) {
            JdbcTemplate jdbc = db.jdbc();
            HandInstall.filesUpTo(jdbc, "012");

            CliResult migrate = CliResult.run(properties(db), "migrate");
            assertThat(migrate.exit()).as(migrate.toString()).isZero();

            assertThat(history(jdbc).get(0)).isEqualTo("012 BASELINE installed by hand up to 012_entitlement_changes.sql");
            assertThat(history(jdbc).subList(1, history(jdbc).size())).containsExactlyElementsOf(filesAfter("012"))
                    .startsWith("013 SQL 013_json_shapes.sql");
            assertThat(failingQaTests(jdbc)).isZero();
        }
    }

    @Test
    void theSeedRowsTellFilesUpTo007FromFilesUpTo008() {
        try (TestDatabase upTo007 = TestDatabase.createEmpty("hand007");
             TestDatabase upTo008 = TestDatabase.createEmpty("hand008")) {
            HandInstall.filesUpTo(upTo007.jdbc(), "007");
            HandInstall.filesUpTo(upTo008.jdbc(), "008");

            assertThat(CliResult.run(properties(upTo007), "migrate").exit()).isZero();
            assertThat(CliResult.run(properties(upTo008), "migrate").exit()).isZero();

            assertThat(history(upTo007.jdbc()).subList(0, 2))
                    .containsExactly("007 BASELINE installed by hand up to 007_performance_indices.sql", "008 SQL 008_seed_data.sql");
            assertThat(history(upTo008.jdbc()).subList(0, 2))
                    .containsExactly("008 BASELINE installed by hand up to 008_seed_data.sql", "009 SQL 009_qa_testing.sql");
        }
    }

    @Test
    void anApplicationsOwnTablesInPublicSurviveAndTheMigrationsApplyBesideThem() {
        try (TestDatabase db = TestDatabase.createEmpty("foreign")) {
            JdbcTemplate jdbc = db.jdbc();
            jdbc.execute("""
                    create table public.app_notes (id bigint generated always as identity primary key, body text not null);
                    insert into public.app_notes (body) values ('first'), ('second');
                    create function public.app_note_count() returns bigint language sql as 'select count(*) from public.app_notes';
                    """);

            CliResult migrate = CliResult.run(properties(db), "migrate");
            assertThat(migrate.exit()).as(migrate.toString()).isZero();

            assertThat(jdbc.queryForList("select body from public.app_notes order by id", String.class))
                    .containsExactly("first", "second");
            assertThat(jdbc.queryForObject("select public.app_note_count()", Long.class)).isEqualTo(2);
            assertThat(history(jdbc).get(0)).isEqualTo("0 BASELINE no PromptForge objects, other objects kept");
            assertThat(history(jdbc).subList(1, history(jdbc).size())).containsExactlyElementsOf(filesAfter("000"));
            assertThat(jdbc.queryForObject("select count(*) from public.modules", Long.class)).isEqualTo(50);
        }
    }

    @Test
    void anApplicationsOwnTablesBesideAHandInstalledSchemaDoNotHinderRecognition() {
        try (TestDatabase db = TestDatabase.createEmpty("foreignhand")) {
            JdbcTemplate jdbc = db.jdbc();
            jdbc.execute("create table public.app_notes (id bigint primary key, body text); "
                    + "insert into public.app_notes values (1, 'kept')");
            HandInstall.filesUpTo(jdbc, "009");

            CliResult migrate = CliResult.run(properties(db), "migrate");
            assertThat(migrate.exit()).as(migrate.toString()).isZero();

            assertThat(history(jdbc).get(0)).isEqualTo("009 BASELINE installed by hand up to 009_qa_testing.sql");
            assertThat(jdbc.queryForObject("select body from public.app_notes", String.class)).isEqualTo("kept");
        }
    }

    @Test
    void anApplicationTableNamedLikeOneOfOursIsRefusedNotTakenOver() {
        try (TestDatabase db = TestDatabase.createEmpty("nameclash")) {
            JdbcTemplate jdbc = db.jdbc();
            jdbc.execute("create table public.organizations (id bigint primary key, title text); "
                    + "insert into public.organizations values (1, 'theirs')");
            Set<String> before = CatalogObjects.of(jdbc);

            CliResult migrate = CliResult.run(properties(db), "migrate");

            assertThat(migrate.exit()).as(migrate.toString()).isEqualTo(3);
            assertThat(migrate.err().lines()).hasSize(1).first().asString()
                    .startsWith("The database has no Flyway history and matches no PromptForge version: nearest is "
                            + "none of PromptForge's objects, but it has objects that PromptForge's migrations make: "
                            + "table public.organizations (002)");
            assertThat(CatalogObjects.of(jdbc)).isEqualTo(before);
            assertThat(jdbc.queryForObject("select title from public.organizations", String.class)).isEqualTo("theirs");
        }
    }

    @Test
    void aSeedThatFilledOnlySomeOfItsTablesIsRefused() {
        try (TestDatabase db = TestDatabase.createEmpty("halfseed")) {
            JdbcTemplate jdbc = db.jdbc();
            HandInstall.filesUpTo(jdbc, "008");
            jdbc.execute("truncate public.organizations, public.runs cascade");
            Set<String> before = CatalogObjects.of(jdbc);

            CliResult migrate = CliResult.run(properties(db), "migrate");

            assertThat(migrate.exit()).as(migrate.toString()).isEqualTo(3);
            assertThat(migrate.err().lines()).hasSize(1).first().asString()
                    .startsWith("The database has no Flyway history, and PromptForge's objects up to "
                            + "007_performance_indices.sql, but only some of the tables 008_seed_data.sql fills have rows")
                    .contains("none in public.bundles");
            assertThat(CatalogObjects.of(jdbc)).isEqualTo(before);
        }
    }

    @Test
    void aHalfAppliedMigrationIsRefusedInOneLineAndNothingChanges() {
        try (TestDatabase db = TestDatabase.createEmpty("halfapplied")) {
            JdbcTemplate jdbc = db.jdbc();
            HandInstall.filesUpTo(jdbc, "006");
            // 006 stopped part-way: one of its functions is not there
            jdbc.execute("drop function public.pf_publish_module_version(text, text, jsonb, text)");
            Set<String> before = CatalogObjects.of(jdbc);

            CliResult migrate = CliResult.run(properties(db), "migrate");

            assertThat(migrate.exit()).as(migrate.toString()).isEqualTo(3);
            assertThat(migrate.err().lines()).hasSize(1).first().asString()
                    .startsWith("The database has no Flyway history and matches no PromptForge version: nearest is "
                            + "006_module_versioning.sql, but it lacks function public.pf_publish_module_version(text, text, jsonb, text) (006).")
                    .contains("Expected all the objects of one version")
                    .endsWith("then run migrate again.");
            assertThat(CatalogObjects.of(jdbc)).isEqualTo(before);
        }
    }

    @Test
    void aDroppedTableOfAnInstalledMigrationIsRefusedAndNothingChanges() {
        try (TestDatabase db = TestDatabase.createEmpty("droppedtable")) {
            JdbcTemplate jdbc = db.jdbc();
            HandInstall.runAll(jdbc);
            jdbc.execute("drop table public.entitlement_grants cascade");
            Set<String> before = CatalogObjects.of(jdbc);

            CliResult migrate = CliResult.run(properties(db), "migrate");

            assertThat(migrate.exit()).as(migrate.toString()).isEqualTo(3);
            assertThat(migrate.err().lines()).hasSize(1).first().asString()
                    .contains("nearest is " + LATEST)
                    .contains("it lacks table public.entitlement_grants (003)");
            assertThat(CatalogObjects.of(jdbc)).isEqualTo(before);
        }
    }

    @Test
    void migrateTwiceChangesNothingTheSecondTime() {
        try (TestDatabase db = TestDatabase.createEmpty("twice")) {
            JdbcTemplate jdbc = db.jdbc();
            HandInstall.filesUpTo(jdbc, "012");
            assertThat(CliResult.run(properties(db), "migrate").exit()).isZero();
            List<String> history = history(jdbc);
            Set<String> objects = CatalogObjects.of(jdbc);

            CliResult again = CliResult.run(properties(db), "migrate");

            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(again.out()).contains("nothing applied");
            assertThat(history(jdbc)).isEqualTo(history);
            assertThat(CatalogObjects.of(jdbc)).isEqualTo(objects);
        }
    }

    @Test
    void theRefusalIsExit3AndOneLineFromTheJarsProcess() throws Exception {
        try (TestDatabase db = TestDatabase.createEmpty("refusedprocess")) {
            JdbcTemplate jdbc = db.jdbc();
            HandInstall.filesUpTo(jdbc, "005");
            jdbc.execute("drop table public.prompt_scores cascade");
            Path log = Files.createTempFile(reports, "migrate", ".log");

            try (BatchProcess process = BatchProcess.start(properties(db), log, "migrate")) {
                assertThat(process.waitFor(Duration.ofMinutes(2))).as(process.output()).isEqualTo(3);
                List<String> lines = process.output().lines().filter(line -> !line.isBlank()).toList();
                assertThat(lines.get(lines.size() - 1))
                        .startsWith("The database has no Flyway history and matches no PromptForge version: nearest is "
                                + "005_history_telemetry_scores.sql, but it lacks table public.prompt_scores (005)");
            }
            assertThat(jdbc.queryForObject("select to_regclass('public.flyway_schema_history') is null", Boolean.class))
                    .isTrue();
        }
    }
}

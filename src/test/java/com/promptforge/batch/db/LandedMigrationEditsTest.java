package com.promptforge.batch.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.promptforge.batch.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

/**
 * A database built from the texts of 009 and 013 before issue 10 (commit 7ac407c; copies in
 * {@code src/test/resources/db/landed-7ac407c/}) migrates with the current jar and ends where a fresh one does.
 */
class LandedMigrationEditsTest {

    private static final String EARLIER = "db/landed-7ac407c/";

    @Test
    void theKnownEarlierChecksumsAreWhatFlywayRecordedForTheEarlierFiles() throws IOException {
        try (TestDatabase db = builtFromTheEarlierFiles("landedsums")) {
            Map<String, Integer> recorded = Map.of(
                    "009", checksum(db, "009"),
                    "013", checksum(db, "013"));

            assertThat(recorded).allSatisfy((version, checksum) ->
                    assertThat(LandedMigrationEdits.EARLIER_CHECKSUMS.get(version)).contains(checksum));
        }
    }

    @Test
    void aDatabaseBuiltFromTheEarlierFilesMigratesAndIsAllPass() throws IOException {
        try (TestDatabase old = builtFromTheEarlierFiles("landedold");
             TestDatabase fresh = TestDatabase.create("landedfresh")) {
            Migrations.migrate(Migrations.flyway(old.dataSource()));

            assertThat(old.jdbc().queryForList(
                    "select test_name || ': ' || details from public.run_all_qa_tests() where status <> 'PASS'", String.class))
                    .isEmpty();
            assertThat(history(old)).isEqualTo(history(fresh));
            assertThat(qaFunctions(old)).isEqualTo(qaFunctions(fresh)).hasSizeGreaterThan(5);
        }
    }

    @Test
    void anUnknownEditOfALandedFileStillFailsValidation() throws IOException {
        try (TestDatabase old = builtFromTheEarlierFiles("landedunknown")) {
            old.jdbc().update("update public.flyway_schema_history set checksum = 12345 where version = '009'");

            assertThatThrownBy(() -> Migrations.migrate(Migrations.flyway(old.dataSource())))
                    .isInstanceOf(FlywayException.class).hasMessageContaining("009");
        }
    }

    /** 001-014 as they were at 7ac407c: today's files except 009 and 013, which come from the test resources. */
    private static TestDatabase builtFromTheEarlierFiles(String hint) throws IOException {
        Path folder = Files.createTempDirectory("pf-landed");
        for (String file : MigrationsTest.migrationFiles()) {
            if (file.compareTo("015") >= 0) {
                continue;
            }
            String earlier = EARLIER + file;
            try (InputStream in = LandedMigrationEditsTest.class.getClassLoader().getResourceAsStream(earlier)) {
                if (in != null) {
                    Files.copy(in, folder.resolve(file));
                } else {
                    Files.copy(Path.of("sql", file), folder.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        TestDatabase db = TestDatabase.createEmpty(hint);
        Migrations.configure(Flyway.configure()).locations("filesystem:" + folder).dataSource(db.dataSource()).load()
                .migrate();
        return db;
    }

    private static Integer checksum(TestDatabase db, String version) {
        return db.jdbc().queryForObject("select checksum from public.flyway_schema_history where version = ?",
                Integer.class, version);
    }

    private static List<String> history(TestDatabase db) {
        return db.jdbc().queryForList(
                "select version || ' ' || script || ' ' || checksum from public.flyway_schema_history where success order by installed_rank",
                String.class);
    }

    /** Every QA function's full definition, so that "the same state" covers bodies, not just names. */
    private static List<String> qaFunctions(TestDatabase db) {
        return db.jdbc().queryForList("""
                select pg_get_functiondef(p.oid) || coalesce(obj_description(p.oid, 'pg_proc'), '') || coalesce(p.proacl::text, '')
                  from pg_proc p
                 where p.pronamespace = 'public'::regnamespace
                   and (p.proname like 'pf\\_qa\\_%' or p.proname in ('run_all_qa_tests', 'pf_json_problem_bundle_paths'))
                 order by p.proname""", String.class).stream().filter(Objects::nonNull).toList();
    }
}

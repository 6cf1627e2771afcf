package com.promptforge.batch.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.promptforge.batch.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * db/schema-fingerprints.txt is what the migration files leave in the catalog: this applies them one by one
 * to an empty database, as a person does by hand, and derives each file's objects, like the byte compare
 * of run_all_migrations.sql. When stale, it says how to regenerate.
 */
class SchemaFingerprintsTest {

    private static final Path CHECKED_IN = Path.of("src/main/resources", SchemaFingerprints.RESOURCE);
    private static final Path GENERATED = Path.of("target", "schema-fingerprints.txt");

    @Test
    void theCheckedInFingerprintsAreWhatTheMigrationFilesMake() throws IOException {
        String checkedIn = Files.exists(CHECKED_IN) ? Files.readString(CHECKED_IN) : "";
        String generated = derive(SchemaFingerprints.parse(checkedIn)).format();
        Files.createDirectories(GENERATED.getParent());
        Files.writeString(GENERATED, generated);

        assertThat(checkedIn.equals(generated))
                .as(CHECKED_IN + " is stale (a migration's objects changed): cp " + GENERATED + " " + CHECKED_IN
                        + " and review the diff; when a landed migration lost or gained objects, add '?' lines "
                        + "(docs/DATABASE.md, Databases installed by hand). Lines that differ: "
                        + differingLines(checkedIn, generated))
                .isTrue();
    }

    private static List<String> differingLines(String checkedIn, String generated) {
        List<String> old = checkedIn.lines().toList();
        List<String> now = generated.lines().toList();
        List<String> differing = new ArrayList<>();
        old.stream().filter(line -> !now.contains(line)).map(line -> "checked in: " + line).forEach(differing::add);
        now.stream().filter(line -> !old.contains(line)).map(line -> "generated: " + line).forEach(differing::add);
        return differing.stream().limit(20).toList();
    }

    @Test
    void everyMigrationLeavesSomethingARecognizerCanSee() {
        for (SchemaFingerprints.Step step : SchemaFingerprints.load().steps()) {
            assertThat(step.added().size() + step.removed().size() + step.seeded().size())
                    .as(step.script() + " changes no object and fills no table, so a database installed by hand "
                            + "cannot tell whether it ran: make it create something (a table, a function)")
                    .isPositive();
        }
    }

    @Test
    void theFingerprintsCoverEveryMigrationTheJarCarries() {
        List<String> versions = SchemaFingerprints.load().steps().stream().map(SchemaFingerprints.Step::script).toList();
        assertThat(versions).as("stale " + CHECKED_IN + ": run SchemaFingerprintsTest and cp " + GENERATED + " " + CHECKED_IN)
                .containsExactlyElementsOf(HandInstall.files());
    }

    @Test
    void theQuestionMarkObjectsOfALandedMigrationAreAcceptedPresentOrAbsentFromItsVersionOn() {
        SchemaFingerprints fingerprints = SchemaFingerprints.parse("""
                001 file 001_a.sql
                001 + table public.a
                002 file 002_b.sql
                002 + function public.qa_new()
                002 ? function public.qa_new()
                002 ? function public.qa_old()
                003 file 003_c.sql
                003 + table public.c
                """);
        assertThat(fingerprints.format()).as("parse and format are inverses").isEqualTo(
                SchemaFingerprints.parse(fingerprints.format()).format());

        assertThat(fingerprints.recognize(Set.of("table public.a", "function public.qa_new()"), table -> false)
                .version()).isEqualTo("002");
        assertThat(fingerprints.recognize(Set.of("table public.a", "function public.qa_old()"), table -> false)
                .version()).isEqualTo("002");
        assertThat(fingerprints.recognize(Set.of("table public.a", "function public.qa_old()", "table public.c"),
                table -> false).version()).isEqualTo("003");
        assertThat(fingerprints.recognize(Set.of("table public.a"), table -> false).version())
                .as("absent ? objects match the earlier version first").isEqualTo("001");
        assertThatThrownBy(() -> fingerprints.recognize(Set.of("function public.qa_old()"), table -> false))
                .as("a ? object does not stand for the objects before it")
                .isInstanceOf(UnrecognizedSchemaException.class)
                .hasMessageContaining("nearest is 002_b.sql, but it lacks table public.a (001).");
    }

    /** Each file's objects, from applying the files one by one; the '?' lines of {@code previous} are kept. */
    private static SchemaFingerprints derive(SchemaFingerprints previous) {
        List<SchemaFingerprints.Step> steps = new ArrayList<>();
        try (TestDatabase db = TestDatabase.createEmpty("fingerprints")) {
            JdbcTemplate jdbc = db.jdbc();
            Set<String> before = CatalogObjects.of(jdbc);
            for (String file : HandInstall.files()) {
                Set<String> emptyTables = tables(before).stream()
                        .filter(table -> !CatalogObjects.hasRows(jdbc, table))
                        .collect(Collectors.toSet());
                jdbc.execute(HandInstall.read(HandInstall.SQL.resolve(file)));
                Set<String> after = CatalogObjects.of(jdbc);

                SortedSet<String> added = new TreeSet<>(after);
                added.removeAll(before);
                SortedSet<String> removed = new TreeSet<>(before);
                removed.removeAll(after);
                SortedSet<String> seeded = new TreeSet<>();
                if (added.isEmpty() && removed.isEmpty()) {
                    emptyTables.stream().filter(table -> CatalogObjects.hasRows(jdbc, table)).forEach(seeded::add);
                }
                String version = file.substring(0, 3);
                SortedSet<String> optional = previous.steps().stream()
                        .filter(step -> step.version().equals(version))
                        .findFirst()
                        .map(SchemaFingerprints.Step::optional)
                        .orElseGet(TreeSet::new);
                steps.add(new SchemaFingerprints.Step(version, file, added, removed, seeded, optional));
                before = after;
            }
        }
        return new SchemaFingerprints(steps);
    }

    private static List<String> tables(Set<String> objects) {
        return objects.stream().filter(o -> o.startsWith("table ")).map(o -> o.substring("table ".length())).toList();
    }
}

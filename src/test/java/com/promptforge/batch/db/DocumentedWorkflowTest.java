package com.promptforge.batch.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.promptforge.batch.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

/**
 * The SQL examples of the original database README, pasted in order (resource
 * {@code db/documented-workflow.sql}), each followed by a DO block that raises when the example does not
 * do what the README says.
 */
class DocumentedWorkflowTest {

    private static final Pattern EXAMPLE = Pattern.compile("(?m)^-- @example (.+)$");
    private static final Pattern SINCE = Pattern.compile("(?m)^-- @since (\\d{3})$");
    private static final Pattern INCLUDE = Pattern.compile("(?m)^-- @include (\\S+)$");

    @Test
    void everyDocumentedExampleWorksAsWrittenOnTheFullyMigratedDatabase() {
        try (TestDatabase db = TestDatabase.create("docworkflow")) {
            List<String> ran = runExamples(db, Integer.MAX_VALUE);

            assertThat(ran).hasSize(15).anySatisfy(title -> assertThat(title).contains("Create bundle"));
        }
    }

    @Test
    void theExamplesOfTheNineOriginalMigrationsWorkOn001To009Alone() {
        try (TestDatabase db = TestDatabase.createEmpty("docworkflow009")) {
            Migrations.migrate(Migrations.configure(Flyway.configure()).dataSource(db.dataSource()).target("009").load());

            List<String> ran = runExamples(db, 9);

            // only the markdown bundle needs a later migration (015)
            assertThat(ran).hasSize(14).noneSatisfy(title -> assertThat(title).contains("Create bundle"));
        }
    }

    /** Runs each example section of the script whose {@code @since} is at most {@code version}; returns their titles. */
    private static List<String> runExamples(TestDatabase db, int version) {
        List<String> ran = new ArrayList<>();
        for (Section section : sections(resource("db/documented-workflow.sql"))) {
            Matcher since = SINCE.matcher(section.sql());
            if (since.find() && Integer.parseInt(since.group(1)) > version) {
                continue;
            }
            String sql = INCLUDE.matcher(section.sql()).replaceAll(include -> Matcher.quoteReplacement(
                    read(Path.of("sql", include.group(1)))));
            try {
                db.jdbc().execute(sql);
            } catch (DataAccessException e) {
                fail("documented example \"" + section.title() + "\" failed: " + e.getMostSpecificCause().getMessage());
            }
            ran.add(section.title());
        }
        return ran;
    }

    private record Section(String title, String sql) {
    }

    private static List<Section> sections(String script) {
        List<Section> sections = new ArrayList<>();
        Matcher matcher = EXAMPLE.matcher(script);
        List<int[]> starts = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        while (matcher.find()) {
            starts.add(new int[] {matcher.start(), matcher.end()});
            titles.add(matcher.group(1));
        }
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : script.length();
            sections.add(new Section(titles.get(i), script.substring(starts.get(i)[1], end)));
        }
        return sections;
    }

    private static String resource(String name) {
        try (InputStream in = DocumentedWorkflowTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

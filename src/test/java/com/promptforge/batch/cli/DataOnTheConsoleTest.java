package com.promptforge.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.job.BatchProcess;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An org name is data: printed by a real process on its console (the audit export's summary names the org), its
 * newline and ESC sequence come out escaped, so it neither forges a line nor clears the terminal. Log lines, on the
 * console and in the log file, escape the same (logback-spring.xml's message converter).
 */
@PromptForgeDatabase
class DataOnTheConsoleTest {

    private static final String NAME = "Evil Corp\n12:00:00 INFO  JobRunner - forged line\u001b[2J\u001b[31m";

    @Test
    void anOrgNameWithANewlineAndEscapeSequencesIsPrintedEscaped(TestDatabase db, @TempDir Path tmp) throws Exception {
        UUID org = UUID.randomUUID();
        db.jdbc().update("insert into public.organizations (id, name, slug, created_by) values (?, ?, 'evil-console', ?)",
                org, NAME, UUID.randomUUID());
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.reports-dir", tmp.resolve("reports").toString());
        properties.put("logging.file.name", tmp.resolve("batch.log").toString());

        try (BatchProcess run = BatchProcess.start(properties, tmp.resolve("console.txt"), "run", "audit-export",
                "org=" + org, "from=2026-01-01", "to=2026-01-31")) {
            int exit = run.waitFor(Duration.ofSeconds(120));
            String console = run.output();

            assertThat(exit).as(console).isZero();
            assertThat(console).contains("evil-console (Evil Corp\\n12:00:00 INFO  JobRunner - forged line"
                    + "\\x1B[2J\\x1B[31m, " + org + ")");
            assertThat(console).doesNotContain("\u001b").doesNotContain("\nforged").doesNotContain("\n12:00:00 INFO");
        }
    }

    @Test
    void aLogLineCarryingADatabaseNameWithANewlineAndEscapeIsEscapedOnTheConsoleAndInTheLogFile(TestDatabase db,
            @TempDir Path tmp) throws Exception {
        String database = "pf_log\nforged\u001b[2J";
        db.jdbc().execute("drop database if exists \"" + database + "\"");
        db.jdbc().execute("create database \"" + database + "\"");
        try {
            Map<String, Object> properties = new HashMap<>(db.applicationProperties());
            properties.put("pf.db.url", db.jdbcUrl().substring(0, db.jdbcUrl().lastIndexOf('/') + 1)
                    + "pf_log%0Aforged%1B%5B2J");
            Path logFile = tmp.resolve("batch.log");
            properties.put("logging.file.name", logFile.toString());

            try (BatchProcess migrate = BatchProcess.start(properties, tmp.resolve("console.txt"), "migrate")) {
                int exit = migrate.waitFor(Duration.ofSeconds(120));
                String console = migrate.output();

                assertThat(exit).as(console).isZero();
                for (String printed : new String[] {console, Files.readString(logFile)}) {
                    assertThat(printed).contains("Database: pf_log\\nforged\\x1B[2J at ")
                            .doesNotContain("\u001b").doesNotContain("\nforged");
                }
            }
        } finally {
            db.jdbc().execute("drop database if exists \"" + database + "\" with (force)");
        }
    }
}

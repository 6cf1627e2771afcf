package com.promptforge.batch.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person sees when a step fails, in a real process: the summary with the failure in one line and where the
 * stack trace went, no wall of Java; the trace itself is in the log file.
 */
@PromptForgeDatabase
class FailingStepConsoleTest {

    @Test
    void aFailingStepPrintsOneLineAndTheLogFileNotAStackTrace(TestDatabase db, @TempDir Path tmp) throws Exception {
        TestJobsConfiguration.createTables(db.jdbc());
        db.jdbc().execute("truncate pf_test.items, pf_test.failures, batch.batch_job_instance cascade");
        db.jdbc().update("insert into pf_test.failures (item) values (7)");
        Path logFile = tmp.resolve("logs/promptforge-batch.log");
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.test-jobs", "true");
        properties.put("logging.file.name", logFile);

        String output;
        try (BatchProcess run = BatchProcess.start(properties, tmp.resolve("console.txt"), "run",
                TestJobsConfiguration.COUNT, "items=10")) {
            assertThat(run.waitFor(Duration.ofSeconds(120))).isEqualTo(1);
            output = run.output();
        }

        assertThat(output).as(output)
                .contains("  failed: test failure at item 7")
                .contains("  stack trace in " + logFile)
                .doesNotContain("\tat ")
                .doesNotContain("Exception")
                .doesNotContain("ERROR");
        assertThat(output.lines().filter(line -> line.contains("test failure at item 7"))).hasSize(1);
        assertThat(Files.readString(logFile))
                .contains("java.lang.IllegalStateException: test failure at item 7")
                .contains("\tat ");
    }
}

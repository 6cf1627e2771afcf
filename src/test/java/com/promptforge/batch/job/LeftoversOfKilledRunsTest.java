package com.promptforge.batch.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.core.HostName;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The next run of any job removes the temp workbook a killed run left, and only that. */
@PromptForgeDatabase
class LeftoversOfKilledRunsTest {

    @Test
    void theNextRunOfAnyJobRemovesTheTempWorkbookOfADeadRunAndKeepsALiveOnes(TestDatabase db, @TempDir Path tmp)
            throws Exception {
        TestJobsConfiguration.createTables(db.jdbc());
        db.jdbc().execute("truncate pf_test.items, pf_test.failures");
        Path folder = Files.createDirectories(tmp.resolve("reports/entitlements"));
        Process dead = new ProcessBuilder("sleep", "300").start();
        Path deadLeftover = folder.resolve(".entitlement-sync-x.xlsx." + dead.pid() + "-"
                + dead.toHandle().info().startInstant().orElseThrow().toEpochMilli() + "@" + HostName.current()
                + ".q1.tmp");
        dead.destroyForcibly();
        dead.waitFor(30, TimeUnit.SECONDS);
        Process live = new ProcessBuilder("sleep", "300").start();
        try {
            Path liveWork = folder.resolve(".entitlement-sync-y.xlsx." + live.pid() + "-"
                    + live.toHandle().info().startInstant().orElseThrow().toEpochMilli() + "@" + HostName.current()
                    + ".q2.tmp");
            Files.writeString(deadLeftover, "half a workbook");
            Files.writeString(liveWork, "a workbook being written");
            Map<String, Object> properties = new HashMap<>(db.applicationProperties());
            properties.put("pf.test-jobs", "true");
            properties.put("pf.reports-dir", tmp.resolve("reports").toString());

            CliResult run = CliResult.run(properties, "run", TestJobsConfiguration.COUNT, "items=3");

            assertThat(run.exit()).as(run.toString()).isZero();
            assertThat(deadLeftover).doesNotExist();
            assertThat(liveWork).exists();
            assertThat(run.out()).contains("Removed " + deadLeftover);
        } finally {
            live.destroyForcibly();
        }
    }
}

package com.promptforge.batch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.job.BatchProcess;
import com.promptforge.batch.testing.FreePort;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schedule daemon applies PF_REPORTS_KEEP_DAYS when it starts (then daily), a line per deleted report. */
@PromptForgeDatabase
class ReportRetentionDaemonTest {

    @Test
    void theScheduleDaemonDeletesReportsOlderThanTheSettingWhenItStarts(TestDatabase db, @TempDir Path tmp)
            throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("reports/entitlements"));
        Path old = Files.writeString(folder.resolve("entitlement-sync-old.xlsx"), "old");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(10))));
        Path recent = Files.writeString(folder.resolve("entitlement-sync-recent.xlsx"), "recent");
        Files.createDirectories(tmp.resolve("jobs"));
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.jobs.dir", tmp.resolve("jobs").toString());
        properties.put("pf.reports-dir", tmp.resolve("reports").toString());
        properties.put("pf.reports-keep-days", "7");
        properties.put("pf.management-port", FreePort.any());

        try (BatchProcess daemon = BatchProcess.start(properties, tmp.resolve("schedule.txt"), "schedule")) {
            daemon.awaitOutput("Deleted report " + old, Duration.ofSeconds(120));

            assertThat(daemon.output()).contains("Reports older than 7 days are deleted now and once a day")
                    .doesNotContain("recent.xlsx");
            assertThat(old).doesNotExist();
            assertThat(recent).exists();
            daemon.terminate(Duration.ofSeconds(60));
        }
    }
}

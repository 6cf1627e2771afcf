package com.promptforge.batch.requests;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.job.BatchProcess;
import com.promptforge.batch.job.CliResult;
import com.promptforge.batch.testing.FreePort;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schedule daemon picks up a request filed while it runs, within a minute, and refuses a poll interval above it. */
@PromptForgeDatabase
class RequestPollingDaemonTest {

    private static final UUID OWNER = UUID.fromString("33333333-0000-4000-8000-0000000000a1");

    private static Map<String, Object> properties(TestDatabase db, Path tmp) throws IOException {
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.reports-dir", Files.createDirectories(tmp.resolve("reports")).toString());
        properties.put("pf.jobs.dir", Files.createDirectories(tmp.resolve("jobs")).toString()); // nothing scheduled
        properties.put("pf.management-port", FreePort.any());
        return properties;
    }

    @Test
    void theDaemonRunsARequestFiledWhileItRunsWithinAMinute(TestDatabase db, @TempDir Path tmp) throws Exception {
        RequestData data = new RequestData(db.jdbc());
        UUID org = data.org("initech", OWNER, 2);
        try (BatchProcess daemon = BatchProcess.start(properties(db, tmp), tmp.resolve("schedule.log"), "schedule")) {
            daemon.awaitOutput("Audit export requests are polled every 30 s", Duration.ofSeconds(90));
            UUID request = data.request(org, OWNER, "2026-11-01", "2026-11-30");
            long filed = System.nanoTime();

            String status = data.status(request);
            while (!status.equals("succeeded") && !status.equals("failed")
                    && System.nanoTime() - filed < Duration.ofSeconds(60).toNanos()) {
                Thread.sleep(500);
                status = data.status(request);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - filed);

            assertThat(status).as(daemon.output()).isEqualTo("succeeded");
            assertThat(took).isLessThan(Duration.ofSeconds(60));
            System.out.println("request done " + took.toMillis() + " ms after it was filed");
            assertThat(daemon.terminate(Duration.ofSeconds(60))).isEqualTo(143);
        }
    }

    @Test
    void aPollIntervalAboveAMinuteStopsTheDaemonWithOneLine(TestDatabase db, @TempDir Path tmp) throws Exception {
        Map<String, Object> properties = properties(db, tmp);
        properties.put("pf.requests.poll-interval", "5m");

        CliResult result = CliResult.run(properties, "schedule");

        assertThat(result.exit()).as(result.toString()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo(
                "PF_REQUEST_POLL_INTERVAL: '5m' is not accepted: expected a duration from 1s to 60s such as 30s");
    }
}

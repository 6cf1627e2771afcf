package com.promptforge.batch.entitlements;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.job.ConnectionFaults;
import com.promptforge.batch.job.ConnectionFaults.Moment;
import com.promptforge.batch.job.JobRunner;
import com.promptforge.batch.job.TestApplication;
import com.promptforge.batch.testing.TestDatabase;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The database goes away in the middle of a chunk (every connection dropped, new ones refused for 3 s) and comes
 * back within the retry window: the run waits for it, says so, redoes the chunk once and completes without a
 * restart, with the result of an uninterrupted run and the retries counted in its summary.
 */
class EntitlementSyncDatabaseOutageTest {

    private static final int ORGS = 30;
    private static final Duration OUTAGE = Duration.ofSeconds(3);

    @Test
    void aDropShorterThanTheRetryWindowIsWaitedOutWithoutARestart() throws Exception {
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (TestDatabase db = TestDatabase.create("outage")) {
            Map<String, Object> properties = new HashMap<>(db.applicationProperties());
            properties.put("pf.test-faults", "true");
            properties.put("pf.jobs.db-retry-window", "1m");
            properties.put("pf.jobs.progress-interval", "200ms");
            properties.put("pf.reports-dir", Files.createTempDirectory("pf-outage").toString());
            try (ConfigurableApplicationContext app = TestApplication.start(properties)) {
                JobRunner runner = app.getBean(JobRunner.class);
                SyncFixture.clear(db.jdbc());
                SyncFixture.populate(db.jdbc(), ORGS, at);
                assertThat(sync(runner, LocalDateTime.now(), new ArrayList<>()).getStatus())
                        .isEqualTo(BatchStatus.COMPLETED);
                List<String> expectedProjection = SyncFixture.projection(db.jdbc());
                List<String> expectedChangeLog = SyncFixture.changeLog(db.jdbc());
                SyncFixture.clear(db.jdbc());
                SyncFixture.populate(db.jdbc(), ORGS, at);
                app.getBean(ConnectionFaults.class).arm(EntitlementSyncJobConfiguration.STEP_NAME, 3,
                        Moment.BEFORE_COMMIT, OUTAGE);
                List<String> printed = new ArrayList<>();

                JobExecution execution = sync(runner, LocalDateTime.now().plusSeconds(1), printed);

                String output = String.join("\n", printed);
                assertThat(execution.getStatus()).as(output).isEqualTo(BatchStatus.COMPLETED);
                assertThat(app.getBean(ConnectionFaults.class).dropped()).isOne();
                assertThat(output)
                        .containsPattern("lost the database \\(.*terminating connection due to administrator command.*\\);"
                                + " the chunk was rolled back and is retried for up to 1m00s")
                        .containsPattern("entitlement-sync-reconcile: waiting for the database \\(.+\\), attempt \\d+, "
                                + "gives up in ")
                        .containsPattern("the database is back after \\d+ retr(y|ies) \\(.+\\); the chunk was redone "
                                + "from its start")
                        .containsPattern("\n  database retries: [1-9]");
                assertThat(SyncFixture.projection(db.jdbc())).isEqualTo(expectedProjection);
                assertThat(SyncFixture.changeLog(db.jdbc())).isEqualTo(expectedChangeLog);
                assertThat(SyncFixture.changesRecordedTwice(db.jdbc())).isZero();
                assertThat(db.jdbc().queryForObject("select count(distinct job_execution_id) from "
                        + "public.entitlement_changes", Long.class)).as("one execution, no restart").isOne();
            }
        }
    }

    private static JobExecution sync(JobRunner runner, LocalDateTime launchTime, List<String> printed) {
        return runner.run(EntitlementSyncJobConfiguration.JOB_NAME, Map.of("chunkSize", "5"), "test", launchTime,
                printed::add);
    }
}

package com.promptforge.batch.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.core.HostName;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run in a process of its own writes its execution's heartbeat to batch.job_heartbeats: its host name and pid,
 * refreshed every pf.jobs.heartbeat-interval while it runs, and deleted when the execution ends.
 */
@PromptForgeDatabase
class JobHeartbeatsTest {

    @Test
    void aRunningExecutionBeatsWithItsHostAndPidAndItsHeartbeatIsDeletedWhenItEnds(TestDatabase db, @TempDir Path tmp)
            throws Exception {
        TestJobsConfiguration.createTables(db.jdbc());
        db.jdbc().execute("truncate pf_test.items, batch.batch_job_instance cascade; truncate batch.job_heartbeats");
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.test-jobs", "true");
        properties.put("pf.jobs.heartbeat-interval", "300ms");
        try (BatchProcess run = BatchProcess.start(properties, tmp.resolve("run.log"), "run",
                TestJobsConfiguration.COUNT, "items=60", "delayMs=50")) {
            Map<String, Object> first = awaitBeat(db, run, null);
            Map<String, Object> later = awaitBeat(db, run, (Timestamp) first.get("last_beat"));

            assertThat(first.get("host")).isEqualTo(HostName.current());
            assertThat(((Number) first.get("pid")).longValue()).isEqualTo(run.pid());
            assertThat(first.get("job_name")).isEqualTo(TestJobsConfiguration.COUNT);
            assertThat(later.get("job_execution_id")).isEqualTo(first.get("job_execution_id"));
            assertThat(later.get("started_at")).isEqualTo(first.get("started_at"));
            assertThat(run.isAlive()).as("beats while it runs").isTrue();

            assertThat(run.waitFor(Duration.ofSeconds(90))).as(run.output()).isZero();
        }
        assertThat(db.jdbc().queryForObject("select count(*) from batch.job_heartbeats", Integer.class)).isZero();
    }

    /** The heartbeat row once it exists and, when {@code after} is given, once its last beat is later than that. */
    private static Map<String, Object> awaitBeat(TestDatabase db, BatchProcess run, Timestamp after)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            List<Map<String, Object>> rows = db.jdbc().queryForList("select * from batch.job_heartbeats");
            if (rows.size() == 1 && (after == null || ((Timestamp) rows.get(0).get("last_beat")).after(after))) {
                return rows.get(0);
            }
            assertThat(rows).hasSizeLessThan(2);
            assertThat(run.isAlive()).as(run.output()).isTrue();
            assertThat(System.nanoTime()).as("no heartbeat within 60 s:\n" + run.output()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}

package com.promptforge.batch.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code run} process that is stopped: by SIGTERM (Ctrl-C), it stops the job at a chunk boundary, STOPPED; by
 * kill -9, it leaves its execution STARTED and its heartbeat, still recent (its run lock goes with its connection).
 * Either way {@code restart} continues from the last committed chunk (marking the orphan FAILED first: its process
 * on this host has ended) and every item ends up written exactly once.
 */
@PromptForgeDatabase
class KilledRunRestartTest {

    @Test
    void sigtermStopsAForegroundRunAtAChunkBoundaryAndRestartContinuesIt(TestDatabase db, @TempDir Path tmp)
            throws Exception {
        TestJobsConfiguration.createTables(db.jdbc());
        db.jdbc().execute("truncate pf_test.items, batch.batch_job_instance cascade");
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.test-jobs", "true");
        properties.put("pf.jobs.progress-interval", "500ms");
        try (BatchProcess run = BatchProcess.start(properties, tmp.resolve("run.log"), "run",
                TestJobsConfiguration.COUNT, "items=60", "delayMs=40")) {
            run.awaitOutput("items/s", Duration.ofSeconds(90));

            assertThat(run.terminate(Duration.ofSeconds(60))).isEqualTo(143);

            assertThat(run.output()).contains("Shutting down: stopping test-count execution")
                    .containsPattern("test-count execution \\d+ STOPPED in ")
                    .contains("stopped at a chunk boundary; continue with: restart test-count");
        }
        int committed = db.jdbc().queryForObject("select count(*) from pf_test.items", Integer.class);
        assertThat(committed).isLessThan(60);
        assertThat(committed % TestJobsConfiguration.CHUNK).isZero();

        CliResult restart = CliResult.run(properties, "restart", TestJobsConfiguration.COUNT);

        assertThat(restart.exit()).as(restart.toString()).isZero();
        assertThat(restart.out()).contains("(STOPPED, started ");
        assertThat(db.jdbc().queryForList("select item from pf_test.items order by item", Long.class))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 60).boxed().toList());
    }

    @Test
    void restartContinuesARunWhoseProcessWasKilled(TestDatabase db, @TempDir Path tmp) throws Exception {
        TestJobsConfiguration.createTables(db.jdbc());
        db.jdbc().execute("truncate pf_test.items, batch.batch_job_instance cascade");
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.test-jobs", "true");
        long executionId;
        long pid;
        try (BatchProcess run = BatchProcess.start(properties, tmp.resolve("run.log"), "run",
                TestJobsConfiguration.COUNT, "items=60", "delayMs=40")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (db.jdbc().queryForObject("select count(*) from pf_test.items", Integer.class) < 10) {
                assertThat(run.isAlive()).as(run.output()).isTrue();
                assertThat(System.nanoTime()).as("no item written within 90 s").isLessThan(deadline);
                Thread.sleep(50);
            }
            pid = run.pid();
            run.kill();
            executionId = db.jdbc().queryForObject("select max(job_execution_id) from batch.batch_job_execution",
                    Long.class);
        }
        assertThat(db.jdbc().queryForObject("select status from batch.batch_job_execution where job_execution_id = ?",
                String.class, executionId)).isEqualTo("STARTED");
        int committed = db.jdbc().queryForObject("select count(*) from pf_test.items", Integer.class);
        assertThat(committed % TestJobsConfiguration.CHUNK).isZero();
        assertThat(db.jdbc().queryForObject("select count(*) from batch.job_heartbeats where job_execution_id = ? "
                + "and pid = ? and last_beat > now() - interval '30 seconds'", Integer.class, executionId, pid))
                .as("the killed process's heartbeat is left, still recent: its pid tells it is gone").isOne();

        CliResult restart = CliResult.run(properties, "restart", TestJobsConfiguration.COUNT);

        assertThat(restart.exit()).as(restart.toString()).isZero();
        assertThat(restart.out())
                .contains("Note: test-count execution " + executionId + " (started ")
                .contains(") was left STARTED by a process that is gone (its process, pid " + pid + " on this host, "
                        + "has ended); marked FAILED")
                .contains("Restarting test-count execution " + executionId + " (FAILED, started ")
                .contains("read " + (60 - committed) + ", written " + (60 - committed));
        assertThat(db.jdbc().queryForList("select item from pf_test.items order by item", Long.class))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 60).boxed().toList());
    }
}

package com.promptforge.batch.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@code run} and {@code restart} do with an execution of test-count that no run of theirs left, planted the
 * way the repository holds it: an execution left running whose heartbeat (batch.job_heartbeats) comes from another
 * machine, stale or recent; and an execution that ended with its step still marked running, which is what a dropped
 * connection leaves when the step's closing saves are lost and the job's own save gets through on a new connection.
 */
@PromptForgeDatabase
class AbandonedExecutionsTest {

    private Map<String, Object> properties;
    private long executionId;

    /** A run of 12 items that fails at item 8, after one chunk of 5 committed. */
    @BeforeEach
    void failedRun(TestDatabase db) {
        TestJobsConfiguration.createTables(db.jdbc());
        db.jdbc().execute("truncate pf_test.items, pf_test.failures, batch.batch_job_instance cascade; "
                + "truncate batch.job_heartbeats");
        db.jdbc().update("insert into pf_test.failures (item) values (8)");
        properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.test-jobs", "true");
        assertThat(CliResult.run(properties, "run", TestJobsConfiguration.COUNT, "items=12").exit()).isEqualTo(1);
        executionId = db.jdbc().queryForObject("select max(job_execution_id) from batch.batch_job_execution",
                Long.class);
        db.jdbc().update("delete from pf_test.failures");
    }

    @Test
    void aRunMarksAnExecutionFailedWhoseHeartbeatFromAnotherMachineIsStale(TestDatabase db) {
        leftRunning(db);
        db.jdbc().update("insert into batch.job_heartbeats (job_execution_id, job_name, host, pid, started_at, "
                + "last_beat) values (?, 'test-count', 'other-machine', 4242, now() - interval '2 hours', "
                + "now() - interval '1 hour')", executionId);

        CliResult run = CliResult.run(properties, "run", TestJobsConfiguration.COUNT, "items=3");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Note: test-count execution " + executionId + " (started ")
                .contains(") was left STARTED by a process that is gone (its last heartbeat, from other-machine "
                        + "pid 4242, is 1h00m old); marked FAILED (restart test-count continues it)");
        assertThat(status(db)).isEqualTo("FAILED");
    }

    @Test
    void aRunIsRefusedWhileAnExecutionLeftRunningBeatsFromAnotherMachine(TestDatabase db) {
        leftRunning(db);
        db.jdbc().update("insert into batch.job_heartbeats (job_execution_id, job_name, host, pid) "
                + "values (?, 'test-count', 'other-machine', 4242)", executionId);

        CliResult run = CliResult.run(properties, "run", TestJobsConfiguration.COUNT, "items=3");

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).containsPattern("Refused: test-count execution " + executionId + " still runs on "
                + "other-machine pid 4242 \\(last heartbeat [^()]+ ago, at [-0-9]{10} [:0-9]{8} UTC\\), though its run "
                + "lock was free; it is not marked FAILED while it beats, and a new run of test-count is not "
                + "started");
        assertThat(status(db)).isEqualTo("STARTED");
    }

    @Test
    void aRestartMarksAnExecutionFailedThatHasNoHeartbeat(TestDatabase db) {
        leftRunning(db);

        CliResult restart = CliResult.run(properties, "restart", TestJobsConfiguration.COUNT);

        assertThat(restart.exit()).as(restart.toString()).isZero();
        assertThat(restart.out()).contains(") was left STARTED by a process that is gone (it has no heartbeat); "
                + "marked FAILED");
        assertThat(items(db)).containsExactlyElementsOf(LongStream.rangeClosed(1, 12).boxed().toList());
    }

    @ParameterizedTest(name = "execution {0}, step STARTED")
    @ValueSource(strings = {"FAILED", "UNKNOWN"})
    void aRestartContinuesAnExecutionThatEndedWithItsStepStillMarkedRunning(String jobStatus, TestDatabase db) {
        db.jdbc().update("update batch.batch_job_execution set status = ? where job_execution_id = ?", jobStatus,
                executionId);
        db.jdbc().update("update batch.batch_step_execution set status = 'STARTED', end_time = null "
                + "where job_execution_id = ?", executionId);

        CliResult restart = CliResult.run(properties, "restart", TestJobsConfiguration.COUNT);

        assertThat(restart.exit()).as(restart.toString()).isZero();
        assertThat(restart.out()).contains("Note: test-count execution " + executionId + " ended " + jobStatus
                        + " with step count (STARTED) still marked running (the step's closing save was lost with "
                        + "its connection); marked FAILED")
                .contains("Restarting test-count execution " + executionId + " (FAILED, started ")
                .contains("step count: COMPLETED, read 7, written 7");
        assertThat(items(db)).containsExactlyElementsOf(LongStream.rangeClosed(1, 12).boxed().toList());
    }

    /** What a process that died leaves: the execution and its step STARTED, with no end. */
    private void leftRunning(TestDatabase db) {
        db.jdbc().update("update batch.batch_job_execution set status = 'STARTED', exit_code = 'UNKNOWN', "
                + "end_time = null where job_execution_id = ?", executionId);
        db.jdbc().update("update batch.batch_step_execution set status = 'STARTED', exit_code = 'EXECUTING', "
                + "end_time = null where job_execution_id = ?", executionId);
    }

    private String status(TestDatabase db) {
        return db.jdbc().queryForObject("select status from batch.batch_job_execution where job_execution_id = ?",
                String.class, executionId);
    }

    private static List<Long> items(TestDatabase db) {
        return db.jdbc().queryForList("select item from pf_test.items order by item", Long.class);
    }
}

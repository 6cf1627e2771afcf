package com.promptforge.batch.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.core.HostName;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run of test-count (60 items in chunks of 5) in a process of its own loses its run lock: the test ends the
 * session holding it with pg_terminate_backend, as a server restart or an administrator would. Where the run stands
 * is made certain with a gate, not timing: the test holds an EXCLUSIVE lock on pf_test.items, so the run waits in
 * the write of its next chunk, before that chunk's boundary, while the test acts.
 */
@PromptForgeDatabase
class LostRunLockTest {

    private static final String LOCK_KEY = JobLocks.KEY_PREFIX + TestJobsConfiguration.COUNT;
    /** The backends holding a job's run lock (parameter: the lock's name): pid and application_name. */
    private static final String LOCK_HOLDERS = """
            select l.pid, a.application_name
              from pg_catalog.pg_locks l
              join pg_catalog.pg_stat_activity a on a.pid = l.pid
             where l.locktype = 'advisory' and l.granted and l.objsubid = 1
               and ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended(?, 0)""";

    private Map<String, Object> properties;

    @BeforeEach
    void emptyTables(TestDatabase db) {
        TestJobsConfiguration.createTables(db.jdbc());
        db.jdbc().execute("truncate pf_test.items, pf_test.failures, batch.batch_job_instance cascade; "
                + "truncate batch.job_heartbeats");
        properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.test-jobs", "true");
    }

    @Test
    void aRunWhoseLockConnectionIsTerminatedTakesTheLockAgainAndCompletes(TestDatabase db, @TempDir Path tmp)
            throws Exception {
        try (BatchProcess run = startRun(tmp); Connection gate = session(db)) {
            awaitItems(db, run, 10);
            close(gate, db, run);
            int lost = terminateLockHolder(db);

            open(gate); // the blocked chunk commits, its boundary takes the lock again, the next chunk waits
            close(gate, db, run);

            Map<String, Object> holder = awaitLockHolder(db, run);
            assertThat(((Number) holder.get("pid")).intValue()).isNotEqualTo(lost);
            assertThat((String) holder.get("application_name"))
                    .isEqualTo("pf-lock test-count " + HostName.current() + ":" + run.pid());
            open(gate);

            assertThat(run.waitFor(Duration.ofSeconds(90))).as(run.output()).isZero();
            assertThat(run.output()).containsPattern("Warning: test-count execution \\d+ lost its run lock \\(the "
                    + "lock's database session ended\\); took it again on a new connection, the run goes on")
                    .containsPattern("test-count execution \\d+ COMPLETED in ");
        }
        assertThat(items(db)).containsExactlyElementsOf(LongStream.rangeClosed(1, 60).boxed().toList());
    }

    @Test
    void aRunWhoseLockIsTakenByAnotherSessionStopsAtAChunkBoundaryAndRestartCompletesIt(TestDatabase db,
                                                                                        @TempDir Path tmp)
            throws Exception {
        try (BatchProcess run = startRun(tmp); Connection gate = session(db);
             Connection other = session(db)) {
            awaitItems(db, run, 10);
            close(gate, db, run);
            terminateLockHolder(db);
            try (Statement statement = other.createStatement()) {
                statement.execute("set application_name = 'pf-test other session'");
                statement.execute("select pg_advisory_lock(hashtextextended('" + LOCK_KEY + "', 0))");
            }

            open(gate);

            assertThat(run.waitFor(Duration.ofSeconds(90))).as(run.output()).isEqualTo(1);
            assertThat(run.output()).containsPattern("Stopping: test-count execution \\d+ lost its run lock \\(the "
                            + "lock's database session ended\\) and another session holds it now \\(pf-test other "
                            + "session\\); count stops at this chunk boundary, STOPPED \\(continue with: restart "
                            + "test-count once the other run is over\\)")
                    .containsPattern("test-count execution \\d+ STOPPED in ");
            int committed = items(db).size();
            assertThat(committed).isLessThan(60);
            assertThat(committed % TestJobsConfiguration.CHUNK).isZero();
        }

        CliResult restart = CliResult.run(properties, "restart", TestJobsConfiguration.COUNT);

        assertThat(restart.exit()).as(restart.toString()).isZero();
        assertThat(restart.out()).contains("(STOPPED, started ");
        assertThat(items(db)).containsExactlyElementsOf(LongStream.rangeClosed(1, 60).boxed().toList());
    }

    @Test
    void neitherARunNorARestartMarksAnExecutionFailedWhileItsProcessBeatsThoughItsLockWasLost(TestDatabase db,
                                                                                               @TempDir Path tmp)
            throws Exception {
        try (BatchProcess run = startRun(tmp); Connection gate = session(db)) {
            awaitItems(db, run, 10);
            close(gate, db, run);
            terminateLockHolder(db);
            long execution = db.jdbc().queryForObject("select max(job_execution_id) from batch.batch_job_execution",
                    Long.class);

            CliResult second = CliResult.run(properties, "run", TestJobsConfiguration.COUNT, "items=0");
            CliResult restart = CliResult.run(properties, "restart", TestJobsConfiguration.COUNT);

            String refused = "Refused: test-count execution " + execution + " still runs on " + HostName.current()
                    + " pid " + run.pid() + " \\(last heartbeat [^()]+ ago, at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d "
                    + "UTC\\), though its run lock was free; it is not marked FAILED while it beats, and ";
            assertThat(second.exit()).as(second.toString()).isEqualTo(1);
            assertThat(second.err()).containsPattern(refused + "a new run of test-count is not started");
            assertThat(restart.exit()).as(restart.toString()).isEqualTo(1);
            assertThat(restart.err()).containsPattern(refused + "the restart of test-count is not started");
            assertThat(db.jdbc().queryForObject("select status from batch.batch_job_execution "
                    + "where job_execution_id = ?", String.class, execution)).isEqualTo("STARTED");

            open(gate);

            assertThat(run.waitFor(Duration.ofSeconds(90))).as(run.output()).isZero();
            assertThat(run.output()).contains("took it again on a new connection, the run goes on")
                    .contains("test-count execution " + execution + " COMPLETED in ");
        }
        assertThat(items(db)).containsExactlyElementsOf(LongStream.rangeClosed(1, 60).boxed().toList());
        assertThat(db.jdbc().queryForObject("select count(*) from batch.batch_job_instance", Integer.class))
                .as("the refused run started no job instance").isOne();
    }

    @Test
    void aTaskletStepWhoseLockConnectionIsTerminatedTakesTheLockAgainAtItsProgressTick(TestDatabase db,
                                                                                        @TempDir Path tmp)
            throws Exception {
        properties.put("pf.jobs.progress-interval", "300ms");
        try (BatchProcess run = BatchProcess.start(properties, tmp.resolve("run.log"), "run",
                TestJobsConfiguration.WAIT, "ticks=100", "delayMs=100")) {
            run.awaitOutput("test-wait/wait: ", Duration.ofSeconds(90));
            int lost = terminateLockHolder(db, TestJobsConfiguration.WAIT);

            run.awaitOutput("took it again on a new connection, the run goes on", Duration.ofSeconds(30));

            List<Map<String, Object>> holders = db.jdbc().queryForList(LOCK_HOLDERS,
                    JobLocks.KEY_PREFIX + TestJobsConfiguration.WAIT);
            assertThat(run.isAlive()).as("still running: " + run.output()).isTrue();
            assertThat(holders).hasSize(1);
            assertThat(((Number) holders.get(0).get("pid")).intValue()).isNotEqualTo(lost);
            assertThat(run.waitFor(Duration.ofSeconds(90))).as(run.output()).isZero();
            assertThat(run.output()).containsPattern("test-wait execution \\d+ COMPLETED in ");
        }
    }

    private BatchProcess startRun(Path tmp) {
        return BatchProcess.start(properties, tmp.resolve("run.log"), "run", TestJobsConfiguration.COUNT,
                "items=60", "delayMs=40");
    }

    /** A session of its own (not from the pool, where its locks and settings would outlive it). */
    private static Connection session(TestDatabase db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.serverUser(), db.serverPassword());
    }

    private static void awaitItems(TestDatabase db, BatchProcess run, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (items(db).size() < count) {
            assertThat(run.isAlive()).as(run.output()).isTrue();
            assertThat(System.nanoTime()).as("no %d items written within 90 s", count).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Holds the gate, and returns once the run waits at it: in the write of its next chunk, until {@link #open}. */
    private static void close(Connection gate, TestDatabase db, BatchProcess run) throws SQLException,
            InterruptedException {
        gate.setAutoCommit(false);
        try (Statement statement = gate.createStatement()) {
            statement.execute("lock table pf_test.items in exclusive mode");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (db.jdbc().queryForObject("select count(*) from pg_catalog.pg_locks "
                + "where relation = 'pf_test.items'::regclass and not granted", Integer.class) == 0) {
            assertThat(run.isAlive()).as(run.output()).isTrue();
            assertThat(System.nanoTime()).as("the run did not reach the gate within 60 s:\n" + run.output())
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void open(Connection gate) throws SQLException {
        gate.rollback();
    }

    /** Ends the session holding test-count's run lock, waits until it is gone, and returns its pid. */
    private static int terminateLockHolder(TestDatabase db) {
        return terminateLockHolder(db, TestJobsConfiguration.COUNT);
    }

    private static int terminateLockHolder(TestDatabase db, String jobName) {
        List<Integer> holders = db.jdbc().queryForList("select pid from (" + LOCK_HOLDERS + ") h", Integer.class,
                JobLocks.KEY_PREFIX + jobName);
        assertThat(holders).as("one session holds the run lock").hasSize(1);
        int pid = holders.get(0);
        assertThat(db.jdbc().queryForObject("select pg_terminate_backend(?, 10000)", Boolean.class, pid)).isTrue();
        return pid;
    }

    /** Waits until a session holds the run lock again; the run must still be running. */
    private static Map<String, Object> awaitLockHolder(TestDatabase db, BatchProcess run) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            List<Map<String, Object>> holders = db.jdbc().queryForList(LOCK_HOLDERS, LOCK_KEY);
            if (!holders.isEmpty()) {
                return holders.get(0);
            }
            assertThat(run.isAlive()).as(run.output()).isTrue();
            assertThat(System.nanoTime()).as("the run lock not taken again within 60 s:\n" + run.output())
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static List<Long> items(TestDatabase db) {
        return db.jdbc().queryForList("select item from pf_test.items order by item", Long.class);
    }
}

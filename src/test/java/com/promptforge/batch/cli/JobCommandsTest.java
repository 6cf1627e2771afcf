package com.promptforge.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.job.CliResult;
import com.promptforge.batch.job.TestJobsConfiguration;
import com.promptforge.batch.testing.FreePort;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The job commands end to end through the command line, on a real database, with the test job
 * ({@link TestJobsConfiguration}): every exit code, progress and summary, restart after a failure, the
 * refusal of an overlapping run, jobs, help run.
 */
@PromptForgeDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobCommandsTest {

    private static final String JOB = TestJobsConfiguration.COUNT;

    private TestDatabase db;

    @BeforeAll
    void createTables(TestDatabase db) {
        this.db = db;
        TestJobsConfiguration.createTables(db.jdbc());
    }

    @BeforeEach
    void clean() {
        db.jdbc().execute("truncate pf_test.items, pf_test.failures");
    }

    private Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.test-jobs", "true");
        properties.put("pf.jobs.progress-interval", "100ms");
        return properties;
    }

    private List<Long> itemsOf(long executionId) {
        return db.jdbc().queryForList("select item from pf_test.items where execution_id = ? order by item",
                Long.class, executionId);
    }

    private long lastExecutionId() {
        return db.jdbc().queryForObject("""
                select max(e.job_execution_id) from batch.batch_job_execution e
                join batch.batch_job_instance i using (job_instance_id) where i.job_name = ?""", Long.class, JOB);
    }

    private String statusOf(long executionId) {
        return db.jdbc().queryForObject("select status from batch.batch_job_execution where job_execution_id = ?",
                String.class, executionId);
    }

    @Test
    void runCompletesWithProgressLinesAndSummaryAndExit0() {
        CliResult result = CliResult.run(properties(), "run", JOB, "items=12", "delayMs=20");

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out())
                .contains("Starting test-count with delayMs=20, items=12, label=plain, launchTime=")
                .containsPattern("test-count/count: \\d+ of 12 items \\(\\d+%\\), [\\d.,]+ items/s")
                .contains("test-count execution " + lastExecutionId() + " COMPLETED in ")
                .contains("step count: COMPLETED, read 12, written 12, filtered 0, skipped 0, commits 3")
                .contains("  items written: 12");
        assertThat(itemsOf(lastExecutionId())).containsExactlyElementsOf(LongStream.rangeClosed(1, 12).boxed().toList());
    }

    @Test
    void badParameterValueIsExit2NamingParameterGivenAndAccepted() {
        CliResult result = CliResult.run(properties(), "run", JOB, "items=lots");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().strip())
                .isEqualTo("run: parameter items must be a whole number from 0 to 100000, got 'lots'");
        CliResult choice = CliResult.run(properties(), "run", JOB, "label=shiny");
        assertThat(choice.exit()).isEqualTo(2);
        assertThat(choice.err().strip()).isEqualTo("run: parameter label must be one of plain|fancy, got 'shiny'");
    }

    @Test
    void unknownParameterIsExit2() {
        CliResult result = CliResult.run(properties(), "run", JOB, "colour=red");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo(
                "run: unknown parameter 'colour' for job test-count: expected one of items, delayMs, label");
    }

    @Test
    void argumentThatIsNotNameValueIsExit2() {
        CliResult result = CliResult.run(properties(), "run", JOB, "items");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("run: argument 'items' is not name=value");
        CliResult twice = CliResult.run(properties(), "run", JOB, "items=1", "items=2");
        assertThat(twice.exit()).isEqualTo(2);
        assertThat(twice.err()).contains("run: parameter items is given twice");
    }

    @Test
    void unknownOrMissingJobIsExit2ListingTheJobs() {
        CliResult unknown = CliResult.run(properties(), "run", "no-such-job");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("run: unknown job 'no-such-job': expected one of ").contains(JOB);

        CliResult missing = CliResult.run(properties(), "run");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("run: no job given: expected one of ");

        CliResult restart = CliResult.run(properties(), "restart");
        assertThat(restart.exit()).isEqualTo(2);
        assertThat(restart.err()).contains("restart: expected exactly one job name");
    }

    @Test
    void unknownCommandIsExit2() {
        CliResult result = CliResult.run(properties(), "launch", JOB);

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("Unknown command 'launch': expected one of ").contains("run, restart, jobs, reports, schedule");
    }

    @Test
    void unreachableDatabaseIsExit3() {
        Map<String, Object> properties = properties();
        properties.put("pf.db.url", "jdbc:postgresql://127.0.0.1:1/nowhere");

        CliResult result = CliResult.run(properties, "run", JOB);

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.err()).contains("Cannot reach the database nowhere at 127.0.0.1:1");
    }

    @Test
    void failedRunIsExit1AndRestartContinuesFromTheLastCommittedChunk() {
        db.jdbc().update("insert into pf_test.failures (item) values (8)");

        CliResult failed = CliResult.run(properties(), "run", JOB, "items=12");

        assertThat(failed.exit()).as(failed.toString()).isEqualTo(1);
        long failedExecution = lastExecutionId();
        assertThat(statusOf(failedExecution)).isEqualTo("FAILED");
        assertThat(failed.out()).contains("FAILED").contains("failed: test failure at item 8")
                .contains("continue from where it stopped with: restart test-count");
        // Chunks of 5: items 1-5 committed, the chunk 6-10 rolled back.
        assertThat(itemsOf(failedExecution)).containsExactly(1L, 2L, 3L, 4L, 5L);

        db.jdbc().update("delete from pf_test.failures");
        CliResult restarted = CliResult.run(properties(), "restart", JOB);

        assertThat(restarted.exit()).as(restarted.toString()).isZero();
        long restartExecution = lastExecutionId();
        assertThat(restarted.out())
                .contains("Restarting test-count execution " + failedExecution + " (FAILED, started ")
                .contains("items=12")
                .contains("step count: COMPLETED, read 7, written 7")
                .contains("items written: 12");
        assertThat(itemsOf(restartExecution)).containsExactly(6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(db.jdbc().queryForList("select item from pf_test.items order by item", Long.class))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 12).boxed().toList());
        assertThat(db.jdbc().queryForObject("select count(distinct job_instance_id) from batch.batch_job_execution "
                + "where job_execution_id in (?, ?)", Integer.class, failedExecution, restartExecution)).isOne();
    }

    @Test
    void eachRunIsANewInstanceAndRestartWithNothingToRestartIsExit2() {
        assertThat(CliResult.run(properties(), "run", JOB, "items=1").exit()).isZero();
        assertThat(CliResult.run(properties(), "run", JOB, "items=1").exit()).isZero();
        assertThat(db.jdbc().queryForObject("""
                select count(distinct e.job_instance_id) = count(*) from batch.batch_job_execution e
                join batch.batch_job_instance i using (job_instance_id) where i.job_name = ?""", Boolean.class, JOB))
                .isTrue();

        CliResult result = CliResult.run(properties(), "restart", JOB);

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("restart: the last execution of test-count (" + lastExecutionId())
                .contains("is COMPLETED: only a FAILED or STOPPED execution can be restarted");
    }

    @Test
    void aSecondRunWhileOneIsRunningIsRefusedWithExit1() throws Exception {
        CompletableFuture<CliResult> first = CompletableFuture.supplyAsync(
                // 30 s: long enough that the two commands below (each starting the application) find it still
                // running on a loaded machine.
                () -> CliResult.run(properties(), "run", JOB, "items=100", "delayMs=300"));
        awaitRunning();

        CliResult second = CliResult.run(properties(), "run", JOB, "items=1");
        CliResult restart = CliResult.run(properties(), "restart", JOB);

        assertThat(second.exit()).as(second.toString()).isEqualTo(1);
        assertThat(second.err().strip()).matches("Refused: test-count is already running \\(execution \\d+ started "
                + "[-0-9: ]+\\) by pf-lock test-count \\S+:\\d+; a second run is not started");
        assertThat(restart.exit()).isEqualTo(1);
        assertThat(restart.err()).startsWith("Refused: test-count is already running");
        CliResult firstResult = first.get(120, TimeUnit.SECONDS);
        assertThat(firstResult.exit()).as(firstResult.toString()).isZero();
        assertThat(db.jdbc().queryForObject("select count(*) from pf_test.items", Integer.class)).isEqualTo(100);
    }

    @Test
    void aRunHoldingTheLockElsewhereRefusesEvenWithoutAnyExecutionRecorded() throws Exception {
        try (Connection other = db.dataSource().getConnection();
             PreparedStatement lock = other.prepareStatement("select pg_advisory_lock(hashtextextended(?, 0))")) {
            lock.setString(1, "promptforge.batch.job:" + JOB);
            lock.execute();

            CliResult result = CliResult.run(properties(), "run", JOB, "items=1");

            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.err()).startsWith("Refused: test-count is already running");
            try (PreparedStatement unlock = other.prepareStatement("select pg_advisory_unlock_all()")) {
                unlock.execute();
            }
        }
        assertThat(CliResult.run(properties(), "run", JOB, "items=1").exit()).isZero();
    }

    @Test
    void runOpensNoPort() throws Exception {
        int port = FreePort.any();
        Map<String, Object> properties = properties();
        properties.put("pf.management-port", port);
        CompletableFuture<CliResult> run = CompletableFuture.supplyAsync(
                () -> CliResult.run(properties, "run", JOB, "items=20", "delayMs=50"));
        awaitRunning();

        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            throw new AssertionError("run listens on port " + port);
        } catch (IOException expected) {
            // Connection refused: nothing listens.
        }
        assertThat(run.get(60, TimeUnit.SECONDS).exit()).isZero();
    }

    @Test
    void jobsListsScheduleNextRunAndLastExecutions() throws IOException {
        assertThat(CliResult.run(properties(), "run", JOB, "items=1").exit()).isZero();
        Path dir = Files.createTempDirectory("pf-jobs");
        Files.writeString(dir.resolve("test-count.yml"), """
                job: test-count
                cron: "0 30 3 * * ?"
                zone: Europe/Berlin
                misfire: skip
                parameters:
                  items: 3
                """);
        Map<String, Object> properties = properties();
        properties.put("pf.jobs.dir", dir.toString());

        CliResult result = CliResult.run(properties, "jobs");

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out())
                .contains("test-count: Counts 1..items into pf_test.items (tests only).")
                .contains("  schedule: 0 30 3 * * ? (Europe/Berlin), misfire skip, from " + dir + "/test-count.yml")
                .containsPattern("  next run: \\d{4}-\\d\\d-\\d\\d 03:30:00 CES?T")
                .contains("  scheduled parameters: items=3")
                .contains("  last executions:")
                .containsPattern(lastExecutionId() + " +COMPLETED +started ");
    }

    @Test
    void jobsWithABadScheduleFileIsExit2NamingFileFieldAndReason() throws IOException {
        Path dir = Files.createTempDirectory("pf-jobs");
        Files.writeString(dir.resolve("test-count.yml"), "job: test-count\ncron: \"0 0 2 * *\"\n");
        Map<String, Object> properties = properties();
        properties.put("pf.jobs.dir", dir.toString());

        CliResult result = CliResult.run(properties, "jobs");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).startsWith(dir + "/test-count.yml: field cron: '0 0 2 * *' is not valid");
    }

    @Test
    void helpRunListsEachJobsParametersWithoutADatabase() {
        Map<String, Object> properties = properties();
        properties.put("pf.db.url", "jdbc:postgresql://127.0.0.1:1/nowhere");

        CliResult result = CliResult.run(properties, "help", "run");

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out())
                .contains("Usage: java -jar promptforge-batch.jar run <job> [name=value ...]")
                .contains("  test-count: Counts 1..items into pf_test.items (tests only).")
                .containsPattern("items=10 +how many numbers. Accepted: a whole number from 0 to 100000.")
                .containsPattern("label=plain +just a choice. Accepted: one of plain\\|fancy.");
    }

    private void awaitRunning() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Integer written = db.jdbc().queryForObject("select count(*) from pf_test.items", Integer.class);
            if (written != null && written > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("The first run did not start within 30 s");
    }
}

package com.promptforge.batch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.job.BatchProcess;
import com.promptforge.batch.job.CliResult;
import com.promptforge.batch.job.TestJobsConfiguration;
import com.promptforge.batch.testing.FreePort;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code schedule} as operations runs it: separate JVMs on one database. Two scheduler processes fire an
 * every-second trigger, each firing exactly once between them; Actuator answers on the management port; SIGTERM
 * stops a running job at a chunk boundary and leaves it restartable.
 */
@PromptForgeDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchedulerProcessesTest {

    private static final Pattern FIRED = Pattern.compile("Trigger fired: job=test-count scheduled=(\\S+) instance=(\\S+)");
    private static final Duration START = Duration.ofSeconds(90);

    private TestDatabase db;

    @BeforeAll
    void createTables(TestDatabase db) {
        this.db = db;
        TestJobsConfiguration.createTables(db.jdbc());
    }

    @BeforeEach
    void clean() {
        db.jdbc().execute("truncate pf_test.items, pf_test.failures, batch.batch_job_instance cascade");
    }

    private Map<String, Object> properties(Path jobsDir) throws IOException {
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.test-jobs", "true");
        properties.put("pf.jobs.dir", jobsDir.toString());
        properties.put("pf.management-port", FreePort.any());
        properties.put("pf.jobs.stop-timeout", "60s");
        // Fast cluster bookkeeping, so that the test is short.
        properties.put("spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval", "1000");
        properties.put("spring.quartz.properties.org.quartz.jobStore.misfireThreshold", "1000");
        return properties;
    }

    @Test
    void twoSchedulerProcessesFireEachFiringExactlyOnce(@TempDir Path tmp) throws Exception {
        Path jobs = Files.createDirectory(tmp.resolve("jobs"));
        Files.writeString(jobs.resolve("test-count.yml"), """
                job: test-count
                cron: "* * * * * ?"
                parameters:
                  items: 2
                """);
        Map<String, Object> first = properties(jobs);
        Map<String, Object> second = properties(jobs);
        try (BatchProcess a = BatchProcess.start(first, tmp.resolve("a.log"), "schedule");
             BatchProcess b = BatchProcess.start(second, tmp.resolve("b.log"), "schedule")) {
            a.awaitOutput("started (clustered)", START);
            b.awaitOutput("started (clustered)", START);
            awaitFirings(() -> firings(a.output() + b.output()).size(), 5);
            // Check-ins are asynchronous: a node another node wrongly took for failed (a pause past the 1 s
            // interval's grace under load) has its row removed and inserts it again at its next check-in.
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
            int checkedIn;
            while ((checkedIn = db.jdbc().queryForObject("select count(*) from quartz.qrtz_scheduler_state",
                    Integer.class)) != 2 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(checkedIn).as("both instances checked in").isEqualTo(2);
            for (Map<String, Object> process : List.of(first, second)) {
                HttpResponse<String> health = get(process, "/actuator/health");
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"db\"");
            }
            HttpResponse<String> quartz = get(first, "/actuator/quartz/triggers");
            assertThat(quartz.statusCode()).isEqualTo(200);
            assertThat(quartz.body()).contains("\"promptforge\"");

            // The busier one leaves; the other takes over the same trigger.
            boolean aBusier = firings(a.output()).size() >= firings(b.output()).size();
            BatchProcess leaving = aBusier ? a : b;
            BatchProcess staying = aBusier ? b : a;
            assertThat(leaving.terminate(Duration.ofSeconds(60))).isEqualTo(143);
            int before = firings(staying.output()).size();
            awaitFirings(() -> firings(staying.output()).size() - before, 3);
            HttpResponse<String> metrics = get(aBusier ? second : first, "/actuator/metrics/spring.batch.job");
            assertThat(metrics.statusCode()).as(metrics.body()).isEqualTo(200);
            assertThat(metrics.body()).contains("\"name\":\"spring.batch.job\"").contains("test-count");
            assertThat(staying.terminate(Duration.ofSeconds(60))).isEqualTo(143);

            System.out.printf("Firings: %d by a, %d by b%n", firings(a.output()).size(), firings(b.output()).size());
            List<String> fired = firings(a.output() + b.output());
            assertThat(fired).as("scheduled fire times of both processes").hasSizeGreaterThanOrEqualTo(8)
                    .doesNotHaveDuplicates();
            // Each execution comes from one firing, and no firing started two: one job instance per firing.
            List<LocalDateTime> launched = db.jdbc().queryForList("""
                    select parameter_value from batch.batch_job_execution_params
                    where parameter_name = 'launchTime'""", String.class).stream().map(LocalDateTime::parse).toList();
            assertThat(launched).doesNotHaveDuplicates();
            assertThat(fired.stream().map(time -> LocalDateTime.parse(time.replace("Z", ""))).toList())
                    .containsAll(launched);
            // A firing that meets a SIGTERM is refused (the service is shutting down): at most one per process.
            assertThat(launched).hasSizeGreaterThanOrEqualTo(fired.size() - 2);
            assertThat(db.jdbc().queryForObject("select count(*) from batch.batch_job_execution", Integer.class))
                    .isEqualTo(launched.size());
            assertThat(db.jdbc().queryForObject("select count(*) from pf_test.items", Long.class))
                    .as("every item written belongs to a committed chunk")
                    .isEqualTo(db.jdbc().queryForObject("select sum(write_count) from batch.batch_step_execution",
                            Long.class));
        }
    }

    @Test
    void sigtermStopsTheRunningJobAtAChunkBoundaryAndItCanBeRestarted(@TempDir Path tmp) throws Exception {
        Path jobs = Files.createDirectory(tmp.resolve("jobs"));
        Files.writeString(jobs.resolve("test-count.yml"), """
                job: test-count
                cron: "* * * * * ?"
                parameters:
                  items: 60
                  delayMs: 40
                """);
        Map<String, Object> properties = properties(jobs);
        long executionId;
        try (BatchProcess scheduler = BatchProcess.start(properties, tmp.resolve("schedule.log"), "schedule")) {
            scheduler.awaitOutput("started (clustered)", START);
            awaitItems(10);

            int exit = scheduler.terminate(Duration.ofSeconds(60));

            String output = scheduler.output();
            assertThat(exit).as(output).isEqualTo(143);
            executionId = db.jdbc().queryForObject("select max(job_execution_id) from batch.batch_job_execution",
                    Long.class);
            assertThat(output).contains("Shutting down: stopping test-count execution " + executionId
                    + " at its next chunk boundary");
            assertThat(output).contains("test-count execution " + executionId + " STOPPED in ");
            assertThat(db.jdbc().queryForObject("select status from batch.batch_job_execution where job_execution_id = ?",
                    String.class, executionId)).isEqualTo("STOPPED");
        }
        List<Long> written = db.jdbc().queryForList("select item from pf_test.items order by item", Long.class);
        assertThat(written).hasSizeLessThan(60);
        assertThat(written.size() % TestJobsConfiguration.CHUNK).as("stopped at a chunk boundary").isZero();
        assertThat(written).containsExactlyElementsOf(LongStream.rangeClosed(1, written.size()).boxed().toList());

        Map<String, Object> cli = new HashMap<>(db.applicationProperties());
        cli.put("pf.test-jobs", "true");
        CliResult restart = CliResult.run(cli, "restart", "test-count");

        assertThat(restart.exit()).as(restart.toString()).isZero();
        assertThat(restart.out()).contains("Restarting test-count execution " + executionId + " (STOPPED");
        assertThat(db.jdbc().queryForList("select item from pf_test.items order by item", Long.class))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 60).boxed().toList());
    }

    private static HttpResponse<String> get(Map<String, Object> process, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + process.get("pf.management-port") + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitFirings(IntSupplier firings, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (firings.getAsInt() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + count + " firings within 30 s");
            }
            Thread.sleep(200);
        }
    }

    private void awaitItems(int count) throws InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (db.jdbc().queryForObject("select count(*) from pf_test.items", Integer.class) < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + count + " items written in " + START);
            }
            Thread.sleep(50);
        }
    }

    private static List<String> firings(String output) {
        List<String> scheduled = new ArrayList<>();
        Matcher matcher = FIRED.matcher(output);
        while (matcher.find()) {
            scheduled.add(matcher.group(1));
        }
        return scheduled;
    }

}

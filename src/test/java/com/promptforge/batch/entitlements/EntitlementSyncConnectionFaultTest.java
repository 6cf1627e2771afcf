package com.promptforge.batch.entitlements;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.job.ConnectionFaults;
import com.promptforge.batch.job.ConnectionFaults.Moment;
import com.promptforge.batch.job.JobRunner;
import com.promptforge.batch.job.TestApplication;
import com.promptforge.batch.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The database drops every connection of the sync (a server restart, a failover) at each moment that matters, at
 * every chunk of a run of 6 chunks of 5 orgs (and its closing empty chunk), with no retry window: the run fails,
 * {@code restart entitlement-sync} completes it, and the result equals an uninterrupted run on an identical
 * database, with no change recorded twice. The drops come from {@link ConnectionFaults}, at a chosen point of a
 * chosen chunk's transaction, not from timing.
 */
class EntitlementSyncConnectionFaultTest {

    private static final int ORGS = 30;
    private static final int CHUNK = 5;
    /** The six chunks of data, then the chunk that finds no more orgs and ends the step. */
    private static final int CHUNK_TRANSACTIONS = ORGS / CHUNK + 1;
    private static final Instant AT = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static TestDatabase db;
    private static ConfigurableApplicationContext app;
    private static JobRunner runner;
    private static ConnectionFaults faults;
    private static List<String> expectedProjection;
    private static List<String> expectedChangeLog;
    private static LocalDateTime launchTime = LocalDateTime.now();

    private final List<String> printed = new ArrayList<>();

    @BeforeAll
    static void startAndRunUninterrupted() throws Exception {
        db = TestDatabase.create("faults");
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.test-faults", "true");
        properties.put("pf.jobs.db-retry-window", "0s");
        properties.put("pf.reports-dir", Files.createTempDirectory("pf-faults").toString());
        app = TestApplication.start(properties);
        runner = app.getBean(JobRunner.class);
        faults = app.getBean(ConnectionFaults.class);

        SyncFixture.clear(db.jdbc());
        SyncFixture.populate(db.jdbc(), ORGS, AT);
        JobExecution uninterrupted = run(new ArrayList<>());
        assertThat(uninterrupted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        expectedProjection = SyncFixture.projection(db.jdbc());
        expectedChangeLog = SyncFixture.changeLog(db.jdbc());
        assertThat(expectedChangeLog).as("the run changes something in every chunk").hasSizeGreaterThan(ORGS);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void identicalDatabase() {
        SyncFixture.clear(db.jdbc());
        SyncFixture.populate(db.jdbc(), ORGS, AT);
    }

    static Stream<Arguments> everyMomentOfEveryChunk() {
        return Stream.of(Moment.values()).flatMap(moment -> IntStream.rangeClosed(1, CHUNK_TRANSACTIONS)
                .mapToObj(chunk -> Arguments.of(moment, chunk)));
    }

    @ParameterizedTest(name = "connections dropped {0} of chunk {1}")
    @MethodSource("everyMomentOfEveryChunk")
    void aRunWhoseConnectionsDropFailsAndItsRestartEqualsAnUninterruptedRun(Moment moment, int chunk) {
        int dropsBefore = faults.dropped();
        faults.arm(EntitlementSyncJobConfiguration.STEP_NAME, chunk, moment);

        JobExecution failed = run(printed);

        assertThat(faults.dropped()).as("the connections were dropped").isEqualTo(dropsBefore + 1);
        // FAILED; UNKNOWN when the connection a step's closing save was handed had been dropped too
        assertThat(failed.getStatus()).as(String.join("\n", printed)).isIn(BatchStatus.FAILED, BatchStatus.UNKNOWN);

        JobExecution restarted = runner.restart(EntitlementSyncJobConfiguration.JOB_NAME, printed::add);

        assertThat(restarted.getStatus()).as(String.join("\n", printed)).isEqualTo(BatchStatus.COMPLETED);
        assertThat(SyncFixture.projection(db.jdbc())).isEqualTo(expectedProjection);
        assertThat(SyncFixture.changeLog(db.jdbc())).isEqualTo(expectedChangeLog);
        assertThat(SyncFixture.changesRecordedTwice(db.jdbc())).isZero();
        assertThat(db.jdbc().queryForObject("select count(distinct job_instance_id) from public.entitlement_changes",
                Long.class)).isOne();
    }

    private static JobExecution run(List<String> output) {
        launchTime = launchTime.plusSeconds(1);
        return runner.run(EntitlementSyncJobConfiguration.JOB_NAME, Map.of("chunkSize", String.valueOf(CHUNK)),
                "test", launchTime, output::add);
    }
}

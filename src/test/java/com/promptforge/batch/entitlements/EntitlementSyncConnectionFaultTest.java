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
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
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

    /**
     * The state Spring Batch 6's ChunkOrientedStep can leave (spring-batch issue 5199): the saved reader position
     * past a chunk whose data never committed. The restart must not report COMPLETED with those orgs missing.
     */
    @Test
    void aRestartFromAPositionPastAChunkThatNeverCommittedFailsInsteadOfCompleting() {
        faults.arm(EntitlementSyncJobConfiguration.STEP_NAME, 3, Moment.BEFORE_COMMIT);
        assertThat(run(printed).getStatus()).isIn(BatchStatus.FAILED, BatchStatus.UNKNOWN);
        JobRepository repository = app.getBean(JobRepository.class);
        StepExecution step = SyncHarness.step(repository.getLastJobExecution(
                repository.getLastJobInstance(EntitlementSyncJobConfiguration.JOB_NAME)));
        ExecutionContext context = step.getExecutionContext();
        List<UUID> lostChunk = db.jdbc().queryForList(
                "select id from public.organizations where id > ?::uuid order by id limit ?", UUID.class,
                context.getString(OrganizationIdReader.AFTER), CHUNK);
        context.putString(OrganizationIdReader.AFTER, lostChunk.get(CHUNK - 1).toString());
        OrgTally.from(context, OrganizationIdReader.READ).plus(lostChunk).putInto(context, OrganizationIdReader.READ);
        repository.updateExecutionContext(step);

        JobExecution restarted = runner.restart(EntitlementSyncJobConfiguration.JOB_NAME, printed::add);

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(printed).contains("  failed: 5 of the 30 organizations read were never reconciled (job instance "
                + SyncHarness.instanceId(restarted) + ", all its executions); not reporting COMPLETED with work "
                + "missing. Run entitlement-sync again: a new run reconciles every organization");
        assertThat(db.jdbc().queryForObject("select count(*) from public.entitlements where org_id = any(?)",
                Long.class, (Object) lostChunk.toArray(UUID[]::new))).as("the lost chunk's orgs are indeed not synced")
                .isLessThan(expectedProjection.stream().filter(row -> lostChunk.stream()
                        .anyMatch(org -> row.startsWith(org + "|"))).count());
    }

    private static JobExecution run(List<String> output) {
        launchTime = launchTime.plusSeconds(1);
        return runner.run(EntitlementSyncJobConfiguration.JOB_NAME, Map.of("chunkSize", String.valueOf(CHUNK)),
                "test", launchTime, output::add);
    }
}

package com.promptforge.batch.requests;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.job.TestApplication;
import com.promptforge.batch.report.Sha256Sidecar;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A queued request goes through the normal runner and comes back with its outcome: succeeded with the report's
 * key, the SHA-256 of the file, its row counts and no link (local store); failed with the one-line reason; back in
 * the queue when audit-export is busy elsewhere; failed when the process that ran it is gone. Canceled requests
 * are never run.
 */
@PromptForgeDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportRequestProcessingTest {

    private static final UUID OWNER = UUID.fromString("11111111-0000-4000-8000-0000000000a1");

    private TestDatabase db;
    private JdbcTemplate jdbc;
    private RequestData data;
    private Path reportsDir;
    private ConfigurableApplicationContext application;
    private ExportRequestProcessor processor;
    private UUID acme;

    @BeforeAll
    void start(TestDatabase db) throws Exception {
        this.db = db;
        this.jdbc = db.jdbc();
        this.data = new RequestData(jdbc);
        acme = data.org("acme", OWNER, 3);
        reportsDir = Files.createTempDirectory("pf-request-reports");
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.reports-dir", reportsDir.toString());
        application = TestApplication.start(properties);
        processor = application.getBean(ExportRequestProcessor.class);
    }

    @AfterAll
    void stop() {
        application.close();
    }

    @BeforeEach
    void emptyQueue() {
        jdbc.update("delete from public.audit_export_requests");
    }

    private List<String> process() {
        List<String> lines = new ArrayList<>();
        processor.processQueue(lines::add);
        return lines;
    }

    @Test
    void aSucceededRequestCarriesTheReportKeyItsSha256AndRowCounts() throws Exception {
        UUID request = data.request(acme, OWNER, "2026-11-01", "2026-11-30");

        List<String> lines = process();

        Map<String, Object> row = jdbc.queryForMap("select status, report_key, sha256, row_counts::text as row_counts, "
                + "download_url, url_expires_at, error, started_at is not null as started, "
                + "finished_at >= started_at as finished from public.audit_export_requests where id = ?", request);
        assertThat(row.get("status")).as(String.join("\n", lines)).isEqualTo("succeeded");
        assertThat(row.get("report_key")).isEqualTo("audit/audit-acme-2026-11-01-2026-11-30.xlsx");
        Path workbook = reportsDir.resolve((String) row.get("report_key"));
        assertThat(row.get("sha256")).isEqualTo(Sha256Sidecar.sha256(workbook));
        assertThat(row.get("row_counts")).isEqualTo("{\"bundles\": 0, \"anomalies\": 0, \"scored_runs\": 3}");
        assertThat(row.get("download_url")).isNull();
        assertThat(row.get("url_expires_at")).isNull();
        assertThat(row.get("error")).isNull();
        assertThat(row.get("started")).isEqualTo(true);
        assertThat(row.get("finished")).isEqualTo(true);
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("audit-export execution").contains("COMPLETED"));
    }

    @Test
    void theExportRunsForTheRequestsOrgAndPeriodThroughTheRunner() {
        UUID request = data.request(acme, OWNER, "2026-11-02", "2026-11-02");

        process();

        Map<String, Object> parameters = new HashMap<>();
        jdbc.query("""
                select p.parameter_name, p.parameter_value
                  from batch.batch_job_execution_params p
                 where p.job_execution_id = (select max(e.job_execution_id) from batch.batch_job_execution e
                                               join batch.batch_job_instance i on i.job_instance_id = e.job_instance_id
                                              where i.job_name = 'audit-export')""",
                rs -> {
                    parameters.put(rs.getString(1), rs.getString(2));
                });
        assertThat(parameters).containsEntry("org", acme.toString()).containsEntry("from", "2026-11-02")
                .containsEntry("to", "2026-11-02");
        assertThat(data.status(request)).isEqualTo("succeeded");
    }

    @Test
    void aFailedExportLeavesTheOneLineReason() throws Exception {
        UUID request = data.request(acme, OWNER, "2026-10-01", "2026-10-31");
        Path blocker = reportsDir.resolve("audit");
        Path moved = reportsDir.resolve("audit-moved");
        if (Files.exists(blocker)) {
            Files.move(blocker, moved);
        }
        Files.writeString(blocker, "a file where the audit folder should be");
        try {
            process();
        } finally {
            Files.delete(blocker);
            if (Files.exists(moved)) {
                Files.move(moved, blocker);
            }
        }

        Map<String, Object> row = jdbc.queryForMap(
                "select status, error, report_key, finished_at is not null as finished from public.audit_export_requests where id = ?",
                request);
        assertThat(row.get("status")).isEqualTo("failed");
        assertThat((String) row.get("error")).isNotBlank().doesNotContain("\n").contains("audit");
        assertThat(row.get("report_key")).isNull();
        assertThat(row.get("finished")).isEqualTo(true);
    }

    @Test
    void aRequestGoesBackToTheQueueWhileAuditExportRunsElsewhere() throws Exception {
        UUID request = data.request(acme, OWNER, "2026-11-01", "2026-11-30");
        try (Connection other = db.dataSource().getConnection();
             PreparedStatement lock = other.prepareStatement("select pg_advisory_lock(hashtextextended(?, 0))")) {
            lock.setString(1, "promptforge.batch.job:audit-export"); // JobLocks' key of the job
            lock.execute();
            List<String> lines = process();
            assertThat(lines).anySatisfy(line -> assertThat(line).contains("back in the queue").contains("already running"));
            try (PreparedStatement unlock = other.prepareStatement("select pg_advisory_unlock_all()")) {
                unlock.execute();
            }
        }
        assertThat(jdbc.queryForMap("select status, started_at from public.audit_export_requests where id = ?", request))
                .containsEntry("status", "queued").containsEntry("started_at", null);

        process();

        assertThat(data.status(request)).isEqualTo("succeeded");
    }

    @Test
    void aRequestLeftRunningByAGoneProcessIsFailedAndOneStillWorkedOnIsNot() throws Exception {
        UUID orphan = data.request(acme, OWNER, "2026-09-01", "2026-09-30");
        UUID alive = data.request(acme, OWNER, "2026-08-01", "2026-08-31");
        jdbc.update("update public.audit_export_requests set status = 'running', started_at = now()");
        try (Connection other = db.dataSource().getConnection();
             PreparedStatement lock = other.prepareStatement(
                     "select pg_advisory_lock(hashtextextended('promptforge.audit_export_request:' || ?, 0))")) {
            lock.setString(1, alive.toString()); // another live process works on it
            lock.execute();

            process();

            assertThat(jdbc.queryForMap("select status, error from public.audit_export_requests where id = ?", orphan))
                    .containsEntry("status", "failed").containsEntry("error", ExportRequestProcessor.ABANDONED);
            assertThat(data.status(alive)).isEqualTo("running");
            try (PreparedStatement unlock = other.prepareStatement("select pg_advisory_unlock_all()")) {
                unlock.execute();
            }
        }
    }

    @Test
    void anExportStoppedByAShutdownGoesBackToTheQueue() throws Exception {
        UUID big = data.org("bigco", OWNER, 0);
        jdbc.update("""
                insert into public.runs (org_id, user_id, module_id, domain_code, parameters, status, created_at)
                select ?, ?, 'M01', 'MANUFACTURING', ?::jsonb, 'completed', timestamptz '2026-06-01 00:00+00' + g * interval '10 seconds'
                  from generate_series(1, 60000) g""", big, OWNER, RequestData.PARAMETERS);
        UUID request = data.request(big, OWNER, "2026-06-01", "2026-06-30");
        JobRepository repository = application.getBean(JobRepository.class);
        JobOperator operator = application.getBean(JobOperator.class);

        CompletableFuture<ExportRequestProcessor.Round> round =
                CompletableFuture.supplyAsync(() -> processor.processQueue(line -> { }));
        JobExecution running = null;
        for (int i = 0; i < 600 && running == null; i++) {
            Thread.sleep(100);
            running = repository.findRunningJobExecutions(ExportRequestProcessor.JOB).stream().findFirst().orElse(null);
        }
        assertThat(running).as("the export started").isNotNull();
        try {
            operator.stop(running); // what JobRunner does to running jobs when the application closes
        } catch (RuntimeException e) {
            // as in JobRunner: the execution is marked STOPPING first; only the in-memory shortcut fails here
        }

        assertThat(round.get(3, TimeUnit.MINUTES).requeued()).isEqualTo(1);
        assertThat(jdbc.queryForMap("select status, started_at from public.audit_export_requests where id = ?", request))
                .containsEntry("status", "queued").containsEntry("started_at", null);
        assertThat(repository.getJobExecution(running.getId()).getStatus()).isEqualTo(BatchStatus.STOPPED);
    }

    @Test
    void aCanceledRequestIsNeverRun() {
        UUID request = data.request(acme, OWNER, "2026-11-01", "2026-11-30");
        jdbc.update("update public.audit_export_requests set status = 'canceled' where id = ?", request);

        List<String> lines = process();

        assertThat(lines).isEmpty();
        assertThat(jdbc.queryForMap("select status, started_at from public.audit_export_requests where id = ?", request))
                .containsEntry("status", "canceled").containsEntry("started_at", null);
    }

    @Test
    void twoClaimersAtOnceGetDifferentRequests() throws Exception {
        UUID first = data.request(acme, OWNER, "2026-11-01", "2026-11-30");
        UUID second = data.request(acme, OWNER, "2026-10-01", "2026-10-31");
        try (Connection a = db.dataSource().getConnection(); Connection b = db.dataSource().getConnection()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            UUID claimedByA = claim(a);
            UUID claimedByB = claim(b); // a's claim is not committed: its row is skipped, not waited for
            assertThat(List.of(claimedByA, claimedByB)).containsExactlyInAnyOrder(first, second);
            a.rollback();
            b.rollback();
            try (var unlockA = a.createStatement(); var unlockB = b.createStatement()) {
                unlockA.execute("select pg_advisory_unlock_all()");
                unlockB.execute("select pg_advisory_unlock_all()");
            }
        }
    }

    private static UUID claim(Connection connection) throws Exception {
        String sql = new String(ExportRequestProcessingTest.class.getResourceAsStream(
                "/com/promptforge/batch/requests/sql/claim_next_request.sql").readAllBytes());
        try (var statement = connection.createStatement(); var rs = statement.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getObject("id", UUID.class);
        }
    }
}

package com.promptforge.batch.requests;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.job.BatchProcess;
import com.promptforge.batch.job.CliResult;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code requests} lists the requests newest first; {@code requests process} works the queue once and exits, and
 * two such processes started together on one database run each request exactly once.
 */
@PromptForgeDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestsCommandTest {

    private static final UUID OWNER = UUID.fromString("22222222-0000-4000-8000-0000000000a1");

    private TestDatabase db;
    private JdbcTemplate jdbc;
    private RequestData data;
    private UUID acme;
    private UUID globex;

    @BeforeAll
    void seed(TestDatabase db) {
        this.db = db;
        this.jdbc = db.jdbc();
        this.data = new RequestData(jdbc);
        acme = data.org("acme", OWNER, 2);
        globex = data.org("globex", OWNER, 1);
    }

    @BeforeEach
    void emptyQueue() {
        jdbc.update("delete from public.audit_export_requests");
        jdbc.execute("truncate batch.batch_job_instance cascade");
    }

    private Map<String, Object> properties(Path reportsDir) {
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.reports-dir", reportsDir.toString());
        return properties;
    }

    @Test
    void requestsListsNewestFirstWithTheReportKeyOrTheError(@TempDir Path reports) {
        UUID old = data.request(acme, OWNER, "2026-09-01", "2026-09-30");
        jdbc.update("update public.audit_export_requests set created_at = now() - interval '2 days', status = 'succeeded', "
                + "finished_at = now() - interval '1 day', report_key = 'audit/audit-acme-2026-09-01-2026-09-30.xlsx' "
                + "where id = ?", old);
        UUID failed = data.request(globex, OWNER, "2026-10-01", "2026-10-31");
        jdbc.update("update public.audit_export_requests set created_at = now() - interval '1 day', status = 'failed', "
                + "finished_at = now(), error = 'disk full' where id = ?", failed);
        UUID queued = data.request(acme, OWNER, "2026-11-01", "2026-11-30");

        CliResult result = CliResult.run(properties(reports), "requests");

        assertThat(result.exit()).as(result.toString()).isZero();
        List<String> lines = result.out().lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines.get(0)).startsWith("ID").contains("ORG", "PERIOD", "STATUS", "CREATED (UTC)", "FINISHED (UTC)",
                "REPORT OR ERROR");
        assertThat(lines.subList(lines.size() - 3, lines.size())).satisfiesExactly(
                line -> assertThat(line).startsWith(queued.toString()).contains("acme", "2026-11-01 to 2026-11-30",
                        "queued"),
                line -> assertThat(line).startsWith(failed.toString()).contains("globex", "failed").endsWith("disk full"),
                line -> assertThat(line).startsWith(old.toString()).contains("succeeded")
                        .endsWith("audit/audit-acme-2026-09-01-2026-09-30.xlsx"));
    }

    @Test
    void aBadArgumentIsOneLineAndExit2(@TempDir Path reports) {
        CliResult result = CliResult.run(properties(reports), "requests", "limit=0");

        assertThat(result.exit()).as(result.toString()).isEqualTo(2);
        assertThat(result.err().strip()).doesNotContain("\n").contains("limit");
    }

    @Test
    void aBadLinkValidityIsOneLineAndExit2(@TempDir Path reports) {
        Map<String, Object> properties = properties(reports);
        properties.put("pf.requests.link-days", "a week");

        CliResult result = CliResult.run(properties, "requests");

        assertThat(result.exit()).as(result.toString()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo("PF_REQUEST_LINK_DAYS: 'a week' is not a number of days: expected a "
                + "whole number from 1 to 3650 (default 7)");
    }

    @Test
    void requestsProcessWorksTheQueueOnceAndExits(@TempDir Path reports) {
        UUID request = data.request(globex, OWNER, "2026-11-01", "2026-11-30");

        CliResult result = CliResult.run(properties(reports), "requests", "process");

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out()).contains("requests: 1 succeeded, 0 failed, 0 back in the queue");
        assertThat(data.status(request)).isEqualTo("succeeded");
        assertThat(Files.exists(reports.resolve("audit/audit-globex-2026-11-01-2026-11-30.xlsx"))).isTrue();
    }

    @Test
    void twoProcessesWorkingTheQueueRunEachRequestOnce(@TempDir Path tmp) throws Exception {
        data.request(acme, OWNER, "2026-11-01", "2026-11-30");
        data.request(globex, OWNER, "2026-11-01", "2026-11-30");
        data.request(acme, OWNER, "2026-11-02", "2026-11-03");
        data.request(globex, OWNER, "2026-11-02", "2026-11-03");
        Map<String, Object> properties = properties(Files.createDirectory(tmp.resolve("reports")));

        // The second process goes on working while the first has requests left: both claim from the same queue.
        for (int round = 0; round < 3 && jdbc.queryForObject("select count(*) from public.audit_export_requests "
                + "where status = 'queued'", Integer.class) > 0; round++) {
            try (BatchProcess a = BatchProcess.start(properties, tmp.resolve("a" + round + ".log"), "requests", "process");
                 BatchProcess b = BatchProcess.start(properties, tmp.resolve("b" + round + ".log"), "requests", "process")) {
                a.waitFor(Duration.ofMinutes(3));
                b.waitFor(Duration.ofMinutes(3));
                System.out.println("--- a\n" + a.output() + "--- b\n" + b.output());
            }
        }

        assertThat(jdbc.queryForList("select status from public.audit_export_requests", String.class))
                .hasSize(4).containsOnly("succeeded");
        // One audit-export execution per request, launched at its claim: none ran twice, none was lost.
        List<String> launches = jdbc.queryForList("""
                select p.parameter_value
                  from batch.batch_job_execution_params p
                  join batch.batch_job_execution e on e.job_execution_id = p.job_execution_id
                  join batch.batch_job_instance i on i.job_instance_id = e.job_instance_id
                 where i.job_name = 'audit-export' and p.parameter_name = 'launchTime'""", String.class);
        assertThat(launches).hasSize(4).doesNotHaveDuplicates();
        assertThat(jdbc.queryForObject("""
                select count(*) from public.audit_export_requests r
                 where to_char(r.started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') = any (?::text[])""",
                Integer.class, (Object) launches.stream().map(RequestsCommandTest::micros).toArray(String[]::new)))
                .as("each request's claim time is the launch time of an execution").isEqualTo(4);
    }

    /** A LocalDateTime's text (2026-12-06T23:58:01.123456, trailing zeros dropped) with six fraction digits. */
    private static String micros(String launch) {
        int dot = launch.indexOf('.');
        String base = dot < 0 ? launch : launch.substring(0, dot);
        String fraction = dot < 0 ? "" : launch.substring(dot + 1);
        return base + "." + (fraction + "000000").substring(0, 6);
    }
}

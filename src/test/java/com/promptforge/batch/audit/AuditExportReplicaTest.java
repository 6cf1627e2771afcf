package com.promptforge.batch.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.db.ReplicaLag;
import com.promptforge.batch.job.CliResult;
import com.promptforge.batch.job.JobRunner;
import com.promptforge.batch.job.TestApplication;
import com.promptforge.batch.testing.StreamingReplica;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * With PF_READ_DB_URL naming a real streaming replica (started here beside its PostgreSQL 15 primary), the audit
 * export reads its rows there: runs written on the primary while the replica's replay is paused are not in the
 * export; the Manifest says which replica and how far behind it was; a replica past PF_READ_MAX_LAG refuses the run
 * in one line and nothing is written. The sync still writes on the primary.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditExportReplicaTest {

    private static final String FROM = "2026-11-01";
    private static final String TO = "2026-11-30";
    private static final String COUNT = """
            select count(*) from public.runs
             where org_id = ? and created_at >= '2026-11-01' and created_at < '2026-12-01'""";

    private StreamingReplica servers;
    private Path reportsDir;
    private Map<String, Object> properties;
    private ConfigurableApplicationContext application;
    private AuditData data;
    private UUID alice;
    private UUID acme;
    private int nextRun = 100;

    @BeforeAll
    void start() throws IOException {
        servers = StreamingReplica.start();
        reportsDir = Files.createTempDirectory("pf-replica-reports");
        properties = new HashMap<>(servers.applicationProperties());
        properties.put("pf.reports-dir", reportsDir.toString());
        application = TestApplication.start(properties); // migrates the primary, as every command does
        data = new AuditData(servers.primary());
        data.usersTable();
        alice = data.user(1, "alice@acme.test");
        acme = data.org(1, "acme", "Acme", alice);
        for (int i = 0; i < 5; i++) {
            UUID run = data.run(i, acme, alice, "2026-11-%02d 10:00:00+00".formatted(2 + i), "completed");
            data.score(run, acme, 90, 90, 10, 90, 90);
        }
        servers.awaitCaughtUp();
    }

    @AfterAll
    void stop() {
        if (application != null) {
            application.close();
        }
        servers.close();
        FileSystemUtils.deleteRecursively(reportsDir.toFile());
    }

    @AfterEach
    void resume() {
        servers.resumeReplay();
    }

    @Test
    void theExportListsTheReplicasRunsNotThoseThePrimaryWroteSinceItsReplayPaused() {
        servers.pauseReplay();
        for (int i = 0; i < 3; i++) {
            data.run(nextRun++, acme, alice, "2026-11-20 10:00:00+00", "completed");
        }
        long onReplica = servers.replica().queryForObject(COUNT, Long.class, acme);
        long onPrimary = servers.primary().queryForObject(COUNT, Long.class, acme);
        assertThat(onPrimary).isEqualTo(onReplica + 3);

        List<String> output = new ArrayList<>();
        JobExecution execution = application.getBean(JobRunner.class).run("audit-export",
                Map.of("org", "acme", "from", FROM, "to", TO), "run", now(), output::add);

        assertThat(execution.getStatus()).as(String.join("\n", output)).isEqualTo(BatchStatus.COMPLETED);
        try (XSSFWorkbook workbook = AuditWorkbookFile.open(report(FROM, TO))) {
            assertThat(AuditWorkbookFile.rows(workbook.getSheet(AuditWorkbook.RUNS))).hasSize((int) onReplica);
            assertThat(AuditWorkbookFile.manifest(workbook).get(ReplicaLag.LABEL))
                    .matches("read replica " + servers.replicaServer().replace(".", "\\.")
                            + ", (\\d+ ms|\\d+(\\.\\d)? s|\\d+ min \\d+ s) behind the primary at the start");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aReplicaFurtherBehindThanTheLimitRefusesTheExportInOneLineAndWritesNothing() throws InterruptedException {
        servers.pauseReplay();
        data.run(nextRun++, acme, alice, "2026-11-21 10:00:00+00", "completed");
        Thread.sleep(1_500);
        Map<String, Object> strict = new HashMap<>(properties);
        strict.put("pf.db.read-max-lag", "1s");

        CliResult result = CliResult.run(strict, "run", "audit-export", "org=acme", "from=2026-11-01",
                "to=2026-11-15");

        assertThat(result.exit()).as(result.toString()).isEqualTo(1);
        assertThat(result.out().lines().filter(line -> line.contains("PF_READ_MAX_LAG")).toList())
                .as(result.toString()).singleElement().asString()
                .matches("  failed: Refused: the read replica " + servers.replicaServer().replace(".", "\\.")
                        + " \\(PF_READ_DB_URL\\) is \\d+(\\.\\d)? s behind its primary, more than PF_READ_MAX_LAG=1s "
                        + "\\(1\\.0 s\\): wait until it catches up, or raise PF_READ_MAX_LAG");
        try (Stream<Path> written = Files.walk(reportsDir)) {
            assertThat(written.filter(path -> path.getFileName().toString().contains("2026-11-15")))
                    .as("nothing of the refused run, not even a temp file").isEmpty();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theSyncWritesItsProjectionOnThePrimaryWithAReplicaConfigured() {
        servers.primary().update("""
                insert into public.subscriptions (org_id, plan_code, status, current_period_start, current_period_end)
                values (?, 'pro', 'active', now() - interval '1 day', now() + interval '29 days')""", acme);

        List<String> output = new ArrayList<>();
        JobExecution execution = application.getBean(JobRunner.class).run("entitlement-sync", Map.of(), "run", now(),
                output::add);

        assertThat(execution.getStatus()).as(String.join("\n", output)).isEqualTo(BatchStatus.COMPLETED);
        assertThat(servers.primary().queryForObject(
                "select count(*) from public.entitlements where org_id = ? and source = 'plan'", Long.class, acme))
                .isPositive();
    }

    private Path report(String from, String to) {
        return reportsDir.resolve("audit").resolve("audit-org-acme-" + from + "-" + to + ".xlsx");
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}

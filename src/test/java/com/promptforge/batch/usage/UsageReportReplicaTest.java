package com.promptforge.batch.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.db.ReadDatabase;
import com.promptforge.batch.db.ReplicaLag;
import com.promptforge.batch.job.CliResult;
import com.promptforge.batch.job.JobRunner;
import com.promptforge.batch.job.TestApplication;
import com.promptforge.batch.testing.StreamingReplica;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.poi.ss.usermodel.Cell;
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
import org.springframework.jdbc.core.ConnectionCallback;

/**
 * With PF_READ_DB_URL naming a real streaming replica (started here beside its PostgreSQL 15 primary), the usage
 * report computes each org's figures there and stores them on the primary; its Summary says which replica and how
 * far behind it was; a replica past PF_READ_MAX_LAG refuses the report in one line before anything is stored; and
 * the unused-index check counts the replica's own index scans.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsageReportReplicaTest {

    private static final String SCANNED_ON_REPLICA = "public.replica_probe_code_idx";
    private static final String NEVER_SCANNED = "public.replica_probe_kind_idx";
    private static final String SCANS = """
            select idx_scan from pg_catalog.pg_stat_user_indexes where schemaname = 'public' and indexrelname = ?""";
    private static final String FIGURES = "total_runs, completed_runs, failed_runs, scored_runs, avg_overall_score, "
            + "export_ready_runs, bundles, active_users, total_tokens, avg_duration_ms, p95_duration_ms";
    private static final String RUNS_OF_THE_WEEK = """
            select count(*) from public.runs where org_id = ? and created_at >= ? and created_at < ?""";

    private StreamingReplica servers;
    private Path reports;
    private Map<String, Object> properties;
    private ConfigurableApplicationContext application;
    private UsageData data;
    private IsoWeek week;
    private UUID alpha;

    @BeforeAll
    void start() throws IOException {
        servers = StreamingReplica.start();
        reports = Files.createTempDirectory("pf-replica-usage");
        properties = new HashMap<>(servers.applicationProperties());
        properties.put("pf.reports-dir", reports.toString());
        application = TestApplication.start(properties); // migrates the primary, as every command does
        week = IsoWeek.lastCompletedBefore(Instant.now());
        data = new UsageData(servers.primary());
        alpha = data.org("alpha", "Alpha Industries");
        data.runs(alpha, 10, week.start().plusHours(1), 60);
        servers.primary().execute("""
                create table public.replica_probe (id int primary key, code int, kind int);
                create index replica_probe_code_idx on public.replica_probe (code);
                create index replica_probe_kind_idx on public.replica_probe (kind);
                insert into public.replica_probe select g, g % 100, g % 7 from generate_series(1, 5000) g;
                analyze public.replica_probe""");
        servers.awaitCaughtUp();
        scanOnTheReplica();
    }

    /** A reader of the replica looks rows up by code: the replica counts an index scan, the primary none. */
    private void scanOnTheReplica() {
        servers.replica().execute((ConnectionCallback<Void>) connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("set enable_seqscan = off");
                statement.execute("set enable_bitmapscan = off");
                statement.executeQuery("select count(*) from public.replica_probe where code = 5").close();
            }
            return null;
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (servers.replica().queryForObject(SCANS, Long.class, "replica_probe_code_idx") == 0) {
            assertThat(System.nanoTime()).as("the replica's statistics count the scan").isLessThan(deadline);
            sleep(200);
        }
        assertThat(servers.primary().queryForObject(SCANS, Long.class, "replica_probe_code_idx")).isZero();
    }

    @AfterAll
    void stop() {
        if (application != null) {
            application.close();
        }
        servers.close();
        FileSystemUtils.deleteRecursively(reports.toFile());
    }

    @AfterEach
    void resume() {
        servers.resumeReplay();
    }

    @Test
    void eachOrgsFiguresAreTheReplicasAndAreStoredOnThePrimary() throws IOException {
        servers.pauseReplay();
        data.runs(alpha, 4, week.start().plusHours(30), 60);
        long onReplica = servers.replica().queryForObject(RUNS_OF_THE_WEEK, Long.class, alpha, week.start(),
                week.end());
        assertThat(servers.primary().queryForObject(RUNS_OF_THE_WEEK, Long.class, alpha, week.start(), week.end()))
                .isEqualTo(onReplica + 4);

        List<String> output = new ArrayList<>();
        JobExecution execution = application.getBean(JobRunner.class).run("usage-report",
                Map.of("week", week.label()), "run", now(), output::add);

        assertThat(execution.getStatus()).as(String.join("\n", output)).isEqualTo(BatchStatus.COMPLETED);
        assertThat(servers.primary().queryForObject("select concat_ws('|', " + FIGURES + ") from usage.org_weeks "
                + "where org_id = ? and week_start = ?", String.class, alpha, week.monday()))
                .as("stored on the primary: the replica's figures, every digit")
                .isEqualTo(servers.replica().queryForObject("select concat_ws('|', " + FIGURES + ") from "
                        + "public.get_org_run_stats_between(?, ?, ?)", String.class, alpha, week.start(), week.end()))
                .startsWith(onReplica + "|");
        try (XSSFWorkbook workbook = UsageWorkbook.open(
                reports.resolve("usage").resolve("usage-report-all-orgs-" + week.label() + ".xlsx"))) {
            Map<String, Cell> row = UsageWorkbook.rows(workbook.getSheet("Orgs")).stream()
                    .filter(cells -> "alpha".equals(UsageWorkbook.text(cells.get("Slug")))).findFirst().orElseThrow();
            assertThat(UsageWorkbook.number(row.get("Runs"))).isEqualTo(onReplica);
            assertThat(UsageWorkbook.text(UsageWorkbook.summary(workbook).get(ReplicaLag.LABEL)))
                    .matches("read replica " + servers.replicaServer().replace(".", "\\.")
                            + ", (\\d+ ms|\\d+(\\.\\d)? s|\\d+ min \\d+ s) behind the primary at the start");
        }
    }

    @Test
    void aReplicaFurtherBehindThanTheLimitRefusesTheReportInOneLineBeforeAnythingIsStored()
            throws InterruptedException {
        IsoWeek earlier = week.minusWeeks(10);
        servers.pauseReplay();
        data.runs(alpha, 1, earlier.start().plusHours(1), 60);
        Thread.sleep(1_500);
        Map<String, Object> strict = new HashMap<>(properties);
        strict.put("pf.db.read-max-lag", "1s");

        CliResult result = CliResult.run(strict, "run", "usage-report", "week=" + earlier.label());

        assertThat(result.exit()).as(result.toString()).isEqualTo(1);
        assertThat(result.out().lines().filter(line -> line.contains("PF_READ_MAX_LAG")).toList())
                .as(result.toString()).singleElement().asString()
                .matches("  failed: Refused: the read replica " + servers.replicaServer().replace(".", "\\.")
                        + " \\(PF_READ_DB_URL\\) is \\d+(\\.\\d)? s behind its primary, more than PF_READ_MAX_LAG=1s "
                        + "\\(1\\.0 s\\): wait until it catches up, or raise PF_READ_MAX_LAG");
        assertThat(reports.resolve("usage").resolve("usage-report-all-orgs-" + earlier.label() + ".xlsx"))
                .doesNotExist();
        assertThat(servers.primary().queryForObject("select count(*) from usage.org_weeks where week_start <= ?",
                Long.class, earlier.monday())).as("no week stored").isZero();
    }

    @Test
    void anIndexScannedOnlyOnTheReplicaIsNotReportedUnused() {
        List<String> unused = unusedIndexes(application.getBean(ReadDatabase.class));

        assertThat(unused).noneMatch(finding -> finding.startsWith(SCANNED_ON_REPLICA + ":"))
                .anyMatch(finding -> finding.startsWith(NEVER_SCANNED + ": 0 scans since ")
                        && finding.contains(" on the primary and on the read replica "));
    }

    @Test
    void theSameIndexWithoutTheReplicasScansIsReportedUnused() {
        DataSource primary = application.getBean(DataSource.class);

        assertThat(unusedIndexes(ReadDatabase.primary(primary)))
                .anyMatch(finding -> finding.startsWith(SCANNED_ON_REPLICA + ": 0 scans since "))
                .noneMatch(finding -> finding.contains("read replica"));
    }

    /** The unused-index findings (object: evidence) of the health checks, the replica's scans read from {@code reads}. */
    private List<String> unusedIndexes(ReadDatabase reads) {
        DatabaseHealth health = new DatabaseHealth(application.getBean(DataSource.class), reads);
        return health.read(week, null, 60, HealthExclusions.parse("")).findings().stream()
                .filter(finding -> finding.check().equals("unused_indexes"))
                .map(finding -> finding.object() + ": " + finding.evidence())
                .toList();
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

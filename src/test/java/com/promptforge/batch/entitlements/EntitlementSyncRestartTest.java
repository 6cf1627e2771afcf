package com.promptforge.batch.entitlements;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.cli.PromptForgeCli;
import com.promptforge.batch.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of a run, then {@code restart}: the result equals an uninterrupted run on an identical
 * database, and no change is recorded twice. The killed run is a real process, destroyed forcibly once some
 * chunks have committed.
 */
class EntitlementSyncRestartTest {

    private static final int ORGS = 4_000;
    private static final String CHUNK_SIZE = "chunkSize=5";
    private static final String DETAIL_LIMIT = "detailLimit=50";
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @Test
    void killedMidRunAndRestartedEqualsAnUninterruptedRunWithNoChangeRecordedTwice(@TempDir Path reports)
            throws Exception {
        try (TestDatabase killed = TestDatabase.create("killed");
             TestDatabase uninterrupted = TestDatabase.create("uninterrupted")) {
            Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            SyncFixture.populate(killed.jdbc(), ORGS, at);
            SyncFixture.populate(uninterrupted.jdbc(), ORGS, at);

            killMidRun(killed, reports.resolve("killed"));
            assertThat(killed.jdbc().queryForObject(
                    "select status from batch.batch_job_execution order by job_execution_id desc limit 1", String.class))
                    .as("the killed execution is left as running").isEqualTo("STARTED");
            long committedBeforeKill = killed.jdbc().queryForObject(
                    "select count(distinct org_id) from public.entitlement_changes", Long.class);
            assertThat(committedBeforeKill).as("some chunks committed, not all").isPositive().isLessThan(ORGS / 2);

            String restart = cli(killed, reports.resolve("killed"), "restart", "entitlement-sync");
            String run = cli(uninterrupted, reports.resolve("uninterrupted"), "run", "entitlement-sync", CHUNK_SIZE);

            assertThat(restart).contains("COMPLETED");
            assertThat(SyncFixture.projection(killed.jdbc())).isEqualTo(SyncFixture.projection(uninterrupted.jdbc()));
            assertThat(SyncFixture.changeLog(killed.jdbc())).isEqualTo(SyncFixture.changeLog(uninterrupted.jdbc()));
            // one job instance over two executions, each change once
            assertThat(killed.jdbc().queryForList("""
                    select count(distinct job_instance_id) || ' instance, ' || count(distinct job_execution_id) || ' executions'
                      from public.entitlement_changes
                    """, String.class)).containsExactly("1 instance, 2 executions");
            assertThat(SyncFixture.changesRecordedTwice(killed.jdbc())).isZero();
            // the summary and the report of the restarted execution cover the killed one's chunks too
            assertThat(summary(restart)).hasSize(6).isEqualTo(summary(run));
            long changes = killed.jdbc().queryForObject("select count(*) from public.entitlement_changes", Long.class);
            try (XSSFWorkbook workbook = Workbooks.open(reportOf(restart))) {
                assertThat(workbook.getSheet(EntitlementSyncReport.CHANGES_SHEET).getLastRowNum()).isEqualTo(changes);
            }
        }
    }

    @Test
    void pastDetailLimitKilledAndRestartedEqualsAnUninterruptedRunAndCountsTheSameChanges(@TempDir Path reports)
            throws Exception {
        try (TestDatabase killed = TestDatabase.create("killed-grouped");
             TestDatabase uninterrupted = TestDatabase.create("uninterrupted-grouped")) {
            Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            SyncFixture.populate(killed.jdbc(), ORGS, at);
            SyncFixture.populate(uninterrupted.jdbc(), ORGS, at);

            killMidRun(killed, reports.resolve("killed"), DETAIL_LIMIT);
            long committedBeforeKill = killed.jdbc().queryForObject(
                    "select count(*) from public.entitlement_changes", Long.class);
            assertThat(committedBeforeKill).as("the killed run had passed detailLimit").isGreaterThan(50);

            String restart = cli(killed, reports.resolve("killed"), "restart", "entitlement-sync");
            String run = cli(uninterrupted, reports.resolve("uninterrupted"), "run", "entitlement-sync", CHUNK_SIZE,
                    DETAIL_LIMIT);

            assertThat(restart).contains("COMPLETED");
            assertThat(SyncFixture.projection(killed.jdbc())).isEqualTo(SyncFixture.projection(uninterrupted.jdbc()));
            assertThat(SyncFixture.changeLog(killed.jdbc())).isEqualTo(SyncFixture.changeLog(uninterrupted.jdbc()));
            assertThat(SyncFixture.changesRecordedTwice(killed.jdbc())).isZero();
            assertThat(summary(restart)).hasSize(6).isEqualTo(summary(run));
            try (XSSFWorkbook restarted = Workbooks.open(reportOf(restart));
                 XSSFWorkbook whole = Workbooks.open(reportOf(run))) {
                List<String> groups = Workbooks.rows(restarted.getSheet(EntitlementSyncReport.CHANGES_SHEET), 5);
                assertThat(groups).isNotEmpty()
                        .isEqualTo(Workbooks.rows(whole.getSheet(EntitlementSyncReport.CHANGES_SHEET), 5));
            }
        }
    }

    /** Starts {@code run entitlement-sync} in a process of its own and kills it (SIGKILL) after a few commits. */
    private static void killMidRun(TestDatabase db, Path reports, String... parameters)
            throws IOException, InterruptedException {
        Files.createDirectories(reports);
        Path log = reports.resolve("killed-run.log");
        ProcessBuilder builder = new ProcessBuilder(
                Stream.concat(Stream.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                        PromptForgeCli.class.getName(), "run", "entitlement-sync", CHUNK_SIZE),
                        Stream.of(parameters)).toList())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, Object> properties = db.applicationProperties();
        builder.environment().put("PF_DB_URL", String.valueOf(properties.get("pf.db.url")));
        builder.environment().put("PF_DB_USER", String.valueOf(properties.get("pf.db.user")));
        builder.environment().put("PF_DB_PASSWORD", String.valueOf(properties.get("pf.db.password")));
        builder.environment().put("PF_REPORTS_DIR", reports.toString());
        Process process = builder.start();
        try {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (commits(db) < 20) {
                assertThat(process.isAlive()).as("the run ended before it could be killed:%n%s",
                        Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as("no chunk committed in time:%n%s", Files.readString(log))
                        .isLessThan(deadline);
                Thread.sleep(20);
            }
        } finally {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static long commits(TestDatabase db) {
        return db.jdbc().queryForObject("""
                select coalesce(max(commit_count), 0) from batch.batch_step_execution where step_name = ?
                """, Long.class, EntitlementSyncJobConfiguration.STEP_NAME);
    }

    private static String cli(TestDatabase db, Path reports, String... arguments) {
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.reports-dir", reports.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new PromptForgeCli(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, properties)
                .run(arguments);
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.println(String.join(" ", arguments) + ":\n" + printed);
        assertThat(exit).as(printed).isZero();
        return printed;
    }

    /** The figures lines of a printed summary ("orgs scanned: 4,001", ...). */
    private static List<String> summary(String printed) {
        return printed.lines().map(String::strip)
                .filter(line -> line.matches("(orgs scanned|orgs changed|rows added|rows removed|rows updated"
                        + "|orgs skipped): [0-9,]+"))
                .toList();
    }

    private static Path reportOf(String printed) {
        return printed.lines().map(String::strip).filter(line -> line.startsWith("report: "))
                .map(line -> Path.of(line.substring("report: ".length()))).findFirst().orElseThrow();
    }
}

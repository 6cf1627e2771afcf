package com.promptforge.batch.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.report.LocalReportStore;
import com.promptforge.batch.report.ReportLifecycle;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The report while one session holds ACCESS EXCLUSIVE on a table for 30 s and a second session waits for it:
 * the report does not wait (it finishes while the lock is still held), a check that met the lock says who holds
 * it and what it could not read, and blocking_locks names the waiter and its blocker.
 */
@PromptForgeDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthLocksTest {

    static final int HELD_SECONDS = 30;

    private TestDatabase db;
    private UsageReport.Outcome outcome;
    private Duration took;
    private int holder;
    private int waiter;
    private boolean heldAfterTheReport;
    private CompletableFuture<Void> holding;
    private CompletableFuture<Void> waiting;

    @BeforeAll
    void lockATableAndRunTheReport(TestDatabase db) throws Exception {
        this.db = db;
        JdbcTemplate jdbc = db.jdbc();
        // usage_probe_scanned: 20,000 rows read by sequential scans, so sequential_scan_heavy_tables sizes it
        HealthProblems.plant(jdbc);
        Connection holderSession = db.dataSource().getConnection();
        Connection waiterSession = db.dataSource().getConnection();
        holder = pid(holderSession);
        waiter = pid(waiterSession);
        holderSession.setAutoCommit(false);
        holderSession.createStatement().execute("lock table public.usage_probe_scanned in access exclusive mode");
        holding = CompletableFuture.runAsync(() -> sql(holderSession, "select pg_sleep(" + HELD_SECONDS + ")"));
        waiting = CompletableFuture.runAsync(() -> sql(waiterSession, "select count(*) from public.usage_probe_scanned"));
        awaitWaiting(jdbc, Duration.ofSeconds(6));

        IsoWeek week = IsoWeek.lastCompletedBefore(Instant.now());
        Map<String, Object> values = Map.of(UsageReportParameters.WEEK, week.label());
        Path reports = Files.createTempDirectory("pf-health-locks");
        Instant start = Instant.now();
        outcome = new UsageReport(db.dataSource(), "test server", db.name()).run("usage-report",
                UsageReportJobConfiguration.PARAMETERS.bind(values), values, null,
                new ReportLifecycle(new LocalReportStore(reports)), Instant.now());
        took = Duration.between(start, Instant.now());
        heldAfterTheReport = !holding.isDone();
    }

    @AfterAll
    void releaseTheLock() {
        db.jdbc().queryForObject("select pg_cancel_backend(?)", Boolean.class, holder);
        holding.join();
        waiting.join();
    }

    @Test
    void theReportFinishesWhileTheLockIsStillHeld() {
        assertThat(heldAfterTheReport).as("the lock was still held when the report finished").isTrue();
        assertThat(took).isLessThan(Duration.ofSeconds(HELD_SECONDS / 2));
    }

    @Test
    void aCheckThatMetTheLockNamesItsHolderAndWhatItCouldNotRead() {
        assertThat(outcome.content().findings()).anySatisfy(finding -> {
            assertThat(finding.check()).isEqualTo("sequential_scan_heavy_tables");
            assertThat(finding.object()).isEqualTo("check sequential_scan_heavy_tables");
            assertThat(finding.evidence()).startsWith("gave up after lock_timeout 1s")
                    .contains("public.usage_probe_scanned is locked ACCESS EXCLUSIVE by pid " + holder)
                    .contains("transaction open since")
                    .contains("waiting for it: pids " + waiter)
                    .contains("Not read: what this check reports for public.usage_probe_scanned");
            assertThat(finding.recommendation()).startsWith("SELECT pg_terminate_backend(" + holder + ");");
        });
    }

    @Test
    void theWaitingSessionIsABlockingLockFindingNamingItsBlocker() {
        assertThat(outcome.content().findings()).anySatisfy(finding -> {
            assertThat(finding.check()).isEqualTo("blocking_locks");
            assertThat(finding.object()).isEqualTo("pid " + waiter + " blocked by pid " + holder);
            assertThat(finding.evidence()).contains("for AccessShareLock on public.usage_probe_scanned")
                    .contains("transaction open since");
            assertThat(finding.recommendation()).startsWith("SELECT pg_terminate_backend(" + holder + ");");
        });
    }

    @Test
    void theOtherChecksStillRan() {
        assertThat(outcome.content().findings()).anyMatch(f -> f.check().equals("foreign_keys_without_index")
                && f.object().equals("public.usage_probe_child_parent_id_fkey"));
        assertThat(outcome.content().health().indexes()).isNotEmpty();
    }

    private static int pid(Connection connection) throws Exception {
        try (var rows = connection.createStatement().executeQuery("select pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Runs {@code sql} and closes the session; a cancelled statement ends it as well. */
    private static void sql(Connection connection, String sql) {
        try (connection) {
            connection.createStatement().execute(sql);
        } catch (Exception e) {
            // cancelled by releaseTheLock, or ended with the holder's session
        }
    }

    private void awaitWaiting(JdbcTemplate jdbc, Duration atLeast) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!Boolean.TRUE.equals(jdbc.queryForObject("""
                select coalesce((select wait_event_type = 'Lock' and now() - state_change >= ?::interval
                                   from pg_stat_activity where pid = ?), false)""", Boolean.class,
                atLeast.toSeconds() + " seconds", waiter))) {
            assertThat(Instant.now()).as("the second session waits for the lock").isBefore(deadline);
            Thread.sleep(200);
        }
    }
}

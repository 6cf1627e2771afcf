package com.promptforge.batch.audit;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of an export, then {@code restart audit-export}: the workbook it writes holds the same
 * rows as an uninterrupted run, and until then nothing carries the final name.
 */
@PromptForgeDatabase
class AuditExportRestartTest {

    private static final int RUNS = 60_000;
    private static final String NAME = "audit-all-orgs-2026-11-01-2026-11-30.xlsx";

    @Test
    void aRunKilledMidwayAndRestartedWritesTheRowsOfAnUninterruptedRun(TestDatabase db, @TempDir Path tmp)
            throws Exception {
        AuditData data = new AuditData(db.jdbc());
        UUID owner = UUID.randomUUID();
        UUID org = data.org(1, "bulk-co", "Bulk Co", owner);
        data.bulk(org, owner, "2026-11-01 00:00:00+00", RUNS, 40_000); // 40 s apart: 28 days
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        Path reports = tmp.resolve("reports");
        properties.put("pf.reports-dir", reports.toString());
        properties.put("pf.jobs.progress-interval", "500ms");
        Path file = reports.resolve("audit").resolve(NAME);
        String[] run = {"run", "audit-export", "org=all", "from=2026-11-01", "to=2026-11-30"};

        CliResult uninterrupted = CliResult.run(properties, run);
        assertThat(uninterrupted.exit()).as(uninterrupted.toString()).isZero();
        Path reference = tmp.resolve("uninterrupted.xlsx");
        Files.move(file, reference);
        Files.delete(file.resolveSibling(NAME + ".sha256"));

        long before = db.jdbc().queryForObject("select max(job_execution_id) from batch.batch_job_execution",
                Long.class);
        long total = RUNS + db.jdbc().queryForObject("select count(*) from public.bundles b join public.runs r"
                + " on r.id = b.run_id where r.org_id = ?", Long.class, org);
        long killedExecution;
        try (BatchProcess process = BatchProcess.start(properties, tmp.resolve("run.log"), run)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (written(db, before) == 0) {
                assertThat(process.isAlive()).as(process.output()).isTrue();
                assertThat(System.nanoTime()).as("no slice committed within 180 s").isLessThan(deadline);
                Thread.sleep(50);
            }
            process.kill();
            killedExecution = db.jdbc().queryForObject(
                    "select max(job_execution_id) from batch.batch_job_execution", Long.class);
        }
        assertThat(killedExecution).isGreaterThan(before);
        assertThat(written(db, before)).as("killed in the middle").isBetween(1L, total - 1);
        assertThat(file).doesNotExist();
        assertThat(file.resolveSibling(NAME + ".sha256")).doesNotExist();
        assertThat(temps(file)).isNotEmpty();

        CliResult restart = CliResult.run(properties, "restart", "audit-export");

        assertThat(restart.exit()).as(restart.toString()).isZero();
        assertThat(restart.out()).contains("Restarting audit-export execution " + killedExecution + " (FAILED");
        assertThat(temps(file)).isEmpty();
        Map<String, String> restarted = AuditWorkbookFile.digests(file);
        Map<String, String> expected = AuditWorkbookFile.digests(reference);
        for (String sheet : List.of(AuditWorkbook.RUNS, AuditWorkbook.BUNDLES, AuditWorkbook.ANOMALIES)) {
            assertThat(restarted.get(sheet)).as(sheet).isEqualTo(expected.get(sheet));
        }
        long runs = db.jdbc().queryForObject("select count(*) from public.runs where created_at >= '2026-11-01 00:00+00'"
                + " and created_at < '2026-12-01 00:00+00'", Long.class);
        assertThat(runs).isEqualTo(RUNS);
        assertThat(restarted.get(AuditWorkbook.RUNS)).startsWith((runs + 1) + " rows"); // and the header
    }

    /** Rows the audit step has committed so far in an execution after {@code before}. */
    private static long written(TestDatabase db, long before) {
        Long written = db.jdbc().queryForObject("""
                select coalesce(max(s.write_count), 0) from batch.batch_step_execution s
                 where s.step_name = ? and s.job_execution_id > ?""",
                Long.class, AuditExportJobConfiguration.STEP_NAME, before);
        return written == null ? 0 : written;
    }

    private static List<Path> temps(Path file) throws Exception {
        try (Stream<Path> files = Files.list(file.getParent())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}

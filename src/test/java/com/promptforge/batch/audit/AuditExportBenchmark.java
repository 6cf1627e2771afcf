package com.promptforge.batch.audit;

import com.promptforge.batch.job.JobRunner;
import com.promptforge.batch.job.TestApplication;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The audit export against its references, in one JVM on one database: the whole job (JobRunner, Spring Batch,
 * the shared writer), a bare loop (plain JDBC with the same two queries into SXSSF with the writer's settings, no
 * Spring Batch), and {@code COPY (same queries) TO STDOUT (FORMAT csv)} as the floor. Prints rows/s, the ratios and
 * the peak live heap (most heap in use just after any GC). Not a timed test: it asserts nothing about speed.
 *
 * <pre>
 * ./mvnw test -Dtest=AuditExportBenchmark -Dgroups=benchmark -DexcludedGroups=none \
 *     -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Xmx256m -Dbenchmark.rows=300000
 * </pre>
 * Output: {@code target/surefire-reports/com.promptforge.batch.audit.AuditExportBenchmark-output.txt}.
 */
@Tag("benchmark")
@PromptForgeDatabase
class AuditExportBenchmark {

    private static final int RUNS = Integer.getInteger("benchmark.rows", 300_000);
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 2);
    private static final String FROM = "2026-11-01";
    private static final String TO = "2026-11-30";

    @Test
    void exportsScoredRunsBesideABareLoopAndCopy(TestDatabase db) throws Exception {
        AuditData data = new AuditData(db.jdbc());
        UUID owner = UUID.randomUUID();
        UUID org = data.org(1, "bench-co", "Bench Co", owner);
        // Spread over the 30 days of November, stored in created_at order as an append-only table is.
        data.bulk(org, owner, FROM + " 00:00:00+00", RUNS, (int) (30L * 86_400_000 / (RUNS + 1)));
        db.jdbc().execute("vacuum analyze public.runs, public.prompt_scores, public.bundles");
        long rows = RUNS + db.jdbc().queryForObject("select count(*) from public.bundles", Long.class);
        Path dir = Files.createTempDirectory("pf-audit-benchmark");
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.reports-dir", dir.toString());
        properties.put("pf.jobs.progress-interval", "1h");
        AuditScope scope = new AuditScope(null, java.time.LocalDate.parse(FROM), java.time.LocalDate.parse(TO));
        HeapWatch heap = new HeapWatch();

        System.out.printf("audit-export benchmark: %,d runs + %,d bundles = %,d rows, max heap %d MB, %d rounds%n",
                RUNS, rows - RUNS, rows, Runtime.getRuntime().maxMemory() >> 20, ROUNDS);
        try (ConfigurableApplicationContext application = TestApplication.start(properties)) {
            JobRunner runner = application.getBean(JobRunner.class);
            double copy = Double.MAX_VALUE;
            double bare = Double.MAX_VALUE;
            double job = Double.MAX_VALUE;
            long bareHeap = 0;
            long jobHeap = 0;
            for (int round = 0; round < ROUNDS; round++) {
                copy = Math.min(copy, time(() -> copyOut(db, scope)));
                heap.reset();
                bare = Math.min(bare, time(() -> bareLoop(db, scope, dir.resolve("bare.xlsx"))));
                bareHeap = Math.max(bareHeap, heap.peak());
                heap.reset();
                job = Math.min(job, time(() -> {
                    JobExecution execution = runner.run("audit-export", Map.of("org", "all", "from", FROM, "to", TO),
                            "run", LocalDateTime.now(ZoneOffset.UTC), line -> { });
                    if (execution.getStatus() != BatchStatus.COMPLETED) {
                        throw new IllegalStateException("the job did not complete: " + execution);
                    }
                }));
                jobHeap = Math.max(jobHeap, heap.peak());
                System.out.printf("round %d: copy %.1f s, bare %.1f s, job %.1f s%n", round + 1, copy, bare, job);
            }
            System.out.printf("%-26s %8s %10s %9s %14s%n", "", "best s", "rows/s", "vs bare", "peak live heap");
            System.out.printf("%-26s %8.1f %,10.0f %9s %14s%n", "COPY ... TO STDOUT csv", copy, rows / copy,
                    String.format("%.2fx", copy / bare), "-");
            System.out.printf("%-26s %8.1f %,10.0f %9s %11d MB%n", "bare JDBC + SXSSF loop", bare, rows / bare,
                    "1.00x", bareHeap >> 20);
            System.out.printf("%-26s %8.1f %,10.0f %9s %11d MB%n", "audit-export job", job, rows / job,
                    String.format("%.2fx", job / bare), jobHeap >> 20);
            System.out.printf("workbook: %.1f MB%n", Files.size(dir.resolve("audit")
                    .resolve(scope.reportName() + ".xlsx")) / 1e6);
        }
    }

    private static double time(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static Connection connect(TestDatabase db) throws Exception {
        Properties login = new Properties();
        Object user = db.applicationProperties().get("pf.db.user");
        Object password = db.applicationProperties().get("pf.db.password");
        login.setProperty("user", String.valueOf(user));
        if (password != null && !String.valueOf(password).isEmpty()) {
            login.setProperty("password", String.valueOf(password));
        }
        return DriverManager.getConnection(db.jdbcUrl(), login);
    }

    /** The floor: the server producing the same rows as CSV, the client discarding them. */
    private static void copyOut(TestDatabase db, AuditScope scope) throws Exception {
        try (Connection connection = connect(db)) {
            PGConnection pg = connection.unwrap(PGConnection.class);
            for (String sql : AuditExportSql.copyToCsv(scope.from(), scope.to())) {
                pg.getCopyAPI().copyOut(sql, OutputStream.nullOutputStream());
            }
        }
    }

    /** The reference: the same queries streamed straight into SXSSF with the writer's settings. */
    private static void bareLoop(TestDatabase db, AuditScope scope, Path file) throws Exception {
        try (Connection connection = connect(db);
             SXSSFWorkbook workbook = new SXSSFWorkbook(new XSSFWorkbook(), 100, false, false) {
                 @Override
                 protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
                     ZipArchiveOutputStream zip = super.createArchiveOutputStream(out);
                     zip.setLevel(Deflater.BEST_SPEED);
                     return zip;
                 }
             }) {
            connection.setAutoCommit(false);
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
            for (int query = 0; query < 2; query++) {
                String sql = query == 0 ? AuditExportSql.runs(true, false) : AuditExportSql.bundles(true, false);
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setFetchSize(AuditExport.FETCH_SIZE);
                    int index = 1;
                    if (query == 0) {
                        statement.setInt(index++, 80);
                    }
                    statement.setObject(index++, scope.start());
                    statement.setObject(index, scope.endExclusive());
                    SXSSFSheet sheet = workbook.createSheet(query == 0 ? "runs" : "bundles");
                    try (ResultSet rows = statement.executeQuery()) {
                        ResultSetMetaData meta = rows.getMetaData();
                        int columns = meta.getColumnCount();
                        int r = 0;
                        while (rows.next()) {
                            SXSSFRow row = sheet.createRow(r++);
                            for (int c = 1; c <= columns; c++) {
                                switch (meta.getColumnType(c)) {
                                    case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                                        OffsetDateTime time = rows.getObject(c, OffsetDateTime.class);
                                        var cell = row.createCell(c - 1);
                                        cell.setCellValue(time.withOffsetSameInstant(ZoneOffset.UTC)
                                                .toLocalDateTime());
                                        cell.setCellStyle(date);
                                    }
                                    case Types.SMALLINT, Types.INTEGER, Types.DOUBLE -> {
                                        double value = rows.getDouble(c);
                                        if (!rows.wasNull()) {
                                            row.createCell(c - 1).setCellValue(value);
                                        }
                                    }
                                    case Types.BIT, Types.BOOLEAN -> row.createCell(c - 1)
                                            .setCellValue(rows.getBoolean(c));
                                    default -> {
                                        String text = rows.getString(c);
                                        if (text != null) {
                                            row.createCell(c - 1).setCellValue(text);
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                workbook.write(out);
            }
            workbook.dispose();
            connection.rollback();
        }
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    /** The most heap in use just after any GC since {@link #reset()}: the live data, garbage left out. */
    private static final class HeapWatch {
        private final AtomicLong peak = new AtomicLong();

        HeapWatch() {
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                            .equals(notification.getType())) {
                        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                        long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                                .mapToLong(java.lang.management.MemoryUsage::getUsed).sum();
                        peak.accumulateAndGet(used, Math::max);
                    }
                }, null, null);
            }
        }

        void reset() {
            System.gc();
            peak.set(0);
        }

        long peak() {
            return peak.get();
        }
    }
}

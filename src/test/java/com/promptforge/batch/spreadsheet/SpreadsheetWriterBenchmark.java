package com.promptforge.batch.spreadsheet;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Writes 1,000,000 rows x 15 typed cells with {@link SpreadsheetWriter} (both engines) and, in the same JVM, with a bare
 * SXSSF loop as the reference, and prints rows/s, peak heap and the ratio. Not a timed test: it asserts
 * nothing about speed, it measures.
 *
 * <p>Run it (surefire leaves the "benchmark" tag out by default):
 * <pre>
 * ./mvnw test -Dtest=SpreadsheetWriterBenchmark -Dgroups=benchmark -DexcludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * The table is in {@code target/surefire-reports/com.promptforge.batch.spreadsheet.SpreadsheetWriterBenchmark-output.txt}
 * (the pom redirects test output). Add {@code -DargLine=-Xmx64m} to show it fits a small heap.
 * {@code -Dbenchmark.rows=N} and {@code -Dbenchmark.rounds=N} change the size; {@link #main} runs the same
 * from an IDE.
 */
@Tag("benchmark")
class SpreadsheetWriterBenchmark {

    private static final int ROWS = Integer.getInteger("benchmark.rows", 1_000_000);
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
    private static final int WARM_UP_ROWS = 100_000;

    private static final List<Column> COLUMNS = List.of(
            Column.text("Run", 38), Column.text("Org", 24), Column.text("Email", 30), Column.text("Plan", 10),
            Column.text("Note", 30), Column.integer("Seats", 8), Column.integer("Tokens", 12),
            Column.decimal("Cost", 10), Column.decimal("Latency ms", 10), Column.bool("Active", 7),
            Column.bool("Flagged", 7), Column.timestamp("Created (UTC)", 20), Column.timestamp("Scored (UTC)", 20),
            Column.date("Day", 12), Column.percent("Score", 8));

    @Test
    void writesAMillionRowsBesideABareSxssfLoop() throws Exception {
        main(new String[0]);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("spreadsheet-benchmark");
        try {
            run(dir, System.out);
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    private static void run(Path dir, PrintStream out) throws Exception {
        List<Writer> writers = List.of(
                new Writer("SpreadsheetWriter", SpreadsheetWriterBenchmark::withSpreadsheetWriter),
                new Writer("SpreadsheetWriter without charts (fastexcel)", SpreadsheetWriterBenchmark::withoutCharts),
                new Writer("bare SXSSF, same settings (zip level 1)", (file, rows) -> bareSxssf(file, rows, true)),
                new Writer("bare SXSSF, default zip level", (file, rows) -> bareSxssf(file, rows, false)));
        for (Writer writer : writers) {
            measure(writer, dir, WARM_UP_ROWS);
        }
        List<List<Result>> results = new ArrayList<>();
        writers.forEach(writer -> results.add(new ArrayList<>()));
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < writers.size(); i++) {
                results.get(i).add(measure(writers.get(i), dir, ROWS));
            }
        }
        double reference = median(results.get(2)).seconds;
        double referenceCpu = medianCpu(results.get(2));
        out.printf(Locale.ROOT, "%n%,d rows x %d typed cells, median of %d rounds (JDK %s, max heap %d MB)%n",
                ROWS, COLUMNS.size(), ROUNDS, System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        out.printf(Locale.ROOT, "| %-40s | %8s | %8s | %8s | %16s | %8s | %11s | %9s | %9s |%n",
                "writer", "time s", "rows/s", "vs bare", "rounds s", "cpu s", "cpu vs bare", "peak heap", "file MB");
        out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", "-".repeat(40), "-".repeat(8),
                "-".repeat(8), "-".repeat(8), "-".repeat(16), "-".repeat(8), "-".repeat(11), "-".repeat(9),
                "-".repeat(9));
        for (int i = 0; i < writers.size(); i++) {
            Result median = median(results.get(i));
            long peakLive = results.get(i).stream().mapToLong(r -> r.peakHeapAfterGc).max().orElse(0);
            double cpu = medianCpu(results.get(i));
            out.printf(Locale.ROOT, "| %-40s | %8.1f | %,8.0f | %8.2f | %16s | %8.1f | %11.2f | %6d MB | %9.1f |%n",
                    writers.get(i).name, median.seconds, ROWS / median.seconds, median.seconds / reference,
                    rounds(results.get(i)), cpu, cpu / referenceCpu, peakLive >> 20, median.fileBytes / 1e6);
        }
        out.println("time = wall clock to the committed file (median); cpu = CPU time of the writing thread,"
                + " steadier than wall time on a shared machine; vs bare = ratio to the bare SXSSF loop at zip level 1;");
        out.println("peak heap = the most heap still in use just after any GC during the runs (live data).");
        out.println();
    }

    private static Result measure(Writer writer, Path dir, int rows) throws Exception {
        Path file = dir.resolve("benchmark.xlsx");
        System.gc();
        try (HeapWatch heap = new HeapWatch()) {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long startCpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            writer.write.write(file, rows);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - startCpu) / 1e9;
            long bytes = Files.size(file);
            Files.delete(file);
            return new Result(seconds, cpuSeconds, heap.peakAfterGc(), bytes);
        }
    }

    // --- the two ways of writing --------------------------------------------------------------

    private static void withSpreadsheetWriter(Path file, int rows) {
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(file)) {
            SpreadsheetWriter.Sheet sheet = writer.sheet("Runs", COLUMNS);
            for (int i = 0; i < rows; i++) {
                sheet.row(values(i));
            }
            writer.finish();
        }
    }

    private static void withoutCharts(Path file, int rows) {
        try (SpreadsheetWriter writer = SpreadsheetWriter.createWithoutCharts(file, SpreadsheetWriter.MAX_DATA_ROWS_PER_SHEET,
                "Benchmark")) {
            SpreadsheetWriter.Sheet sheet = writer.sheet("Runs", COLUMNS);
            for (int i = 0; i < rows; i++) {
                sheet.row(values(i));
            }
            writer.finish();
        }
    }

    /** What a job would write without the shared writer: plain SXSSF, styles made once, no checks. */
    private static void bareSxssf(Path file, int rows, boolean fastestZip) throws IOException {
        SXSSFWorkbook workbook = fastestZip ? new LevelOneWorkbook() : new SXSSFWorkbook(new XSSFWorkbook(), 100, false, false);
        try {
            DataFormat formats = workbook.createDataFormat();
            Font bold = workbook.createFont();
            bold.setBold(true);
            CellStyle header = workbook.createCellStyle();
            header.setFont(bold);
            CellStyle[] styles = new CellStyle[COLUMNS.size()];
            for (int c = 0; c < styles.length; c++) {
                String format = switch (COLUMNS.get(c).kind()) {
                    case INTEGER -> "0";
                    case DECIMAL -> "0.00";
                    case TIMESTAMP -> "yyyy-mm-dd hh:mm:ss";
                    case DATE -> "yyyy-mm-dd";
                    case PERCENT -> "0.0%";
                    case TEXT, BOOLEAN -> null;
                };
                if (format != null) {
                    styles[c] = workbook.createCellStyle();
                    styles[c].setDataFormat(formats.getFormat(format));
                }
            }
            SXSSFSheet sheet = workbook.createSheet("Runs");
            SXSSFRow headerRow = sheet.createRow(0);
            for (int c = 0; c < COLUMNS.size(); c++) {
                sheet.setColumnWidth(c, COLUMNS.get(c).width() * 256);
                Cell cell = headerRow.createCell(c);
                cell.setCellValue(COLUMNS.get(c).header());
                cell.setCellStyle(header);
            }
            sheet.createFreezePane(0, 1);
            for (int i = 0; i < rows; i++) {
                Object[] values = values(i);
                SXSSFRow row = sheet.createRow(i + 1);
                for (int c = 0; c < values.length; c++) {
                    Object value = values[c];
                    if (value == null) {
                        continue;
                    }
                    Cell cell = row.createCell(c);
                    switch (COLUMNS.get(c).kind()) {
                        case TEXT -> cell.setCellValue(value.toString());
                        case INTEGER, DECIMAL, PERCENT -> cell.setCellValue(((Number) value).doubleValue());
                        case BOOLEAN -> cell.setCellValue((Boolean) value);
                        case TIMESTAMP -> cell.setCellValue(value instanceof Instant instant
                                ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC)
                                : ((OffsetDateTime) value).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
                        case DATE -> cell.setCellValue((LocalDate) value);
                    }
                    if (styles[c] != null) {
                        cell.setCellStyle(styles[c]);
                    }
                }
            }
            sheet.setAutoFilter(new CellRangeAddress(0, rows, 0, COLUMNS.size() - 1));
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                workbook.write(out);
            }
        } finally {
            workbook.dispose();
            workbook.close();
        }
    }

    private static final class LevelOneWorkbook extends SXSSFWorkbook {
        LevelOneWorkbook() {
            super(new XSSFWorkbook(), 100, false, false);
        }

        @Override
        protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
            ZipArchiveOutputStream zip = super.createArchiveOutputStream(out);
            zip.setLevel(Deflater.BEST_SPEED);
            return zip;
        }
    }

    // --- the data: one row of an audit export, made the same way for both writers ---------------

    private static final String[] ORGS = new String[1_000];
    private static final String[] PLANS = {"free", "team", "business", "enterprise"};
    private static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");

    static {
        for (int i = 0; i < ORGS.length; i++) {
            ORGS[i] = "Organisation " + i + " GmbH";
        }
    }

    private static Object[] values(int i) {
        Instant created = BASE.plusSeconds(i * 7L);
        return new Object[] {
                new UUID(0x5eedL, i),
                ORGS[i % ORGS.length],
                "user" + (i % 50_000) + "@example.com",
                PLANS[i % PLANS.length],
                i % 10 == 0 ? "=review run " + i : (i % 7 == 0 ? null : "scored by rubric v" + (i % 13)),
                i % 250,
                (long) i * 1_337L,
                BigDecimal.valueOf(i % 100_000, 4),
                (i % 5_000) / 3.0,
                i % 3 != 0,
                i % 11 == 0,
                created.atOffset(ZoneOffset.ofHours(i % 2 == 0 ? 0 : 2)),
                created.plusMillis(1_500),
                LocalDate.ofEpochDay(19_700 + i % 400),
                (i % 1_000) / 1_000.0};
    }

    // --- measuring ------------------------------------------------------------------------------

    @FunctionalInterface
    private interface WriteRows {
        void write(Path file, int rows) throws Exception;
    }

    private record Writer(String name, WriteRows write) {
    }

    private record Result(double seconds, double cpuSeconds, long peakHeapAfterGc, long fileBytes) {
    }

    private static Result median(List<Result> results) {
        List<Result> sorted = new ArrayList<>(results);
        sorted.sort((a, b) -> Double.compare(a.seconds, b.seconds));
        return sorted.get(sorted.size() / 2);
    }

    private static double medianCpu(List<Result> results) {
        double[] cpu = results.stream().mapToDouble(Result::cpuSeconds).sorted().toArray();
        return cpu[cpu.length / 2];
    }

    private static String rounds(List<Result> results) {
        return String.join(" ", results.stream().map(r -> String.format(Locale.ROOT, "%.1f", r.seconds)).toList());
    }

    /** The largest heap in use right after a GC while it is open: what the writer really keeps. */
    private static final class HeapWatch implements AutoCloseable {
        private final AtomicLong peak = new AtomicLong();
        private final List<NotificationEmitter> emitters = new ArrayList<>();
        private final NotificationListener listener = (notification, handback) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                    .filter(entry -> isHeap(entry.getKey()))
                    .mapToLong(entry -> entry.getValue().getUsed()).sum();
            peak.accumulateAndGet(used, Math::max);
        };

        HeapWatch() {
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) {
                    emitter.addNotificationListener(listener, null, null);
                    emitters.add(emitter);
                }
            }
        }

        private static boolean isHeap(String pool) {
            return ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(bean -> bean.getName().equals(pool))
                    .map(MemoryPoolMXBean::getType)
                    .anyMatch(MemoryType.HEAP::equals);
        }

        long peakAfterGc() {
            MemoryUsage now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            return peak.get() == 0 ? now.getUsed() : peak.get();
        }

        @Override
        public void close() throws Exception {
            for (NotificationEmitter emitter : emitters) {
                emitter.removeNotificationListener(listener);
            }
        }
    }
}

package com.promptforge.batch.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.report.LocalReportStore;
import com.promptforge.batch.report.ReportLifecycle;
import com.promptforge.batch.spreadsheet.SameWorkbook;
import com.promptforge.batch.spreadsheet.SpreadsheetWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit workbook as the export writes it (fastexcel, {@link SpreadsheetWriter#createWithoutCharts}) against the
 * same rows written by POI ({@link SpreadsheetWriter#create}), read back with POI: the same sheets in the same order,
 * cell for cell, with the same looks, widths, panes, filters and print setup; the rollover too (a small limit).
 */
class AuditWorkbookEnginesTest {

    private static final String FORMULA_NAME = "=HYPERLINK(\"http://evil.example\",\"Acme\")";
    private static final int MAX_ROWS = 6;
    private static final Instant GENERATED_AT = Instant.parse("2026-12-01T02:00:00.123Z");

    @TempDir
    Path dir;

    /** Runs first, then bundles (each with its anomalies), as {@link AuditExport} writes them. */
    static void rows(AuditWorkbook workbook) {
        OffsetDateTime start = OffsetDateTime.of(2026, 11, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        for (int i = 0; i < 15; i++) {
            boolean scored = i % 4 != 3;
            workbook.run(new ScoredRun(id(1, i), id(2, i % 2), i % 2 == 0 ? "acme" : "globex",
                    i % 2 == 0 ? FORMULA_NAME : "Globex", start.plusHours(i).plusNanos(999_000_000L), id(3, i),
                    i % 3 == 0 ? null : "user" + i + "@example.test", "module-" + i, "-sales", "completed",
                    scored ? 70 + i : null, scored ? 80 : null, scored ? 10 : null, scored ? 90 : null,
                    scored ? 85 : null, scored ? 77.5 + i : null, scored && 77.5 + i >= 80));
        }
        for (int i = 0; i < 9; i++) {
            workbook.bundle(new AuditedBundle(id(4, i), id(1, i), id(2, i % 2), "acme", FORMULA_NAME,
                    start.plusDays(i), "pdf,md", i == 2 ? "md5:nope" : "sha256:" + "a".repeat(64),
                    i == 5 ? "+1 licence" : "CC-BY-4.0", id(3, i), i == 4 ? null : "maker@example.test",
                    id(2, (i + 1) % 3 == 0 ? 1 : i % 2), i % 4 == 3 ? null : 60.0 + 5 * i, i != 2));
        }
    }

    private static String id(int kind, int n) {
        return new UUID(kind, n).toString();
    }

    private Path write(String name, Function<Path, SpreadsheetWriter> open) throws IOException {
        Path reports = dir.resolve(name);
        AuditWorkbook workbook = AuditWorkbook.create(new ReportLifecycle(new LocalReportStore(reports)),
                AuditWorkbook.FAMILY.named(name), ExportThreshold.OVERALL, open);
        try (workbook) {
            rows(workbook);
            workbook.commit(manifest -> manifest.about("Both engines.").generatedAt(GENERATED_AT)
                    .database("db.example:5432", "postgres").job(AuditExportJobConfiguration.JOB_NAME, 7)
                    .outcome("complete").parameter("org", "all")
                    .count(AuditExportTasklet.ROWS_IN + AuditWorkbook.RUNS, workbook.runRows())
                    .count(AuditExportTasklet.ROWS_IN + AuditWorkbook.BUNDLES, workbook.bundleRows())
                    .count(AuditExportTasklet.ROWS_IN + AuditWorkbook.ANOMALIES, workbook.anomalyRows()));
        }
        try (Stream<Path> files = Files.walk(reports)) {
            return files.filter(f -> f.toString().endsWith(".xlsx")).findFirst().orElseThrow();
        }
    }

    @Test
    void theAuditWorkbookFastexcelWritesReadsAsThePoiWrittenOneCellForCell() throws IOException {
        Path poi = write("poi", file -> SpreadsheetWriter.create(file, MAX_ROWS, AuditWorkbook.REPORT_NAME));
        Path fastexcel = write("fastexcel",
                file -> SpreadsheetWriter.createWithoutCharts(file, MAX_ROWS, AuditWorkbook.REPORT_NAME));

        SameWorkbook.assertSame(fastexcel, poi, true);
        try (InputStream in = Files.newInputStream(fastexcel); XSSFWorkbook book = new XSSFWorkbook(in)) {
            assertThat(book.getSheetAt(1).getSheetName()).isEqualTo(AuditWorkbook.RUNS);
            assertThat(book.getSheetAt(2).getSheetName()).as("rolled over after " + MAX_ROWS + " rows")
                    .isEqualTo(AuditWorkbook.RUNS + " (2)");
            // Manifest, 15 runs in 3 parts, 9 bundles in 2, 8 anomalies in 2.
            assertThat(book.getNumberOfSheets()).isEqualTo(1 + 3 + 2 + 2);
        }
    }

    @Test
    void aFormulaLookingOrgNameStaysTextWithTheQuotePrefixInTheFastexcelWorkbook() throws IOException {
        Path fastexcel = write("fastexcel",
                file -> SpreadsheetWriter.createWithoutCharts(file, MAX_ROWS, AuditWorkbook.REPORT_NAME));

        try (InputStream in = Files.newInputStream(fastexcel); XSSFWorkbook book = new XSSFWorkbook(in)) {
            XSSFCell orgName = book.getSheet(AuditWorkbook.RUNS).getRow(1).getCell(3);
            assertThat(orgName.getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.STRING);
            assertThat(orgName.getStringCellValue()).isEqualTo(FORMULA_NAME);
            assertThat(orgName.getCellStyle().getQuotePrefixed()).as("quote prefix: an edit keeps it text").isTrue();
            XSSFCell plain = book.getSheet(AuditWorkbook.RUNS).getRow(2).getCell(3);
            assertThat(plain.getStringCellValue()).isEqualTo("Globex");
            assertThat(plain.getCellStyle().getQuotePrefixed()).isFalse();
        }
    }
}

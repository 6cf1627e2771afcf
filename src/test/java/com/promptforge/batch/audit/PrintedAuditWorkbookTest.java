package com.promptforge.batch.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.report.LocalReportStore;
import com.promptforge.batch.report.ReportLifecycle;
import com.promptforge.batch.spreadsheet.LibreOffice;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.stream.Stream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit workbook as the export writes it (fastexcel) opened in LibreOffice Calc (headless) and printed to PDF:
 * the conversion succeeds and each sheet, at most 40 rows, prints on one page. With {@code -Dpf.pictures.dir=DIR} it
 * leaves the workbook there.
 */
class PrintedAuditWorkbookTest {

    @TempDir
    Path dir;

    @Test
    void theAuditWorkbookPrintsEachSheetOnOnePage() throws IOException {
        LibreOffice libreOffice = LibreOffice.require();
        Path reports = dir.resolve("reports");
        AuditWorkbook workbook = AuditWorkbook.create(new ReportLifecycle(new LocalReportStore(reports)),
                AuditWorkbook.FAMILY.named("printed"), 1_000, ExportThreshold.OVERALL);
        try (workbook) {
            AuditWorkbookEnginesTest.rows(workbook);
            workbook.commit(manifest -> manifest.about("Printed.").generatedAt(Instant.parse("2026-12-01T02:00:00Z"))
                    .database("db.example:5432", "postgres").job(AuditExportJobConfiguration.JOB_NAME, 7)
                    .outcome("complete").parameter("org", "all")
                    .count(AuditExportTasklet.ROWS_IN + AuditWorkbook.RUNS, workbook.runRows()));
        }
        Path file;
        try (Stream<Path> files = Files.walk(reports)) {
            file = files.filter(f -> f.toString().endsWith(".xlsx")).findFirst().orElseThrow();
        }
        int sheets;
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook book = new XSSFWorkbook(in)) {
            sheets = book.getNumberOfSheets();
        }

        Path pdf = libreOffice.toPdf(file, dir.resolve("pdf"));

        assertThat(sheets).isEqualTo(4);
        assertThat(LibreOffice.pages(pdf)).as("pages, one per sheet").isEqualTo(sheets);
        String pictures = System.getProperty("pf.pictures.dir");
        if (pictures != null && !pictures.isBlank()) {
            Files.createDirectories(Path.of(pictures));
            Files.copy(file, Path.of(pictures, "audit-export.xlsx"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(pdf, Path.of(pictures, "audit-export.pdf"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

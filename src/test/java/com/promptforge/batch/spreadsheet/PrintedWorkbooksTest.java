package com.promptforge.batch.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.job.CliResult;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.RealisticBilling;
import com.promptforge.batch.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of workbook opened in a real spreadsheet program (LibreOffice Calc, headless) and printed to PDF:
 * the conversion succeeds and every sheet of up to 40 rows fits on one page, however many columns. Runs in CI
 * (.ci/run installs LibreOffice and sets CI, so it cannot be skipped there).
 *
 * <p>With {@code -Dpf.pictures.dir=DIR} it also leaves the workbooks there for docs/pictures/make-pictures.sh.
 */
@PromptForgeDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrintedWorkbooksTest {

    private TestDatabase db;
    private LibreOffice libreOffice;

    @TempDir
    Path dir;

    @BeforeAll
    void start(TestDatabase db) {
        this.db = db;
        this.libreOffice = LibreOffice.require();
        RealisticBilling.seed(db.jdbc());
    }

    @Test
    void aSheetOfThirteenColumnsAndFortyRowsPrintsOnOnePage() {
        Path workbook = dir.resolve("thirteen-columns.xlsx");
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(workbook, "Thirteen columns")) {
            SpreadsheetWriter.Sheet sheet = writer.sheet("Changes", List.of(
                    Column.text("Org", 38), Column.text("User", 38), Column.text("Flag", 18),
                    Column.text("Source", 9), Column.text("Source ref", 22), Column.text("Change", 9),
                    Column.bool("Old value", 10), Column.bool("New value", 10),
                    Column.timestamp("Old valid from (UTC)", 20), Column.timestamp("Old valid until (UTC)", 20),
                    Column.timestamp("New valid from (UTC)", 20), Column.timestamp("New valid until (UTC)", 20),
                    Column.timestamp("Changed at (UTC)", 20)));
            OffsetDateTime at = OffsetDateTime.of(2026, 12, 2, 2, 0, 0, 0, ZoneOffset.UTC);
            for (int i = 0; i < 40; i++) {
                sheet.row(UUID.randomUUID(), UUID.randomUUID(), "hasTeamWorkspace", "license", "sso-seat-2026-" + i,
                        "updated", false, true, at.minusDays(30), at, at, at.plusYears(1), at);
            }
            writer.finish();
        }

        assertThat(LibreOffice.pages(libreOffice.toPdf(workbook, dir.resolve("pdf")))).isEqualTo(1);
    }

    @Test
    void theEntitlementSyncWorkbookPrintsEachSheetOnOnePage() throws IOException {
        Path workbook = run("entitlements", "run", "entitlement-sync");

        assertEachSheetOnOnePage(workbook);
        keepForPictures(workbook, "entitlement-sync.xlsx");
    }

    @Test
    void theDataValidationWorkbookPrintsEachSheetOnOnePage() throws IOException {
        Path workbook = run("validation", "validate");

        assertEachSheetOnOnePage(workbook);
        keepForPictures(workbook, "data-validation.xlsx");
    }

    /** Runs a command, returns the workbook it wrote to {@code <reports>/<folder>}. */
    private Path run(String folder, String... command) throws IOException {
        Path reports = dir.resolve("reports");
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.reports-dir", reports.toString());
        CliResult result = CliResult.run(properties, command);
        assertThat(result.exit()).as(result.toString()).isZero();
        try (Stream<Path> files = Files.list(reports.resolve(folder))) {
            return files.filter(file -> file.toString().endsWith(".xlsx")).findFirst().orElseThrow();
        }
    }

    private void assertEachSheetOnOnePage(Path workbook) throws IOException {
        int sheets;
        try (InputStream in = Files.newInputStream(workbook); XSSFWorkbook book = new XSSFWorkbook(in)) {
            sheets = book.getNumberOfSheets();
            for (int i = 0; i < sheets; i++) {
                assertThat(book.getSheetAt(i).getLastRowNum()).as(book.getSheetName(i) + " rows").isLessThanOrEqualTo(45);
            }
        }
        Path pdf = libreOffice.toPdf(workbook, dir.resolve("pdf"));
        assertThat(LibreOffice.pages(pdf)).as("pages of " + workbook.getFileName() + ", one per sheet").isEqualTo(sheets);
    }

    private static void keepForPictures(Path workbook, String name) throws IOException {
        String pictures = System.getProperty("pf.pictures.dir");
        if (pictures != null && !pictures.isBlank()) {
            Files.createDirectories(Path.of(pictures));
            Files.copy(workbook, Path.of(pictures, name), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

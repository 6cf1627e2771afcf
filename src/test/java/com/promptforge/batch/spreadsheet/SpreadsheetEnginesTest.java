package com.promptforge.batch.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import com.promptforge.batch.report.LeftoverTempFiles;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fastexcel engine ({@link SpreadsheetWriter#createWithoutCharts}) against POI's ({@link SpreadsheetWriter#create}):
 * the same calls give the same workbook, cell for cell, whatever order the sheets get their rows in.
 */
class SpreadsheetEnginesTest {

    private static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"Acme\")";
    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 11, 30, 23, 59, 59, 999_000_000, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static final List<Column> EVERY_KIND = List.of(
            Column.text("Name", 20), Column.integer("Runs"), Column.decimal("Overall", 9), Column.bool("Ready"),
            Column.timestamp("Created at (UTC)", 20), Column.date("Day"), Column.percent("Share"),
            Column.integer("Old valid until (UTC) count", 8), Column.text("=SUM(A1)", 12));

    private Path write(boolean fastexcel, int maxRows, Consumer<SpreadsheetWriter> rows) {
        Path file = dir.resolve((fastexcel ? "fastexcel" : "poi") + ".xlsx");
        try (SpreadsheetWriter writer = fastexcel ? SpreadsheetWriter.createWithoutCharts(file, maxRows, "Engines & co")
                : SpreadsheetWriter.create(file, maxRows, "Engines & co")) {
            rows.accept(writer);
            writer.finish();
        }
        return file;
    }

    private void assertSameFromBothEngines(int maxRows, boolean widths, Consumer<SpreadsheetWriter> rows)
            throws IOException {
        Path poi = write(false, maxRows, rows);
        Path fastexcel = write(true, maxRows, rows);
        SameWorkbook.assertSame(fastexcel, poi, widths);
    }

    private static void summary(SpreadsheetWriter writer) {
        writer.summary("Summary").about("Both engines, one workbook.").generatedAt(Instant.parse("2026-12-01T02:03:04.567Z"))
                .database("db.example:5432", "postgres").job("engines", 42).outcome("=complete")
                .parameters(Map.of("limit", 7)).count("Rows", 1_234_567).percentage("Share", 0.125)
                .figure("Long", "word ".repeat(60))
                .leading("Needs attention", List.of(new SummarySheet.LeadingLine("Row 3", "look at it", "Every kind", 2),
                        SummarySheet.LeadingLine.unlinked("+plain", "not linked")), "nothing");
    }

    private static void everyKindRow(SpreadsheetWriter.Sheet sheet, int i) {
        sheet.row(i % 3 == 0 ? FORMULA : "name " + "x".repeat(i), i % 4 == 0 ? null : i * 1_000L,
                new BigDecimal("85.25").add(BigDecimal.valueOf(i)), i % 2 == 0, AT.minusDays(i), LocalDate.of(2026, 11, 1 + i),
                i / 100.0, -i, i % 5 == 0 ? "-1" : "@x");
    }

    @Test
    void writesTheSameWorkbookAsPoiSheetAfterSheetWithSummaryRolloverAndPrintSettings() throws IOException {
        assertSameFromBothEngines(7, true, writer -> {
            summary(writer);
            SpreadsheetWriter.Sheet kinds = writer.sheet("Every kind", "one column of each kind", EVERY_KIND);
            SpreadsheetWriter.Sheet empty = writer.sheet("Empty", List.of(Column.text("Nothing")));
            SpreadsheetWriter.Sheet printed = writer.sheet("Printed", "the first columns and rows print", EVERY_KIND)
                    .printColumns(3).printRows(5).printPagesTall(2);
            for (int i = 0; i < 17; i++) {
                everyKindRow(kinds, i);
            }
            kinds.end();
            empty.end();
            for (int i = 0; i < 9; i++) {
                everyKindRow(printed, i);
            }
        });
    }

    @Test
    void writesTheSameWorkbookAsPoiWhenSheetsGetTheirRowsInterleaved() throws IOException {
        // Without end(): the later sheets' rows wait in temp files until the earlier ones are complete.
        assertSameFromBothEngines(5, true, writer -> {
            summary(writer);
            SpreadsheetWriter.Sheet first = writer.sheet("First", EVERY_KIND);
            SpreadsheetWriter.Sheet second = writer.sheet("Second", EVERY_KIND);
            SpreadsheetWriter.Sheet third = writer.sheet("Third", List.of(Column.text("Only"), Column.integer("N")));
            for (int i = 0; i < 23; i++) {
                everyKindRow(second, i);
                if (i % 2 == 0) {
                    everyKindRow(first, i);
                }
                third.row("row " + i, i);
            }
        });
    }

    @Test
    void spillsRowsPastTheInMemoryLimitToATempFileAndBack() throws IOException {
        String big = "y".repeat(30_000);
        assertSameFromBothEngines(SpreadsheetWriter.MAX_DATA_ROWS_PER_SHEET, true, writer -> {
            SpreadsheetWriter.Sheet first = writer.sheet("First", List.of(Column.text("Text"), Column.integer("N")));
            SpreadsheetWriter.Sheet waiting = writer.sheet("Waiting", List.of(Column.text("Text"), Column.integer("N")));
            first.row("one", 1);
            for (int i = 0; i < SpilledRowsSize.ROWS_PAST_MEMORY; i++) {
                waiting.row(i == 7 ? big + "\u00e9" : "row " + i, i);
            }
        });
    }

    @Test
    void fitsWidthsToTheFirstRowsOfALongSheetWhereTheSampleEnds() throws IOException {
        Consumer<SpreadsheetWriter> rows = writer -> {
            SpreadsheetWriter.Sheet sheet = writer.sheet("Long", List.of(Column.text("Text", 40)));
            for (int i = 0; i < FastexcelWorkbook.SAMPLE_ROWS + 10; i++) {
                sheet.row(i == FastexcelWorkbook.SAMPLE_ROWS + 5 ? "a value longer than every one before it" : "short");
            }
        };
        Path poi = write(false, SpreadsheetWriter.MAX_DATA_ROWS_PER_SHEET, rows);
        Path fastexcel = write(true, SpreadsheetWriter.MAX_DATA_ROWS_PER_SHEET, rows);

        SameWorkbook.assertSame(fastexcel, poi, false);
        assertThat(width(poi)).isEqualTo(40 * 256);
        // The header's width (bold "Text" and the filter button: 8 characters) is wider than "short".
        assertThat(width(fastexcel)).as("fitted to the sample").isEqualTo(8 * 256);
    }

    private static int width(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook book = new XSSFWorkbook(in)) {
            return book.getSheetAt(0).getColumnWidth(0);
        }
    }

    @Test
    void keepsTheLeadingAndTrailingSpacesOfText() throws IOException {
        List<String> padded = List.of("  two leading", "one trailing ", " both ", "none");
        Path file = write(true, 100, writer -> {
            SpreadsheetWriter.Sheet sheet = writer.sheet("Padded", List.of(Column.text("Text", 20)));
            padded.forEach(sheet::row);
        });

        String xml;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            xml = new String(zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
        }
        for (String text : padded.subList(0, 3)) {
            assertThat(xml).as("the sheet's XML").contains("<t xml:space=\"preserve\">" + text + "</t>");
        }
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook book = new XSSFWorkbook(in)) {
            for (int i = 0; i < padded.size(); i++) {
                assertThat(book.getSheet("Padded").getRow(i + 1).getCell(0).getStringCellValue()).isEqualTo(padded.get(i));
            }
        }
    }

    @Test
    void refusesChartsInAWorkbookWithoutCharts() {
        try (SpreadsheetWriter writer = SpreadsheetWriter.createWithoutCharts(dir.resolve("c.xlsx"), 10, "Charts")) {
            SpreadsheetWriter.Sheet sheet = writer.sheet("Data", List.of(Column.text("Day"), Column.integer("Runs")));
            sheet.row("Mon", 1);
            sheet.row("Tue", 2);
            assertThatThrownBy(() -> sheet.chart(new Chart(Chart.Type.BAR, "Runs", "Runs", 0, 1, 1, 2, 3, 0, 5, 10)))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("without charts");
        }
    }

    @Test
    void refusesASummaryAddedAfterTheFirstRowStreamed() {
        try (SpreadsheetWriter writer = SpreadsheetWriter.createWithoutCharts(dir.resolve("s.xlsx"), 10, "Late")) {
            writer.sheet("Data", List.of(Column.text("Day"))).row("Mon");
            assertThatThrownBy(() -> writer.summary("Summary")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("before its first row");
        }
    }

    @Test
    void refusesRowsAfterASheetWasEnded() {
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(dir.resolve("e.xlsx"), 10)) {
            SpreadsheetWriter.Sheet sheet = writer.sheet("Data", List.of(Column.text("Day")));
            sheet.end();
            assertThatThrownBy(() -> sheet.row("Mon")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("'Data' was ended");
        }
    }

    @Test
    void leavesNoTempFileAfterFinishOrClose() throws IOException {
        try (SpreadsheetWriter writer = SpreadsheetWriter.createWithoutCharts(dir.resolve("t.xlsx"), 10, "Temp")) {
            SpreadsheetWriter.Sheet first = writer.sheet("First", List.of(Column.text("Text")));
            SpreadsheetWriter.Sheet waiting = writer.sheet("Waiting", List.of(Column.text("Text")));
            first.row("x");
            for (int i = 0; i < SpilledRowsSize.ROWS_PAST_MEMORY; i++) {
                waiting.row("row " + i);
            }
            assertThat(scratchFiles()).isNotEmpty();
        }
        assertThat(scratchFiles()).isEmpty();
    }

    private static List<Path> scratchFiles() throws IOException {
        Path folder = LeftoverTempFiles.scratchFolderOfThisProcess();
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith("fastexcel-")
                    || f.getFileName().toString().startsWith("spilled-rows-")).toList();
        }
    }

    /** Rows of a short text (and a number) that pass {@link SpilledRows#IN_MEMORY_BYTES}: ~26 bytes each. */
    private static final class SpilledRowsSize {
        static final int ROWS_PAST_MEMORY = SpilledRows.IN_MEMORY_BYTES / 10;
    }
}

package com.promptforge.batch.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.promptforge.batch.report.LeftoverTempFiles;

class SpreadsheetWriterTest {

    @TempDir
    Path dir;

    // --- layout ---------------------------------------------------------------------------------

    @Test
    void writesTheHeaderRowInBold() throws IOException {
        try (XSSFWorkbook book = writeOne(List.of(Column.text("Org", 20), Column.integer("Seats", 8)),
                sheet -> sheet.row("acme", 3))) {
            Row header = book.getSheetAt(0).getRow(0);
            assertThat(header.getCell(0).getStringCellValue()).isEqualTo("Org");
            assertThat(header.getCell(1).getStringCellValue()).isEqualTo("Seats");
            assertThat(book.getFontAt(header.getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
            assertThat(book.getFontAt(header.getCell(1).getCellStyle().getFontIndex()).getBold()).isTrue();
        }
    }

    @Test
    void freezesThePaneUnderTheHeader() throws IOException {
        try (XSSFWorkbook book = writeOne(List.of(Column.text("Org", 20)), sheet -> sheet.row("acme"))) {
            PaneInformation pane = book.getSheetAt(0).getPaneInformation();
            assertThat(pane.isFreezePane()).isTrue();
            assertThat(pane.getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(pane.getVerticalSplitPosition()).isEqualTo((short) 0);
        }
    }

    @Test
    void setsTheAutofilterOverTheHeaderAndTheRowsWritten() throws IOException {
        List<Column> columns = List.of(Column.text("Org", 20), Column.integer("Seats", 8), Column.bool("Active", 6));
        try (XSSFWorkbook book = writeOne(columns, sheet -> {
            sheet.row("acme", 3, true);
            sheet.row("globex", 5, false);
        })) {
            assertThat(book.getSheetAt(0).getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:C3");
        }
    }

    @Test
    void setsTheAutofilterOnTheHeaderAloneWhenThereAreNoRows() throws IOException {
        try (XSSFWorkbook book = writeOne(List.of(Column.text("Org", 20), Column.integer("Seats", 8)), sheet -> {
        })) {
            assertThat(book.getSheetAt(0).getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:B1");
            assertThat(book.getSheetAt(0).getLastRowNum()).isZero();
        }
    }

    @Test
    void fitsAColumnToItsWidestValue() throws IOException {
        try (XSSFWorkbook book = writeOne(List.of(Column.text("Org", 40)),
                sheet -> {
                    sheet.row("acme");
                    sheet.row("a much longer organization name");
                })) {
            assertThat(book.getSheetAt(0).getColumnWidth(0)).isEqualTo(("a much longer organization name".length() + 1) * 256);
        }
    }

    @Test
    void neverMakesATextColumnNarrowerThanItsHeader() throws IOException {
        try (XSSFWorkbook book = writeOne(List.of(Column.text("Organization name", 4)), sheet -> sheet.row("x"))) {
            assertThat(book.getSheetAt(0).getColumnWidth(0) / 256).isGreaterThanOrEqualTo("Organization name".length() + 3);
            assertThat(book.getSheetAt(0).getRow(0).getHeightInPoints())
                    .isEqualTo(book.getSheetAt(0).getDefaultRowHeightInPoints());
        }
    }

    @Test
    void wrapsTheLongHeaderOfANarrowNumberColumnOntoTwoLines() throws IOException {
        try (XSSFWorkbook book = writeOne(List.of(Column.integer("Seats in use today", 4)), sheet -> sheet.row(3))) {
            XSSFSheet sheet = book.getSheetAt(0);
            assertThat(sheet.getColumnWidth(0) / 256).isLessThan("Seats in use today".length())
                    .isGreaterThanOrEqualTo("Seats in use today".length() / 2 + 1);
            assertThat(sheet.getRow(0).getHeightInPoints()).isEqualTo(2 * sheet.getDefaultRowHeightInPoints());
            assertThat(sheet.getRow(0).getCell(0).getCellStyle().getWrapText()).isTrue();
        }
    }

    @Test
    void capsAColumnAtItsWidthHoweverLongTheValue() throws IOException {
        try (XSSFWorkbook book = writeOne(List.of(Column.text("Reason", 20)), sheet -> sheet.row("x".repeat(500)))) {
            assertThat(book.getSheetAt(0).getColumnWidth(0)).isEqualTo(20 * 256);
        }
    }

    @Test
    void measuresNumbersDatesAndBooleansAsTheirFormatShowsThem() throws IOException {
        try (XSSFWorkbook book = writeOne(List.of(Column.integer("N"), Column.timestamp("At"), Column.bool("B")),
                sheet -> sheet.row(123_456_789_012L, Instant.parse("2026-01-02T03:04:05Z"), false))) {
            XSSFSheet sheet = book.getSheetAt(0);
            assertThat(sheet.getColumnWidth(0) / 256).isEqualTo(12 + 1);
            assertThat(sheet.getColumnWidth(1) / 256).isEqualTo("2026-01-02 03:04:05.000".length() + 1);
            assertThat(sheet.getColumnWidth(2) / 256).isEqualTo("FALSE".length() + 1);
        }
    }

    // --- print layout ---------------------------------------------------------------------------

    @Test
    void printsEverySheetOnePageWideWithItsHeaderRepeatedAndAFooter() throws IOException {
        Path target = dir.resolve("printed.xlsx");
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(target, "Usage & billing")) {
            writer.sheet("Narrow", List.of(Column.text("Org"))).row("acme");
            SpreadsheetWriter.Sheet wide = writer.sheet("Wide", List.of(Column.text("A"), Column.text("B"),
                    Column.text("C")));
            wide.row("a".repeat(40), "b".repeat(40), "c".repeat(40));
            writer.summary("Summary").about("A test workbook.");
            writer.finish();
        }
        try (XSSFWorkbook book = read(target)) {
            PrintableWorkbookAssertions.assertEverySheetPrints(book, "Usage & billing");
        }
    }

    @Test
    void printsANarrowSheetPortraitAndAWideOneLandscape() throws IOException {
        Path target = dir.resolve("orientation.xlsx");
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(target)) {
            writer.sheet("Narrow", List.of(Column.text("Org"), Column.integer("Seats"))).row("acme", 3);
            writer.sheet("Wide", List.of(Column.text("A"), Column.text("B"))).row("a".repeat(49), "b".repeat(49));
            writer.finish();
        }
        try (XSSFWorkbook book = read(target)) {
            assertThat(book.getSheet("Narrow").getPrintSetup().getLandscape()).isFalse();
            assertThat(book.getSheet("Wide").getPrintSetup().getLandscape()).isTrue();
        }
    }

    @Test
    void namesTheReportInTheFooterAfterTheFileWhenNotNamed() throws IOException {
        try (XSSFWorkbook book = writeOne(List.of(Column.text("Org")), sheet -> sheet.row("acme"))) {
            assertThat(book.getSheetAt(0).getFooter().getLeft()).isEqualTo("one");
            assertThat(book.getSheetAt(0).getFooter().getCenter()).isEqualTo("Data");
        }
    }

    @Test
    void opensOnTheFirstSheet() throws IOException {
        Path target = dir.resolve("first.xlsx");
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(target)) {
            writer.sheet("One", List.of(Column.text("A"))).row("a");
            writer.sheet("Two", List.of(Column.text("A"))).row("a");
            writer.finish();
        }
        try (XSSFWorkbook book = read(target)) {
            assertThat(book.getActiveSheetIndex()).isZero();
            assertThat(book.getSheetAt(0).isSelected()).isTrue();
            assertThat(book.getSheetAt(1).isSelected()).isFalse();
        }
    }

    // --- summary sheet --------------------------------------------------------------------------

    @Test
    void placesTheSummaryFirstWithLabelValueRowsAndALinkToEverySheet() throws IOException {
        Path target = dir.resolve("summary.xlsx");
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(target, 2, "Usage report")) {
            SpreadsheetWriter.Sheet orgs = writer.sheet("Orgs", "Seats per organization", List.of(Column.text("Org")));
            for (int i = 0; i < 3; i++) {
                orgs.row("org " + i);
            }
            writer.sheet("Plans", List.of(Column.text("Plan"))).describe("The plans").row("pro");
            writer.summary("Summary")
                    .about("Seats per organization.")
                    .generatedAt(Instant.parse("2026-12-02T13:45:12Z"))
                    .database("db.example.com:5432", "postgres")
                    .job("usage-report", 42)
                    .parameters(new java.util.LinkedHashMap<>(java.util.Map.of("month", "2026-11")))
                    .outcome("COMPLETED")
                    .count("Runs", 1_234_567)
                    .percentage("Success rate", 0.125)
                    .duration("Took", java.time.Duration.ofSeconds(72));
            writer.finish();
        }
        try (XSSFWorkbook book = read(target)) {
            assertThat(sheetNames(book)).containsExactly("Summary", "Orgs", "Orgs (2)", "Plans");
            assertThat(book.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("Usage report");
            assertThat(PrintableWorkbookAssertions.summary(book)).containsExactly(
                    java.util.Map.entry(SummarySheet.ABOUT, "Seats per organization."),
                    java.util.Map.entry(SummarySheet.GENERATED_AT, "2026-12-02 13:45:12"),
                    java.util.Map.entry(SummarySheet.DATABASE, "postgres on db.example.com:5432"),
                    java.util.Map.entry(SummarySheet.JOB, "usage-report"),
                    java.util.Map.entry(SummarySheet.EXECUTION, "42"),
                    java.util.Map.entry(SummarySheet.OUTCOME, "COMPLETED"),
                    java.util.Map.entry("month", "2026-11"),
                    java.util.Map.entry("Runs", "1,234,567"),
                    java.util.Map.entry("Success rate", "12.5%"),
                    java.util.Map.entry("Took", "1 min 12 s"),
                    java.util.Map.entry("Orgs", "Seats per organization"),
                    java.util.Map.entry("Orgs (2)", "continues Orgs (a sheet holds at most 2 rows): Seats per organization"),
                    java.util.Map.entry("Plans", "The plans"));
            PrintableWorkbookAssertions.assertSummaryDescribesTheRun(book, "Usage report", "usage-report", 42,
                    "postgres", java.util.Map.of("month", "2026-11"));
            PrintableWorkbookAssertions.assertEverySheetPrints(book, "Usage report");
        }
    }

    @Test
    void keepsAHeadlineCountANumberInItsCell() throws IOException {
        Path target = dir.resolve("count.xlsx");
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(target)) {
            writer.summary("Summary").count("Rows", 1_000_000);
            writer.finish();
        }
        try (XSSFWorkbook book = read(target)) {
            XSSFCell value = book.getSheetAt(0).getRow(3).getCell(1);
            assertThat(value.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(value.getNumericCellValue()).isEqualTo(1_000_000);
        }
    }

    @Test
    void drawsAChartOfHeadlineFiguresBelowTheSummaryRowsOverTheirCells() throws IOException {
        Path target = dir.resolve("chart.xlsx");
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(target)) {
            writer.summary("Summary").count("Runs on Mon", 3).count("Runs on Tue", 5).count("Runs on Wed", 2)
                    .chart(Chart.Type.LINE, "Runs per day", "Runs", List.of("Runs on Mon", "Runs on Tue", "Runs on Wed"));
            writer.finish();
        }
        try (XSSFWorkbook book = read(target)) {
            XSSFSheet summary = book.getSheetAt(0);
            var charts = summary.getDrawingPatriarch().getCharts();
            assertThat(charts).hasSize(1);
            assertThat(charts.get(0).getTitleText().getString()).isEqualTo("Runs per day");
            var series = charts.get(0).getCTChart().getPlotArea().getLineChartArray(0).getSerArray(0);
            String values = series.getVal().getNumRef().getF();
            assertThat(values).isEqualTo("Summary!$B$4:$B$6");
            for (int row = 3; row <= 5; row++) {
                assertThat(summary.getRow(row).getCell(0).getStringCellValue()).startsWith("Runs on");
            }
            var anchor = (org.apache.poi.xssf.usermodel.XSSFClientAnchor) summary.getDrawingPatriarch().getShapes().get(0).getAnchor();
            assertThat(anchor.getRow1()).as("chart below the last row").isGreaterThan(summary.getLastRowNum());
        }
    }

    @Test
    void refusesAChartOverFiguresThatAreNotConsecutiveLines() {
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(dir.resolve("gap.xlsx"))) {
            writer.summary("Summary").count("A", 1).count("B", 2).count("C", 3)
                    .chart(Chart.Type.BAR, "Gap", "n", List.of("A", "C"));
            assertThatThrownBy(writer::finish).hasMessageContaining("not consecutive");
        }
    }

    @Test
    void refusesASecondSummarySheet() {
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(dir.resolve("two.xlsx"))) {
            writer.summary("Summary");
            assertThatThrownBy(() -> writer.summary("Overview")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already has its summary sheet 'Summary'");
        }
    }

    // --- cell kinds -----------------------------------------------------------------------------

    @Test
    void writesTextFromAnyObjectAsAStringCell() throws IOException {
        UUID id = UUID.fromString("0b7f5c1e-6a2d-4a53-9f3e-2b1f0c9d8e7a");
        try (XSSFWorkbook book = writeOne(List.of(Column.text("Id", 38), Column.text("Seats", 8)),
                sheet -> sheet.row(id, 42))) {
            XSSFCell uuid = cell(book, 1, 0);
            assertThat(uuid.getCellType()).isEqualTo(CellType.STRING);
            assertThat(uuid.getStringCellValue()).isEqualTo(id.toString());
            assertThat(cell(book, 1, 1).getCellType()).isEqualTo(CellType.STRING);
            assertThat(cell(book, 1, 1).getStringCellValue()).isEqualTo("42");
        }
    }

    @Test
    void writesIntegersAsNumbersWithFormatZero() throws IOException {
        try (XSSFWorkbook book = writeOne(List.of(Column.integer("Seats", 8)), sheet -> {
            sheet.row(42);
            sheet.row(999_999_999_999_999L);
            sheet.row(new BigDecimal("7.000"));
        })) {
            assertThat(cell(book, 1, 0).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(cell(book, 1, 0).getNumericCellValue()).isEqualTo(42.0);
            assertThat(cell(book, 1, 0).getCellStyle().getDataFormatString()).isEqualTo("0");
            assertThat((long) cell(book, 2, 0).getNumericCellValue()).isEqualTo(999_999_999_999_999L);
            assertThat(cell(book, 3, 0).getNumericCellValue()).isEqualTo(7.0);
        }
    }

    @Test
    void writesDecimalsAsNumbersWithFormatTwoPlaces() throws IOException {
        try (XSSFWorkbook book = writeOne(List.of(Column.decimal("Cost", 10)), sheet -> {
            sheet.row(new BigDecimal("12.345"));
            sheet.row(0.5d);
        })) {
            assertThat(cell(book, 1, 0).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(cell(book, 1, 0).getNumericCellValue()).isEqualTo(12.345);
            assertThat(cell(book, 1, 0).getCellStyle().getDataFormatString()).isEqualTo("0.00");
            assertThat(cell(book, 2, 0).getNumericCellValue()).isEqualTo(0.5);
        }
    }

    @Test
    void writesBooleansAsBooleanCells() throws IOException {
        try (XSSFWorkbook book = writeOne(List.of(Column.bool("Active", 6)), sheet -> {
            sheet.row(true);
            sheet.row(false);
        })) {
            assertThat(cell(book, 1, 0).getCellType()).isEqualTo(CellType.BOOLEAN);
            assertThat(cell(book, 1, 0).getBooleanCellValue()).isTrue();
            assertThat(cell(book, 2, 0).getBooleanCellValue()).isFalse();
        }
    }

    @Test
    void writesTimestampsAsUtcDateTimesWithSecondsFormat() throws IOException {
        LocalDateTime utc = LocalDateTime.of(2024, 3, 1, 12, 30, 15);
        try (XSSFWorkbook book = writeOne(List.of(Column.timestamp("At", 20)), sheet -> {
            sheet.row(OffsetDateTime.of(2024, 3, 1, 14, 30, 15, 0, ZoneOffset.ofHours(2)));
            sheet.row(utc.toInstant(ZoneOffset.UTC));
            sheet.row(Timestamp.from(utc.toInstant(ZoneOffset.UTC)));
            sheet.row(utc);
        })) {
            for (int row = 1; row <= 4; row++) {
                XSSFCell at = cell(book, row, 0);
                assertThat(at.getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(at.getLocalDateTimeCellValue()).as("row %d", row).isEqualTo(utc);
                assertThat(at.getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd hh:mm:ss.000");
            }
        }
    }

    @Test
    void showsATimestampsMillisecondsSoTheLastMillisecondOfAMonthStaysInThatMonth() throws IOException {
        LocalDateTime last = LocalDateTime.of(2026, 11, 30, 23, 59, 59, 999_000_000);
        try (XSSFWorkbook book = writeOne(List.of(Column.timestamp("At", 20)), sheet -> {
            sheet.row(last);
            sheet.row(last.toInstant(ZoneOffset.UTC));
        })) {
            for (int row = 1; row <= 2; row++) {
                XSSFCell at = cell(book, row, 0);
                assertThat(at.getLocalDateTimeCellValue()).as("row %d", row).isEqualTo(last);
                assertThat(new org.apache.poi.ss.usermodel.DataFormatter(java.util.Locale.ROOT).formatCellValue(at))
                        .as("row %d as shown", row).isEqualTo("2026-11-30 23:59:59.999");
            }
        }
    }

    @Test
    void floorsTheSummarysGeneratedAtToTheSecondItShows() throws IOException {
        Path target = dir.resolve("generated.xlsx");
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(target)) {
            writer.summary("Summary").generatedAt(Instant.parse("2026-11-30T23:59:59.999Z"));
            writer.finish();
        }
        try (XSSFWorkbook book = read(target)) {
            assertThat(PrintableWorkbookAssertions.summary(book).get(SummarySheet.GENERATED_AT))
                    .isEqualTo("2026-11-30 23:59:59");
        }
    }

    @Test
    void writesDatesAsExcelDatesWithDayFormat() throws IOException {
        LocalDate day = LocalDate.of(2024, 2, 29);
        try (XSSFWorkbook book = writeOne(List.of(Column.date("Day", 12)), sheet -> {
            sheet.row(day);
            sheet.row(java.sql.Date.valueOf(day));
        })) {
            for (int row = 1; row <= 2; row++) {
                XSSFCell cell = cell(book, row, 0);
                assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(cell.getLocalDateTimeCellValue()).isEqualTo(day.atStartOfDay());
                assertThat(cell.getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
            }
        }
    }

    @Test
    void writesPercentagesAsFractionsWithPercentFormat() throws IOException {
        try (XSSFWorkbook book = writeOne(List.of(Column.percent("Score", 8)), sheet -> sheet.row(0.875))) {
            assertThat(cell(book, 1, 0).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(cell(book, 1, 0).getNumericCellValue()).isEqualTo(0.875);
            assertThat(cell(book, 1, 0).getCellStyle().getDataFormatString()).isEqualTo("0.0%");
        }
    }

    @Test
    void leavesNullValuesAsEmptyCells() throws IOException {
        try (XSSFWorkbook book = writeOne(List.of(Column.text("Org", 20), Column.integer("Seats", 8),
                Column.timestamp("At", 20)), sheet -> sheet.row(null, null, null))) {
            Row row = book.getSheetAt(0).getRow(1);
            assertThat(row).isNotNull();
            for (int i = 0; i < 3; i++) {
                Cell cell = row.getCell(i);
                assertThat(cell == null || cell.getCellType() == CellType.BLANK).isTrue();
            }
        }
    }

    @Test
    void sharesOneStylePerKindAcrossAllCells() throws IOException {
        try (XSSFWorkbook book = writeOne(List.of(Column.decimal("Cost", 10), Column.text("Note", 10)), sheet -> {
            for (int i = 0; i < 500; i++) {
                sheet.row(i * 1.5, "=x" + i);
            }
        })) {
            assertThat(book.getNumCellStyles()).isLessThan(32);
            assertThat(cell(book, 1, 0).getCellStyle().getIndex()).isEqualTo(cell(book, 500, 0).getCellStyle().getIndex());
        }
    }

    // --- safe text ------------------------------------------------------------------------------

    @Test
    void quotePrefixesTextThatLooksLikeAFormula() throws IOException {
        List<String> risky = List.of("=HYPERLINK(\"http://x\",\"y\")", "+1", "-2", "@SUM(A1)", "\tcmd", "\rcmd");
        try (XSSFWorkbook book = writeOne(List.of(Column.text("Note", 30)), sheet -> {
            risky.forEach(sheet::row);
            sheet.row("plain");
        })) {
            for (int i = 0; i < risky.size(); i++) {
                XSSFCell cell = cell(book, i + 1, 0);
                assertThat(cell.getStringCellValue()).isEqualTo(risky.get(i));
                assertThat(cell.getCellStyle().getQuotePrefixed()).as("%s", risky.get(i)).isTrue();
            }
            assertThat(cell(book, risky.size() + 1, 0).getCellStyle().getQuotePrefixed()).isFalse();
        }
    }

    @Test
    void neverWritesAFormulaCell() throws IOException {
        try (XSSFWorkbook book = writeOne(List.of(Column.text("=Header", 20), Column.text("Note", 30)), sheet -> {
            sheet.row("=1+1", "=cmd|' /C calc'!A0");
            sheet.row("+SUM(A1:A2)", "@A1");
        })) {
            List<Cell> cells = new ArrayList<>();
            book.getSheetAt(0).forEach(row -> row.forEach(cells::add));
            assertThat(cells).hasSize(6).allSatisfy(cell -> assertThat(cell.getCellType()).isEqualTo(CellType.STRING));
            assertThat(cell(book, 0, 0).getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(cell(book, 1, 1).getStringCellValue()).isEqualTo("=cmd|' /C calc'!A0");
        }
    }

    @Test
    void stripsCharactersIllegalInXml() throws IOException {
        String dirty = "a\u0000b\u0001c\u000Bd\u001Fe\uFFFEf\uD800g\uDC00h";
        try (XSSFWorkbook book = writeOne(List.of(Column.text("Note", 30)), sheet -> {
            sheet.row(dirty);
            sheet.row("tab\there\nnew line \uD83D\uDE00");
        })) {
            assertThat(cell(book, 1, 0).getStringCellValue()).isEqualTo("abcdefgh");
            assertThat(cell(book, 2, 0).getStringCellValue()).isEqualTo("tab\there\nnew line \uD83D\uDE00");
        }
    }

    @Test
    void truncatesTextLongerThanACellHoldsWithAMarker() throws IOException {
        String longText = "x".repeat(40_000);
        try (XSSFWorkbook book = writeOne(List.of(Column.text("Note", 30)), sheet -> sheet.row(longText))) {
            String written = cell(book, 1, 0).getStringCellValue();
            assertThat(written).hasSize(32_767).endsWith("… [truncated]");
            assertThat(written).startsWith("x".repeat(32_767 - "… [truncated]".length()));
        }
    }

    @Test
    void truncatesWithoutSplittingASurrogatePair() throws IOException {
        int cut = 32_767 - "… [truncated]".length();
        String text = "z".repeat(cut - 1) + "\uD83D\uDE00" + "z".repeat(100);
        try (XSSFWorkbook book = writeOne(List.of(Column.text("Note", 30)), sheet -> sheet.row(text))) {
            assertThat(cell(book, 1, 0).getStringCellValue()).isEqualTo("z".repeat(cut - 1) + "… [truncated]");
        }
    }

    @Test
    void keepsTextOfExactlyTheCellLimitWhole() throws IOException {
        String full = "y".repeat(32_767);
        try (XSSFWorkbook book = writeOne(List.of(Column.text("Note", 30)), sheet -> sheet.row(full))) {
            assertThat(cell(book, 1, 0).getStringCellValue()).isEqualTo(full);
        }
    }

    @Test
    void sanitisesSheetNamesToExcelRules() throws IOException {
        Path target = dir.resolve("names.xlsx");
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(target)) {
            assertThat(writer.sheet("Q1: runs [draft] a/b\\c*?", List.of(Column.text("A", 5))).name())
                    .isEqualTo("Q1 runs draft abc");
            writer.sheet("a name that is much longer than thirty-one characters", List.of(Column.text("A", 5)));
            writer.sheet("'quoted'", List.of(Column.text("A", 5)));
            writer.sheet("[]", List.of(Column.text("A", 5)));
            writer.finish();
        }
        try (XSSFWorkbook book = read(target)) {
            assertThat(sheetNames(book)).containsExactly(
                    "Q1 runs draft abc", "a name that is much longer than", "quoted", "Sheet");
        }
    }

    @Test
    void refusesASheetNameAlreadyUsedIgnoringCase() {
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(dir.resolve("dup.xlsx"))) {
            writer.sheet("Runs", List.of(Column.text("A", 5)));
            assertThatThrownBy(() -> writer.sheet("RUNS", List.of(Column.text("A", 5))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'RUNS' is already used");
        }
    }

    // --- rollover -------------------------------------------------------------------------------

    @Test
    void rollsOverToNumberedSheetsAtTheRowLimitRepeatingTheLayout() throws IOException {
        Path target = dir.resolve("rollover.xlsx");
        long rows;
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(target, 3)) {
            SpreadsheetWriter.Sheet sheet = writer.sheet("Runs", List.of(Column.integer("N", 8), Column.text("Name", 10)));
            for (int n = 1; n <= 7; n++) {
                sheet.row(n, "run " + n);
            }
            rows = sheet.rows();
            writer.finish();
        }
        assertThat(rows).isEqualTo(7);
        try (XSSFWorkbook book = read(target)) {
            assertThat(sheetNames(book)).containsExactly("Runs", "Runs (2)", "Runs (3)");
            List<Integer> numbers = new ArrayList<>();
            for (XSSFSheet part : List.of(book.getSheetAt(0), book.getSheetAt(1), book.getSheetAt(2))) {
                assertThat(part.getRow(0).getCell(0).getStringCellValue()).isEqualTo("N");
                assertThat(part.getRow(0).getCell(1).getStringCellValue()).isEqualTo("Name");
                assertThat(part.getPaneInformation().isFreezePane()).isTrue();
                assertThat(part.getColumnWidth(1)).isEqualTo(book.getSheetAt(0).getColumnWidth(1));
                for (int r = 1; r <= part.getLastRowNum(); r++) {
                    numbers.add((int) part.getRow(r).getCell(0).getNumericCellValue());
                }
            }
            assertThat(numbers).containsExactly(1, 2, 3, 4, 5, 6, 7);
            assertThat(book.getSheetAt(0).getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:B4");
            assertThat(book.getSheetAt(1).getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:B4");
            assertThat(book.getSheetAt(2).getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:B2");
        }
    }

    @Test
    void doesNotStartAnEmptySheetWhenTheLimitIsReachedExactly() throws IOException {
        Path target = dir.resolve("exact.xlsx");
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(target, 2)) {
            SpreadsheetWriter.Sheet sheet = writer.sheet("Runs", List.of(Column.integer("N", 8)));
            sheet.row(1);
            sheet.row(2);
            writer.finish();
        }
        try (XSSFWorkbook book = read(target)) {
            assertThat(sheetNames(book)).containsExactly("Runs");
        }
    }

    @Test
    void placesARolledOverSheetRightAfterItsPreviousPart() throws IOException {
        Path target = dir.resolve("interleaved.xlsx");
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(target, 2)) {
            SpreadsheetWriter.Sheet runs = writer.sheet("Runs", List.of(Column.integer("N", 8)));
            SpreadsheetWriter.Sheet errors = writer.sheet("Errors", List.of(Column.text("Message", 20)));
            for (int n = 1; n <= 3; n++) {
                runs.row(n);
                errors.row("e" + n);
            }
            writer.finish();
        }
        try (XSSFWorkbook book = read(target)) {
            assertThat(sheetNames(book)).containsExactly("Runs", "Runs (2)", "Errors", "Errors (2)");
            assertThat(book.getSheet("Runs (2)").getRow(1).getCell(0).getNumericCellValue()).isEqualTo(3.0);
            assertThat(book.getSheet("Errors").getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:A3");
            assertThat(book.getSheet("Errors (2)").getRow(1).getCell(0).getStringCellValue()).isEqualTo("e3");
        }
    }

    @Test
    void shortensLongSheetNamesSoThePartNumberFits() throws IOException {
        Path target = dir.resolve("long-rollover.xlsx");
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(target, 1)) {
            SpreadsheetWriter.Sheet sheet = writer.sheet("x".repeat(40), List.of(Column.integer("N", 8)));
            sheet.row(1);
            sheet.row(2);
            writer.finish();
        }
        try (XSSFWorkbook book = read(target)) {
            assertThat(sheetNames(book)).containsExactly("x".repeat(31), "x".repeat(27) + " (2)");
        }
    }

    // --- finish and close -----------------------------------------------------------------------

    @Test
    void leavesTheTargetAbsentUntilFinish() throws IOException {
        Path target = dir.resolve("report.xlsx");
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(target)) {
            writer.sheet("Runs", List.of(Column.integer("N", 8))).row(1);
            assertThat(target).doesNotExist();
            assertThat(writer.finish()).isEqualTo(target);
            assertThat(target).exists();
        }
        assertThat(filesIn(dir)).containsExactly("report.xlsx");
    }

    @Test
    void finishReplacesAnEarlierFileAtTheTarget() throws IOException {
        Path target = dir.resolve("report.xlsx");
        Files.writeString(target, "last week's report");
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(target)) {
            writer.sheet("Runs", List.of(Column.integer("N", 8))).row(1);
            writer.finish();
        }
        try (XSSFWorkbook book = read(target)) {
            assertThat(book.getSheetAt(0).getRow(1).getCell(0).getNumericCellValue()).isEqualTo(1.0);
        }
    }

    @Test
    void finishWritesAFileWithTheUsualPermissionsOfANewFile() throws IOException {
        Path target = dir.resolve("report.xlsx");
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(target)) {
            writer.sheet("Runs", List.of(Column.integer("N", 8))).row(1);
            writer.finish();
        }
        Path plain = Files.createFile(dir.resolve("plain.txt"));
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void closeWithoutFinishLeavesAnEarlierFileAtTheTargetUntouched() throws IOException {
        Path target = dir.resolve("report.xlsx");
        Files.writeString(target, "last week's report");
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(target)) {
            writer.sheet("Runs", List.of(Column.integer("N", 8))).row(1);
        }
        assertThat(Files.readString(target)).isEqualTo("last week's report");
        assertThat(filesIn(dir)).containsExactly("report.xlsx");
    }

    @Test
    void closeDisposesTheStreamingTempFiles() throws IOException {
        Set<Path> before = poiTempFiles();
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(dir.resolve("report.xlsx"))) {
            SpreadsheetWriter.Sheet sheet = writer.sheet("Runs", List.of(Column.integer("N", 8)));
            for (int n = 0; n < 500; n++) {
                sheet.row(n);
            }
            assertThat(poiTempFiles()).isNotEqualTo(before);
        }
        assertThat(poiTempFiles()).isEqualTo(before);
    }

    @Test
    void finishDisposesTheStreamingTempFiles() throws IOException {
        Set<Path> before = poiTempFiles();
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(dir.resolve("report.xlsx"))) {
            writer.sheet("Runs", List.of(Column.integer("N", 8))).row(1);
            writer.finish();
        }
        assertThat(poiTempFiles()).isEqualTo(before);
    }

    @Test
    void createsMissingParentFolders() throws IOException {
        Path target = dir.resolve("weekly/2024-W09/usage.xlsx");
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(target)) {
            writer.sheet("Usage", List.of(Column.integer("N", 8))).row(1);
            writer.finish();
        }
        assertThat(target).isRegularFile();
    }

    @Test
    void refusesRowsAfterFinish() {
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(dir.resolve("report.xlsx"))) {
            SpreadsheetWriter.Sheet sheet = writer.sheet("Runs", List.of(Column.integer("N", 8)));
            writer.finish();
            assertThatThrownBy(() -> sheet.row(1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already committed");
        }
    }

    // --- refused values -------------------------------------------------------------------------

    @Test
    void refusesAValueOfTheWrongTypeNamingSheetColumnAndType() {
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(dir.resolve("report.xlsx"))) {
            SpreadsheetWriter.Sheet sheet = writer.sheet("Runs", List.of(Column.text("Org", 20),
                    Column.timestamp("Started", 20)));
            assertThatThrownBy(() -> sheet.row("acme", "2024-03-01"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("sheet 'Runs'")
                    .hasMessageContaining("column 'Started'")
                    .hasMessageContaining("java.lang.String")
                    .hasMessageContaining("TIMESTAMP");
        }
    }

    @Test
    void writesNothingOfARefusedRow() throws IOException {
        Path target = dir.resolve("report.xlsx");
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(target)) {
            SpreadsheetWriter.Sheet sheet = writer.sheet("Runs", List.of(Column.text("Org", 20), Column.bool("Active", 6)));
            assertThatThrownBy(() -> sheet.row("acme", "yes")).isInstanceOf(IllegalArgumentException.class);
            sheet.row("globex", true);
            assertThat(sheet.rows()).isEqualTo(1);
            writer.finish();
        }
        try (XSSFWorkbook book = read(target)) {
            assertThat(book.getSheetAt(0).getLastRowNum()).isEqualTo(1);
            assertThat(cell(book, 1, 0).getStringCellValue()).isEqualTo("globex");
        }
    }

    @Test
    void refusesARowWithTheWrongNumberOfValues() {
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(dir.resolve("report.xlsx"))) {
            SpreadsheetWriter.Sheet sheet = writer.sheet("Runs", List.of(Column.text("Org", 20), Column.bool("Active", 6)));
            assertThatThrownBy(() -> sheet.row("acme"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("sheet 'Runs' has 2 columns, but row 1 has 1 values");
        }
    }

    @Test
    void refusesAFractionInAnIntegerColumn() {
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(dir.resolve("report.xlsx"))) {
            SpreadsheetWriter.Sheet sheet = writer.sheet("Runs", List.of(Column.integer("Seats", 8)));
            assertThatThrownBy(() -> sheet.row(2.5))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("column 'Seats'")
                    .hasMessageContaining("not a whole number");
        }
    }

    @Test
    void refusesAnIntegerWithMoreDigitsThanExcelKeeps() {
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(dir.resolve("report.xlsx"))) {
            SpreadsheetWriter.Sheet sheet = writer.sheet("Runs", List.of(Column.integer("Id", 20)));
            assertThatThrownBy(() -> sheet.row(1_000_000_000_000_000L))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("text column");
        }
    }

    @Test
    void refusesANumberThatIsNotFinite() {
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(dir.resolve("report.xlsx"))) {
            SpreadsheetWriter.Sheet sheet = writer.sheet("Runs", List.of(Column.percent("Score", 8)));
            assertThatThrownBy(() -> sheet.row(Double.NaN))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a finite number");
        }
    }

    @Test
    void refusesATimestampBeforeExcelsFirstDate() {
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(dir.resolve("report.xlsx"))) {
            SpreadsheetWriter.Sheet sheet = writer.sheet("Runs", List.of(Column.timestamp("At", 20)));
            assertThatThrownBy(() -> sheet.row(Instant.EPOCH.minusSeconds(100L * 365 * 86_400)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("outside the dates Excel can hold");
        }
    }

    // --- helpers --------------------------------------------------------------------------------

    private XSSFWorkbook writeOne(List<Column> columns, Consumer<SpreadsheetWriter.Sheet> rows) throws IOException {
        Path target = dir.resolve("one.xlsx");
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(target)) {
            rows.accept(writer.sheet("Data", columns));
            writer.finish();
        }
        return read(target);
    }

    private static XSSFWorkbook read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new XSSFWorkbook(in);
        }
    }

    private static XSSFCell cell(XSSFWorkbook book, int row, int column) {
        return book.getSheetAt(0).getRow(row).getCell(column);
    }

    private static List<String> sheetNames(XSSFWorkbook book) {
        List<String> names = new ArrayList<>();
        book.sheetIterator().forEachRemaining(sheet -> names.add(sheet.getSheetName()));
        return names;
    }

    private static List<String> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    /** SXSSF's own temp files (sheet data, template) under this process's POI temp folder. */
    private static Set<Path> poiTempFiles() throws IOException {
        Path poiDir = LeftoverTempFiles.scratchFolderOfThisProcess();
        if (!Files.isDirectory(poiDir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(poiDir)) {
            return files.filter(file -> file.getFileName().toString().startsWith("poi-sxssf"))
                    .collect(Collectors.toSet());
        }
    }
}

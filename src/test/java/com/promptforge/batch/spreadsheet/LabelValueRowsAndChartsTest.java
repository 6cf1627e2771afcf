package com.promptforge.batch.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTLineSer;

/** The writer's label / value rows (a kind per cell) and charts over written rows. */
class LabelValueRowsAndChartsTest {

    @TempDir
    Path dir;

    private static final List<Column> LABEL_VALUE = List.of(Column.text("Item", 30), Column.text("Value", 20));

    @Test
    void aRowOfKindsWritesEachCellAsItsOwnKind() throws IOException {
        Path file = dir.resolve("summary.xlsx");
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(file)) {
            SpreadsheetWriter.Sheet sheet = writer.sheet("Summary", LABEL_VALUE);
            sheet.row("Report", "=not a formula");
            sheet.rowOfKinds(List.of(CellKind.TEXT, CellKind.INTEGER), "Runs", 1234L);
            sheet.rowOfKinds(List.of(CellKind.TEXT, CellKind.PERCENT), "Change", 0.25);
            sheet.rowOfKinds(List.of(CellKind.TEXT, CellKind.TIMESTAMP), "Generated at",
                    Instant.parse("2026-11-23T06:00:00Z"));
            writer.finish();
        }
        try (XSSFWorkbook book = new XSSFWorkbook(file.toFile())) {
            XSSFSheet sheet = book.getSheet("Summary");
            assertThat(sheet.getRow(1).getCell(1).getCellType()).isEqualTo(CellType.STRING);
            assertThat(sheet.getRow(1).getCell(1).getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(sheet.getRow(2).getCell(1).getNumericCellValue()).isEqualTo(1234);
            assertThat(sheet.getRow(2).getCell(1).getCellStyle().getDataFormatString()).isEqualTo("0");
            assertThat(sheet.getRow(3).getCell(1).getNumericCellValue()).isEqualTo(0.25);
            assertThat(sheet.getRow(3).getCell(1).getCellStyle().getDataFormatString()).isEqualTo("0.0%");
            assertThat(sheet.getRow(4).getCell(1).getLocalDateTimeCellValue()).hasToString("2026-11-23T06:00");
        } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRowOfKindsRefusesAValueThatDoesNotFitItsKind() {
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(dir.resolve("refused.xlsx"))) {
            SpreadsheetWriter.Sheet sheet = writer.sheet("Summary", LABEL_VALUE);

            assertThatThrownBy(() -> sheet.rowOfKinds(List.of(CellKind.TEXT, CellKind.INTEGER), "Runs", "many"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INTEGER");
            assertThatThrownBy(() -> sheet.rowOfKinds(List.of(CellKind.TEXT), "Runs", 1L))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 kinds");
            assertThat(sheet.rows()).isZero();
        }
    }

    @Test
    void aChartOverWrittenRowsReferencesThemAndCachesTheirValues() throws Exception {
        Path file = dir.resolve("chart.xlsx");
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(file)) {
            SpreadsheetWriter.Sheet sheet = writer.sheet("Summary", LABEL_VALUE);
            sheet.row("Title", "x");
            sheet.rowOfKinds(List.of(CellKind.TEXT, CellKind.INTEGER), "Mon", 3L);
            sheet.rowOfKinds(List.of(CellKind.TEXT, CellKind.INTEGER), "Tue", 5L);
            sheet.rowOfKinds(List.of(CellKind.TEXT, CellKind.INTEGER), "Wed", 4L);
            sheet.chart(new Chart(Chart.Type.LINE, "Runs per day", "Runs", 0, 1, 2, 4, 0, 6, 2, 12));
            writer.finish();
        }
        try (XSSFWorkbook book = new XSSFWorkbook(file.toFile())) {
            List<XSSFChart> charts = book.getSheet("Summary").getDrawingPatriarch().getCharts();
            assertThat(charts).hasSize(1);
            assertThat(charts.get(0).getTitleText().getString()).isEqualTo("Runs per day");
            CTLineSer series = charts.get(0).getCTChart().getPlotArea().getLineChartArray(0).getSerArray(0);
            assertThat(series.getCat().getStrRef().getF()).isEqualTo("Summary!$A$3:$A$5");
            assertThat(series.getVal().getNumRef().getF()).isEqualTo("Summary!$B$3:$B$5");
            assertThat(series.getVal().getNumRef().getNumCache().getPtList())
                    .extracting(point -> point.getV()).containsExactly("3.0", "5.0", "4.0");
        }
    }

    @Test
    void aChartOverRowsNotWrittenIsRefused() {
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(dir.resolve("refused-chart.xlsx"))) {
            SpreadsheetWriter.Sheet sheet = writer.sheet("Summary", LABEL_VALUE);
            sheet.rowOfKinds(List.of(CellKind.TEXT, CellKind.INTEGER), "Mon", 3L);

            assertThatThrownBy(() -> sheet.chart(new Chart(Chart.Type.BAR, "Too far", "Runs", 0, 1, 1, 5, 0, 3, 2, 10)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows 1..5 of 1");
        }
    }
}

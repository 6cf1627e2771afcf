package com.promptforge.batch.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Two workbooks compared as a reader gets them, read back with POI: the sheets' names and order, the sheet it opens on,
 * every cell's type, value and look (number format, quote prefix, font, wrap, alignment), links, row heights, frozen
 * pane, autofilter, print setup (orientation, pages wide and tall, repeated rows, footer, print area) and, unless told
 * otherwise, the column widths.
 */
public final class SameWorkbook {

    private SameWorkbook() {
    }

    /** Asserts that {@code actual} reads as {@code expected}; {@code widths}: compare the column widths too. */
    public static void assertSame(Path actual, Path expected, boolean widths) throws IOException {
        try (InputStream a = Files.newInputStream(actual); InputStream e = Files.newInputStream(expected);
             XSSFWorkbook got = new XSSFWorkbook(a); XSSFWorkbook want = new XSSFWorkbook(e)) {
            assertThat(names(got)).as("sheets in order").isEqualTo(names(want));
            assertThat(got.getActiveSheetIndex()).as("active sheet").isEqualTo(want.getActiveSheetIndex());
            for (int i = 0; i < want.getNumberOfSheets(); i++) {
                XSSFSheet g = got.getSheetAt(i);
                XSSFSheet w = want.getSheetAt(i);
                String name = w.getSheetName();
                assertThat(g.isSelected()).as(name + " selected").isEqualTo(w.isSelected());
                assertCells(name, g, w);
                assertLayout(name, g, w, widths);
                assertThat(area(got.getPrintArea(i))).as(name + " print area").isEqualTo(area(want.getPrintArea(i)));
            }
        }
    }

    /** A print area as a reference: 'Printed'!$A$1:$C$6 and Printed!$A$1:$C$6 are one area. */
    private static String area(String reference) {
        return reference == null ? null
                : new org.apache.poi.ss.util.AreaReference(reference, org.apache.poi.ss.SpreadsheetVersion.EXCEL2007)
                        .formatAsString();
    }

    private static List<String> names(XSSFWorkbook workbook) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
            names.add(workbook.getSheetName(i));
        }
        return names;
    }

    private static void assertCells(String name, XSSFSheet got, XSSFSheet want) {
        int lastRow = Math.max(got.getLastRowNum(), want.getLastRowNum());
        for (int r = 0; r <= lastRow; r++) {
            XSSFRow g = got.getRow(r);
            XSSFRow w = want.getRow(r);
            assertThat(g == null ? got.getDefaultRowHeightInPoints() : g.getHeightInPoints())
                    .as(name + " row " + (r + 1) + " height")
                    .isEqualTo(w == null ? want.getDefaultRowHeightInPoints() : w.getHeightInPoints());
            int lastCell = Math.max(g == null ? 0 : g.getLastCellNum(), w == null ? 0 : w.getLastCellNum());
            for (int c = 0; c < lastCell; c++) {
                assertCell(name + " " + new org.apache.poi.ss.util.CellReference(r, c).formatAsString(),
                        g == null ? null : g.getCell(c), w == null ? null : w.getCell(c));
            }
        }
    }

    private static void assertCell(String where, XSSFCell got, XSSFCell want) {
        if (want == null || want.getCellType() == CellType.BLANK) {
            assertThat(got == null || got.getCellType() == CellType.BLANK).as(where + " empty").isTrue();
            return;
        }
        assertThat(got).as(where).isNotNull();
        assertThat(got.getCellType()).as(where + " type").isEqualTo(want.getCellType());
        switch (want.getCellType()) {
            case STRING -> assertThat(got.getStringCellValue()).as(where).isEqualTo(want.getStringCellValue());
            case NUMERIC -> assertThat(got.getNumericCellValue()).as(where).isEqualTo(want.getNumericCellValue());
            case BOOLEAN -> assertThat(got.getBooleanCellValue()).as(where).isEqualTo(want.getBooleanCellValue());
            default -> throw new AssertionError(where + ": unexpected " + want.getCellType());
        }
        XSSFCellStyle g = got.getCellStyle();
        XSSFCellStyle w = want.getCellStyle();
        assertThat(g.getDataFormatString()).as(where + " format").isEqualTo(w.getDataFormatString());
        assertThat(g.getQuotePrefixed()).as(where + " quote prefix").isEqualTo(w.getQuotePrefixed());
        assertThat(g.getWrapText()).as(where + " wrap").isEqualTo(w.getWrapText());
        assertThat(g.getAlignment()).as(where + " alignment").isEqualTo(w.getAlignment());
        assertThat(g.getVerticalAlignment()).as(where + " vertical alignment").isEqualTo(w.getVerticalAlignment());
        XSSFFont gf = g.getFont();
        XSSFFont wf = w.getFont();
        assertThat(gf.getFontName()).as(where + " font").isEqualTo(wf.getFontName());
        assertThat(gf.getFontHeightInPoints()).as(where + " font size").isEqualTo(wf.getFontHeightInPoints());
        assertThat(gf.getBold()).as(where + " bold").isEqualTo(wf.getBold());
        assertThat(gf.getUnderline()).as(where + " underline").isEqualTo(wf.getUnderline());
        assertThat(rgb(gf.getXSSFColor())).as(where + " font colour").isEqualTo(rgb(wf.getXSSFColor()));
        assertThat(got.getHyperlink() == null ? null : got.getHyperlink().getAddress()).as(where + " link")
                .isEqualTo(want.getHyperlink() == null ? null : want.getHyperlink().getAddress());
    }

    /** A font colour as red, green, blue; black when none is set (the default). */
    private static String rgb(XSSFColor color) {
        byte[] rgb = color == null ? null : color.getRGB();
        return rgb == null ? "000000" : String.format("%02X%02X%02X", rgb[0], rgb[1], rgb[2]);
    }

    private static void assertLayout(String name, XSSFSheet got, XSSFSheet want, boolean widths) {
        PaneInformation g = got.getPaneInformation();
        PaneInformation w = want.getPaneInformation();
        assertThat(g == null ? null : g.isFreezePane() + " " + g.getHorizontalSplitPosition() + " "
                + g.getVerticalSplitPosition()).as(name + " frozen pane")
                .isEqualTo(w == null ? null : w.isFreezePane() + " " + w.getHorizontalSplitPosition() + " "
                        + w.getVerticalSplitPosition());
        assertThat(autoFilter(got)).as(name + " autofilter").isEqualTo(autoFilter(want));
        if (widths) {
            int columns = Math.max(lastColumn(got), lastColumn(want));
            for (int c = 0; c < columns; c++) {
                assertThat(got.getColumnWidth(c)).as(name + " column " + (c + 1) + " width")
                        .isEqualTo(want.getColumnWidth(c));
            }
        }
        assertThat(got.getFitToPage()).as(name + " fit to page").isEqualTo(want.getFitToPage());
        assertThat(got.getPrintSetup().getLandscape()).as(name + " landscape").isEqualTo(want.getPrintSetup().getLandscape());
        assertThat(got.getPrintSetup().getFitWidth()).as(name + " pages wide").isEqualTo(want.getPrintSetup().getFitWidth());
        assertThat(got.getPrintSetup().getFitHeight()).as(name + " pages tall").isEqualTo(want.getPrintSetup().getFitHeight());
        assertThat(String.valueOf(got.getRepeatingRows())).as(name + " repeated rows")
                .isEqualTo(String.valueOf(want.getRepeatingRows()));
        assertThat(PrintableWorkbookAssertions.footerText(got.getFooter().getLeft())).as(name + " footer left")
                .isEqualTo(PrintableWorkbookAssertions.footerText(want.getFooter().getLeft()));
        assertThat(PrintableWorkbookAssertions.footerText(got.getFooter().getCenter())).as(name + " footer centre")
                .isEqualTo(PrintableWorkbookAssertions.footerText(want.getFooter().getCenter()));
        assertThat(PrintableWorkbookAssertions.footerText(got.getFooter().getRight())).as(name + " footer right")
                .isEqualTo(PrintableWorkbookAssertions.footerText(want.getFooter().getRight()));
    }

    private static String autoFilter(XSSFSheet sheet) {
        // As a range: "A1" and "A1:A1" are one cell.
        return sheet.getCTWorksheet().isSetAutoFilter()
                ? org.apache.poi.ss.util.CellRangeAddress.valueOf(sheet.getCTWorksheet().getAutoFilter().getRef())
                        .formatAsString()
                : null;
    }

    private static int lastColumn(XSSFSheet sheet) {
        XSSFRow header = sheet.getRow(0);
        return header == null ? 0 : header.getLastCellNum();
    }
}

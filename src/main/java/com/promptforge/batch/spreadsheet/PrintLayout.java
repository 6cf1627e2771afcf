package com.promptforge.batch.spreadsheet;

import org.apache.poi.ss.usermodel.Footer;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;

/**
 * How every sheet prints, set in one place: landscape when it is wider than a portrait page, scaled to one page
 * wide (as many pages tall as it takes), its first row repeated at the top of every page, and a footer with the
 * report's name, the sheet's name and "Page N of M".
 */
final class PrintLayout {

    /**
     * What fits across a portrait page at 100%, in characters of the default font (Calibri 11, about 7 px): Letter
     * or A4 less the default 0.7" margins is about 7" = 670 px.
     */
    static final int PORTRAIT_WIDTH_CHARS = 90;
    /** The repeated rows: the first (the header, or a summary sheet's title). */
    static final String REPEATED_ROWS = "1:1";
    /** The footer's right part: &P is the page number, &N the number of pages. */
    static final String PAGE_N_OF_M = "Page &P of &N";
    /** The footer's font where an engine must name one (fastexcel): the workbook's default, as POI leaves it. */
    static final String FOOTER_FONT = "Calibri";
    static final int FOOTER_POINTS = 11;
    /** Excel refuses a header or footer longer than 255 characters. */
    private static final int MAX_NAME_CHARS = 80;

    private PrintLayout() {
    }

    static void apply(SXSSFSheet sheet, int widthChars, String reportName) {
        sheet.setFitToPage(true);
        PrintSetup print = sheet.getPrintSetup();
        print.setLandscape(landscape(widthChars));
        print.setFitWidth((short) 1);
        // 0: as many pages tall as the rows need.
        print.setFitHeight((short) 0);
        sheet.setRepeatingRows(CellRangeAddress.valueOf(REPEATED_ROWS));
        Footer footer = sheet.getFooter();
        footer.setLeft(literal(reportName));
        footer.setCenter(literal(sheet.getSheetName()));
        footer.setRight(PAGE_N_OF_M);
    }

    /** Landscape when the sheet is wider than a portrait page. */
    static boolean landscape(int widthChars) {
        return widthChars > PORTRAIT_WIDTH_CHARS;
    }

    /** Text shown as is in a header or footer: '&' starts a field code there, "&&" is a literal one. */
    static String literal(String text) {
        String cut = text.length() > MAX_NAME_CHARS ? text.substring(0, MAX_NAME_CHARS - 1) + "…" : text;
        return cut.replace("&", "&&");
    }
}

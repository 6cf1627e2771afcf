package com.promptforge.batch.spreadsheet;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * The {@link Look}s as POI cell styles, created once: Excel caps a workbook at 64,000 styles and a style per cell
 * would also cost memory per cell. The formats are the ones both engines write.
 */
final class CellStyles {

    static final String INTEGER_FORMAT = "0";
    static final String DECIMAL_FORMAT = "0.00";
    /**
     * Data timestamps show milliseconds: a format of whole seconds makes a spreadsheet program round what it
     * shows, so 23:59:59.999 would read as the next day's 00:00:00 (and an audit file would hide the
     * milliseconds the database holds).
     */
    static final String TIMESTAMP_FORMAT = "yyyy-mm-dd hh:mm:ss.000";
    /** The summary's generated-at: whole seconds, the value floored to its second when written. */
    static final String SECONDS_FORMAT = "yyyy-mm-dd hh:mm:ss";
    static final String DATE_FORMAT = "yyyy-mm-dd";
    static final String PERCENT_FORMAT = "0.0%";
    /** Headline figures on a summary sheet: thousands separators. */
    static final String COUNT_FORMAT = "#,##0";

    final CellStyle header;
    final CellStyle headerQuoted;
    final CellStyle headerNumber;
    final CellStyle text;
    final CellStyle textQuoted;
    final CellStyle integer;
    final CellStyle decimal;
    final CellStyle timestamp;
    final CellStyle date;
    final CellStyle percent;
    // The summary sheet's: a title, section headings, and values aligned left under one another
    // whatever their type (a number right-aligned beside left-aligned text reads as a misprint).
    final CellStyle title;
    final CellStyle section;
    final CellStyle label;
    final CellStyle link;
    final CellStyle valueText;
    final CellStyle valueTextQuoted;
    final CellStyle valueNumber;
    final CellStyle valueCount;
    final CellStyle valuePercent;
    final CellStyle valueTimestamp;

    CellStyles(Workbook workbook) {
        DataFormat formats = workbook.createDataFormat();
        Font bold = workbook.createFont();
        bold.setBold(true);
        header = workbook.createCellStyle();
        header.setFont(bold);
        header.setWrapText(true);
        headerQuoted = workbook.createCellStyle();
        headerQuoted.setFont(bold);
        headerQuoted.setWrapText(true);
        headerQuoted.setQuotePrefixed(true);
        // Over right-aligned numbers, a right-aligned header.
        headerNumber = workbook.createCellStyle();
        headerNumber.setFont(bold);
        headerNumber.setWrapText(true);
        headerNumber.setAlignment(HorizontalAlignment.RIGHT);
        text = workbook.getCellStyleAt(0);
        textQuoted = workbook.createCellStyle();
        textQuoted.setQuotePrefixed(true);
        integer = formatted(workbook, formats, INTEGER_FORMAT);
        decimal = formatted(workbook, formats, DECIMAL_FORMAT);
        timestamp = formatted(workbook, formats, TIMESTAMP_FORMAT);
        date = formatted(workbook, formats, DATE_FORMAT);
        percent = formatted(workbook, formats, PERCENT_FORMAT);

        Font big = workbook.createFont();
        big.setBold(true);
        big.setFontHeightInPoints((short) 14);
        title = workbook.createCellStyle();
        title.setFont(big);
        section = workbook.createCellStyle();
        section.setFont(bold);
        label = topLeft(workbook, null);
        Font underlined = workbook.createFont();
        underlined.setUnderline(Font.U_SINGLE);
        underlined.setColor(IndexedColors.BLUE.getIndex());
        link = topLeft(workbook, null);
        link.setFont(underlined);
        valueText = topLeft(workbook, null);
        valueText.setWrapText(true);
        valueTextQuoted = topLeft(workbook, null);
        valueTextQuoted.setWrapText(true);
        valueTextQuoted.setQuotePrefixed(true);
        valueNumber = topLeft(workbook, formats.getFormat(INTEGER_FORMAT));
        valueCount = topLeft(workbook, formats.getFormat(COUNT_FORMAT));
        valuePercent = topLeft(workbook, formats.getFormat(PERCENT_FORMAT));
        valueTimestamp = topLeft(workbook, formats.getFormat(SECONDS_FORMAT));
    }

    private static CellStyle topLeft(Workbook workbook, Short format) {
        CellStyle style = workbook.createCellStyle();
        style.setAlignment(HorizontalAlignment.LEFT);
        style.setVerticalAlignment(VerticalAlignment.TOP);
        if (format != null) {
            style.setDataFormat(format);
        }
        return style;
    }

    private static CellStyle formatted(Workbook workbook, DataFormat formats, String format) {
        CellStyle style = workbook.createCellStyle();
        style.setDataFormat(formats.getFormat(format));
        return style;
    }

    CellStyle of(Look look) {
        return switch (look) {
            case HEADER -> header;
            case HEADER_QUOTED -> headerQuoted;
            case HEADER_NUMBER -> headerNumber;
            case TEXT -> text;
            case TEXT_QUOTED -> textQuoted;
            case INTEGER -> integer;
            case DECIMAL -> decimal;
            case TIMESTAMP -> timestamp;
            case DATE -> date;
            case PERCENT -> percent;
            case TITLE -> title;
            case SECTION -> section;
            case LABEL -> label;
            case LINK -> link;
            case VALUE_TEXT -> valueText;
            case VALUE_TEXT_QUOTED -> valueTextQuoted;
            case VALUE_NUMBER -> valueNumber;
            case VALUE_COUNT -> valueCount;
            case VALUE_PERCENT -> valuePercent;
            case VALUE_TIMESTAMP -> valueTimestamp;
        };
    }
}

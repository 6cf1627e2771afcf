package com.promptforge.batch.spreadsheet;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * The handful of cell styles a workbook uses, created once: Excel caps a workbook at 64,000 styles and
 * a style per cell would also cost memory per cell.
 */
final class CellStyles {

    static final String INTEGER_FORMAT = "0";
    static final String DECIMAL_FORMAT = "0.00";
    static final String TIMESTAMP_FORMAT = "yyyy-mm-dd hh:mm:ss";
    static final String DATE_FORMAT = "yyyy-mm-dd";
    static final String PERCENT_FORMAT = "0.0%";

    final CellStyle header;
    final CellStyle headerQuoted;
    final CellStyle text;
    final CellStyle textQuoted;
    final CellStyle integer;
    final CellStyle decimal;
    final CellStyle bool;
    final CellStyle timestamp;
    final CellStyle date;
    final CellStyle percent;

    CellStyles(Workbook workbook) {
        DataFormat formats = workbook.createDataFormat();
        Font bold = workbook.createFont();
        bold.setBold(true);
        header = workbook.createCellStyle();
        header.setFont(bold);
        headerQuoted = workbook.createCellStyle();
        headerQuoted.setFont(bold);
        headerQuoted.setQuotePrefixed(true);
        text = workbook.getCellStyleAt(0);
        textQuoted = workbook.createCellStyle();
        textQuoted.setQuotePrefixed(true);
        integer = formatted(workbook, formats, INTEGER_FORMAT);
        decimal = formatted(workbook, formats, DECIMAL_FORMAT);
        bool = workbook.getCellStyleAt(0);
        timestamp = formatted(workbook, formats, TIMESTAMP_FORMAT);
        date = formatted(workbook, formats, DATE_FORMAT);
        percent = formatted(workbook, formats, PERCENT_FORMAT);
    }

    private static CellStyle formatted(Workbook workbook, DataFormat formats, String format) {
        CellStyle style = workbook.createCellStyle();
        style.setDataFormat(formats.getFormat(format));
        return style;
    }

    CellStyle forKind(CellKind kind) {
        return switch (kind) {
            case TEXT -> text;
            case INTEGER -> integer;
            case DECIMAL -> decimal;
            case BOOLEAN -> bool;
            case TIMESTAMP -> timestamp;
            case DATE -> date;
            case PERCENT -> percent;
        };
    }
}

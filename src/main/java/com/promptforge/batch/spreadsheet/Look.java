package com.promptforge.batch.spreadsheet;

/**
 * The handful of cell looks a workbook uses, the same whichever engine writes it ({@link CellStyles} for POI,
 * {@link FastexcelLooks} for fastexcel). The quoted ones carry the quote prefix ({@link SafeText#looksLikeFormula}).
 */
enum Look {
    HEADER, HEADER_QUOTED, HEADER_NUMBER,
    /** The default style: text and booleans need no other. */
    TEXT, TEXT_QUOTED,
    INTEGER, DECIMAL, TIMESTAMP, DATE, PERCENT,
    // The summary sheet's: a title, section headings, and values aligned left under one another
    // whatever their type (a number right-aligned beside left-aligned text reads as a misprint).
    TITLE, SECTION, LABEL, LINK, VALUE_TEXT, VALUE_TEXT_QUOTED, VALUE_NUMBER, VALUE_COUNT, VALUE_PERCENT,
    VALUE_TIMESTAMP;

    static Look forKind(CellKind kind) {
        return switch (kind) {
            case TEXT, BOOLEAN -> TEXT;
            case INTEGER -> INTEGER;
            case DECIMAL -> DECIMAL;
            case TIMESTAMP -> TIMESTAMP;
            case DATE -> DATE;
            case PERCENT -> PERCENT;
        };
    }
}

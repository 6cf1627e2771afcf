package com.promptforge.batch.spreadsheet;

import org.dhatim.fastexcel.ProtectionOption;
import org.dhatim.fastexcel.StyleSetter;

/**
 * The {@link Look}s as fastexcel styles, the same fonts, formats and alignment as {@link CellStyles}. fastexcel has no
 * quote prefix: a quoted look is marked with a protection setting no other look uses (hidden formulas: meaningless on
 * an unprotected sheet), which {@link WorkbookCopy} turns into {@code quotePrefix="1"} when the file is
 * committed.
 */
final class FastexcelLooks {

    /** The unzipped {@code xl/styles.xml} text that marks a quoted look's cell format. */
    static final String QUOTE_MARKER = "<protection hidden=\"true\" />";
    private static final String BLUE = "FF0000FF";

    private FastexcelLooks() {
    }

    /** Whether the look needs a style of its own (text and booleans take the default). */
    static boolean styled(Look look) {
        return look != Look.TEXT;
    }

    /** Sets {@code look} on the cells of {@code style}. */
    static void set(StyleSetter style, Look look) {
        switch (look) {
            case HEADER -> style.bold().wrapText(true);
            case HEADER_QUOTED -> quoted(style.bold().wrapText(true));
            case HEADER_NUMBER -> style.bold().wrapText(true).horizontalAlignment("right");
            case TEXT -> {
            }
            case TEXT_QUOTED -> quoted(style);
            case INTEGER -> style.format(CellStyles.INTEGER_FORMAT);
            case DECIMAL -> style.format(CellStyles.DECIMAL_FORMAT);
            case TIMESTAMP -> style.format(CellStyles.TIMESTAMP_FORMAT);
            case DATE -> style.format(CellStyles.DATE_FORMAT);
            case PERCENT -> style.format(CellStyles.PERCENT_FORMAT);
            case TITLE -> style.bold().fontSize(14);
            case SECTION -> style.bold();
            case LABEL -> topLeft(style);
            case LINK -> topLeft(style).underlined().fontColor(BLUE);
            case VALUE_TEXT -> topLeft(style).wrapText(true);
            case VALUE_TEXT_QUOTED -> quoted(topLeft(style).wrapText(true));
            case VALUE_NUMBER -> topLeft(style).format(CellStyles.INTEGER_FORMAT);
            case VALUE_COUNT -> topLeft(style).format(CellStyles.COUNT_FORMAT);
            case VALUE_PERCENT -> topLeft(style).format(CellStyles.PERCENT_FORMAT);
            case VALUE_TIMESTAMP -> topLeft(style).format(CellStyles.SECONDS_FORMAT);
        }
        style.set();
    }

    private static StyleSetter topLeft(StyleSetter style) {
        return style.horizontalAlignment("left").verticalAlignment("top");
    }

    private static StyleSetter quoted(StyleSetter style) {
        return style.protectionOption(ProtectionOption.HIDDEN, true);
    }
}

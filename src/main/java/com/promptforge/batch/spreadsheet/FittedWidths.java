package com.promptforge.batch.spreadsheet;

import java.util.List;

/**
 * The width each column of a sheet needs, in characters, measured while its rows stream in: wide enough for its
 * header (bold, plus the autofilter's button) and for the widest value written, but no wider than the column's
 * cap unless the header needs more. Costs a comparison or two per cell.
 */
final class FittedWidths {

    /** The autofilter's drop-down button sits over the header's right end. */
    private static final int FILTER_BUTTON_CHARS = 3;
    /** A little air between a value and the next column. */
    private static final int PADDING_CHARS = 1;
    private static final int TIMESTAMP_CHARS = 23;
    private static final int DATE_CHARS = 10;
    private static final int BOOLEAN_CHARS = 5;
    /** 10^0 .. 10^19: comparisons, not a division per digit (this runs for every number written). */
    private static final double[] POWERS_OF_TEN = new double[20];

    static {
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = Math.pow(10, i);
        }
    }

    private final int[] floors;
    private final int[] caps;
    private final int[] needed;
    private boolean twoLineHeader;

    FittedWidths(List<Column> columns) {
        floors = new int[columns.size()];
        caps = new int[columns.size()];
        needed = new int[columns.size()];
        for (int i = 0; i < floors.length; i++) {
            Column column = columns.get(i);
            floors[i] = Math.min(Column.MAX_WIDTH, headerChars(longestLine(column.header())));
            if (column.kind() != CellKind.TEXT && floors[i] > headerChars(longestWord(column.header()))) {
                // A number or date is narrower than a header such as "Old valid until (UTC)": that header
                // wraps onto two lines (the header row is two lines tall) rather than widen the column.
                floors[i] = Math.max(headerChars(longestWord(column.header())),
                        headerChars((longestLine(column.header()) + 1) / 2 + 1));
                twoLineHeader = true;
            }
            caps[i] = Math.max(floors[i], column.width());
        }
    }

    /** Whether a header wraps onto two lines, so the header row needs two lines' height. */
    boolean twoLineHeader() {
        return twoLineHeader;
    }

    /** Bold text is about a tenth wider than regular, and the filter button takes the right end. */
    private static int headerChars(int textChars) {
        return (int) Math.ceil(textChars * 1.1) + FILTER_BUTTON_CHARS;
    }

    private static int longestWord(String text) {
        int longest = 0;
        for (String word : text.split("\\s+")) {
            longest = Math.max(longest, word.length());
        }
        return longest;
    }

    void text(int column, String text) {
        if (text.length() > needed[column]) {
            needed[column] = Math.max(needed[column], longestLine(text));
        }
    }

    /** {@code value} is the Excel number the cell holds; its width is that of the column's number format. */
    void value(int column, CellKind kind, double value) {
        int chars = switch (kind) {
            case INTEGER -> wholeDigits(value);
            case DECIMAL -> wholeDigits(value) + 3;
            case PERCENT -> wholeDigits(value * 100) + 3;
            case TIMESTAMP -> TIMESTAMP_CHARS;
            case DATE -> DATE_CHARS;
            case BOOLEAN -> BOOLEAN_CHARS;
            case TEXT -> throw new IllegalStateException("text is measured as text");
        };
        if (chars > needed[column]) {
            needed[column] = chars;
        }
    }

    /** The column's width in characters: its header's at least, the content's up to its cap. */
    int chars(int column) {
        return Math.min(Column.MAX_WIDTH,
                Math.max(floors[column], Math.min(needed[column] + PADDING_CHARS, caps[column])));
    }

    int totalChars() {
        int total = 0;
        for (int i = 0; i < floors.length; i++) {
            total += chars(i);
        }
        return total;
    }

    int columns() {
        return floors.length;
    }

    /** Digits and sign of the whole part, as format {@code 0} shows it (at most 20 digits counted). */
    private static int wholeDigits(double value) {
        double whole = Math.abs(Math.rint(value));
        int digits = 1;
        while (digits < POWERS_OF_TEN.length && whole >= POWERS_OF_TEN[digits]) {
            digits++;
        }
        return value < 0 ? digits + 1 : digits;
    }

    private static int longestLine(String text) {
        int longest = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                longest = Math.max(longest, i - start);
                start = i + 1;
            }
        }
        return longest;
    }
}

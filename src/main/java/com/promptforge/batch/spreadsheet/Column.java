package com.promptforge.batch.spreadsheet;

import java.util.Objects;

/**
 * One column of a sheet: its header text, the kind of value it holds and the widest it may grow, in characters.
 *
 * <p>The writer fits each column to its header and to the content actually written (measured while streaming):
 * never narrower than its header, never wider than {@code width} unless the header needs more. So {@code width}
 * is a cap that keeps one long value from making the sheet unreadably small when printed one page wide. The
 * factories without a width cap at {@link #DEFAULT_WIDTH}.
 */
public record Column(String header, CellKind kind, int width) {

    /** Excel's widest column, in characters. */
    static final int MAX_WIDTH = 255;
    /** The cap of a column made without a width. */
    public static final int DEFAULT_WIDTH = 50;

    public Column {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(kind, "kind");
        if (width < 1 || width > MAX_WIDTH) {
            throw new IllegalArgumentException("column '" + header + "': width " + width
                    + " is outside 1.." + MAX_WIDTH + " characters");
        }
    }

    public static Column text(String header, int width) {
        return new Column(header, CellKind.TEXT, width);
    }

    public static Column text(String header) {
        return new Column(header, CellKind.TEXT, DEFAULT_WIDTH);
    }

    public static Column integer(String header, int width) {
        return new Column(header, CellKind.INTEGER, width);
    }

    public static Column integer(String header) {
        return new Column(header, CellKind.INTEGER, DEFAULT_WIDTH);
    }

    public static Column decimal(String header, int width) {
        return new Column(header, CellKind.DECIMAL, width);
    }

    public static Column decimal(String header) {
        return new Column(header, CellKind.DECIMAL, DEFAULT_WIDTH);
    }

    public static Column bool(String header, int width) {
        return new Column(header, CellKind.BOOLEAN, width);
    }

    public static Column bool(String header) {
        return new Column(header, CellKind.BOOLEAN, DEFAULT_WIDTH);
    }

    public static Column timestamp(String header, int width) {
        return new Column(header, CellKind.TIMESTAMP, width);
    }

    public static Column timestamp(String header) {
        return new Column(header, CellKind.TIMESTAMP, DEFAULT_WIDTH);
    }

    public static Column date(String header, int width) {
        return new Column(header, CellKind.DATE, width);
    }

    public static Column date(String header) {
        return new Column(header, CellKind.DATE, DEFAULT_WIDTH);
    }

    public static Column percent(String header, int width) {
        return new Column(header, CellKind.PERCENT, width);
    }

    public static Column percent(String header) {
        return new Column(header, CellKind.PERCENT, DEFAULT_WIDTH);
    }
}

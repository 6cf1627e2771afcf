package com.promptforge.batch.spreadsheet;

import java.util.Objects;

/**
 * One column of a sheet: its header text, the kind of value it holds and its width in characters.
 */
public record Column(String header, CellKind kind, int width) {

    /** Excel's widest column, in characters. */
    static final int MAX_WIDTH = 255;

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

    public static Column integer(String header, int width) {
        return new Column(header, CellKind.INTEGER, width);
    }

    public static Column decimal(String header, int width) {
        return new Column(header, CellKind.DECIMAL, width);
    }

    public static Column bool(String header, int width) {
        return new Column(header, CellKind.BOOLEAN, width);
    }

    public static Column timestamp(String header, int width) {
        return new Column(header, CellKind.TIMESTAMP, width);
    }

    public static Column date(String header, int width) {
        return new Column(header, CellKind.DATE, width);
    }

    public static Column percent(String header, int width) {
        return new Column(header, CellKind.PERCENT, width);
    }
}

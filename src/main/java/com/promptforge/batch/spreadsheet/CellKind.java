package com.promptforge.batch.spreadsheet;

/**
 * What a column holds, which decides the Java values it accepts, the Excel cell type it becomes and
 * its number format.
 */
public enum CellKind {
    /** Any object, written as its {@code toString()} in a string cell, never a formula. */
    TEXT,
    /** A whole {@link Number} of at most 15 digits (Excel's precision), format {@code 0}. */
    INTEGER,
    /** Any {@link Number} (BigDecimal too), format {@code 0.00}. */
    DECIMAL,
    /** A {@link Boolean}, written as an Excel boolean cell. */
    BOOLEAN,
    /**
     * An OffsetDateTime, ZonedDateTime, Instant, java.sql.Timestamp or LocalDateTime (taken as UTC),
     * written as an Excel date-time in UTC, format {@code yyyy-mm-dd hh:mm:ss.000} (milliseconds shown, so nothing rounds up to the next second or day).
     */
    TIMESTAMP,
    /** A LocalDate or java.sql.Date, written as an Excel date, format {@code yyyy-mm-dd}. */
    DATE,
    /** A {@link Number} as a fraction (0.5 is 50%), format {@code 0.0%}. */
    PERCENT
}

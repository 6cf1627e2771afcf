package com.promptforge.batch.spreadsheet;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * Turns the Java value of a typed column into the number Excel stores, or says why it cannot.
 */
final class CellValues {

    /** The largest whole number Excel shows exactly: it keeps 15 significant digits. */
    static final long MAX_EXACT_INTEGER = 999_999_999_999_999L;
    private static final BigInteger MAX_EXACT_BIG_INTEGER = BigInteger.valueOf(MAX_EXACT_INTEGER);
    private static final int FIRST_EXCEL_YEAR = 1900;
    private static final int LAST_EXCEL_YEAR = 9999;

    private CellValues() {
    }

    /** Why a value was refused; the sheet adds which sheet, column and row. */
    static final class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** What each kind accepts, for the message that refuses a value of another type. */
    static String accepted(CellKind kind) {
        return switch (kind) {
            case TEXT -> "any object";
            case INTEGER -> "a whole Number";
            case DECIMAL -> "a Number or BigDecimal";
            case BOOLEAN -> "a Boolean";
            case TIMESTAMP -> "an OffsetDateTime, ZonedDateTime, Instant, java.sql.Timestamp or LocalDateTime";
            case DATE -> "a LocalDate or java.sql.Date";
            case PERCENT -> "a Number (0.5 is 50%)";
        };
    }

    /** Whether the value's type fits the kind; a fitting value may still be refused for its value. */
    static boolean fits(CellKind kind, Object value) {
        return switch (kind) {
            case TEXT -> true;
            case INTEGER, DECIMAL, PERCENT -> value instanceof Number;
            case BOOLEAN -> value instanceof Boolean;
            case TIMESTAMP -> value instanceof OffsetDateTime || value instanceof Instant
                    || value instanceof java.sql.Timestamp || value instanceof LocalDateTime
                    || value instanceof ZonedDateTime;
            case DATE -> value instanceof LocalDate || value instanceof java.sql.Date;
        };
    }

    /** The Excel number for a value that {@link #fits} a numeric, date or boolean kind. */
    static double excelNumber(CellKind kind, Object value) {
        return switch (kind) {
            case INTEGER -> wholeNumber((Number) value);
            case DECIMAL, PERCENT -> finite((Number) value);
            case BOOLEAN -> (Boolean) value ? 1 : 0;
            case TIMESTAMP -> excelDateTime(utc(value));
            case DATE -> excelDateTime(localDate(value).atStartOfDay());
            case TEXT -> throw new IllegalStateException("text has no Excel number");
        };
    }

    private static double wholeNumber(Number number) {
        if (number instanceof Integer || number instanceof Long || number instanceof Short
                || number instanceof Byte || number instanceof AtomicInteger || number instanceof AtomicLong) {
            long whole = number.longValue();
            if (whole > MAX_EXACT_INTEGER || whole < -MAX_EXACT_INTEGER) {
                throw tooManyDigits(number);
            }
            return whole;
        }
        if (number instanceof BigInteger big) {
            if (big.abs().compareTo(MAX_EXACT_BIG_INTEGER) > 0) {
                throw tooManyDigits(number);
            }
            return big.doubleValue();
        }
        if (number instanceof BigDecimal decimal) {
            if (decimal.signum() != 0 && decimal.stripTrailingZeros().scale() > 0) {
                throw new Refused(number + " is not a whole number");
            }
            return wholeNumber(decimal.toBigInteger());
        }
        double value = finite(number);
        if (value != Math.rint(value)) {
            throw new Refused(number + " is not a whole number");
        }
        if (Math.abs(value) > MAX_EXACT_INTEGER) {
            throw tooManyDigits(number);
        }
        return value;
    }

    private static Refused tooManyDigits(Number number) {
        return new Refused(number + " has more digits than Excel keeps (15); write it in a text column");
    }

    private static double finite(Number number) {
        double value = number.doubleValue();
        if (!Double.isFinite(value)) {
            throw new Refused(number + " is not a finite number");
        }
        return value;
    }

    private static LocalDateTime utc(Object value) {
        if (value instanceof OffsetDateTime offset) {
            return LocalDateTime.ofInstant(offset.toInstant(), ZoneOffset.UTC);
        }
        if (value instanceof Instant instant) {
            return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return LocalDateTime.ofInstant(timestamp.toInstant(), ZoneOffset.UTC);
        }
        if (value instanceof ZonedDateTime zoned) {
            return LocalDateTime.ofInstant(zoned.toInstant(), ZoneOffset.UTC);
        }
        return (LocalDateTime) value;
    }

    private static LocalDate localDate(Object value) {
        return value instanceof java.sql.Date sqlDate ? sqlDate.toLocalDate() : (LocalDate) value;
    }

    /** Excel's serial date-time (1900 date system), to the millisecond. */
    private static double excelDateTime(LocalDateTime dateTime) {
        int year = dateTime.getYear();
        if (year < FIRST_EXCEL_YEAR || year > LAST_EXCEL_YEAR) {
            throw new Refused(dateTime + " is outside the dates Excel can hold (1900-01-01 to 9999-12-31)");
        }
        return DateUtil.getExcelDate(dateTime);
    }
}

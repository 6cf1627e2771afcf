package com.promptforge.batch.usage;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An ISO week (Monday to Sunday, UTC), e.g. 2026-W47, known by its Monday. */
record IsoWeek(LocalDate monday) {

    static final String ACCEPTED = "an ISO week such as 2026-W47 or a date in it such as 2026-11-18";
    private static final Pattern WEEK = Pattern.compile("(\\d{4})-?W(\\d{1,2})");

    IsoWeek {
        if (monday.getDayOfWeek() != DayOfWeek.MONDAY) {
            throw new IllegalArgumentException(monday + " is not a Monday");
        }
    }

    /** The week of {@code text} ("2026-W47", "2026w47" or a date yyyy-mm-dd), or empty if it is neither. */
    static Optional<IsoWeek> parse(String text) {
        String value = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        Matcher matcher = WEEK.matcher(value);
        if (matcher.matches()) {
            int year = Integer.parseInt(matcher.group(1));
            int week = Integer.parseInt(matcher.group(2));
            LocalDate thursday = LocalDate.of(year, 6, 1).with(IsoFields.WEEK_BASED_YEAR, year);
            long weeks = thursday.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
            if (week < 1 || week > weeks) {
                return Optional.empty();
            }
            return Optional.of(containing(thursday.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)));
        }
        try {
            return Optional.of(containing(LocalDate.parse(value)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static IsoWeek containing(LocalDate day) {
        return new IsoWeek(day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
    }

    /** The last week that had ended at {@code at}: a report on a Monday covers the week before it. */
    static IsoWeek lastCompletedBefore(Instant at) {
        return containing(at.atOffset(ZoneOffset.UTC).toLocalDate()).previous();
    }

    IsoWeek next() {
        return new IsoWeek(monday.plusWeeks(1));
    }

    IsoWeek minusWeeks(long weeks) {
        return new IsoWeek(monday.minusWeeks(weeks));
    }

    IsoWeek previous() {
        return new IsoWeek(monday.minusWeeks(1));
    }

    LocalDate sunday() {
        return monday.plusDays(6);
    }

    OffsetDateTime start() {
        return monday.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    /** The first instant after the week. */
    OffsetDateTime end() {
        return monday.plusWeeks(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    /** 2026-W47. */
    String label() {
        return String.format(Locale.ROOT, "%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR),
                monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    @Override
    public String toString() {
        return label();
    }
}

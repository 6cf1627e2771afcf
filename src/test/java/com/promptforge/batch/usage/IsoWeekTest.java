package com.promptforge.batch.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The week parameter: ISO weeks or dates, and the default, the last completed week. */
class IsoWeekTest {

    @Test
    void anIsoWeekIsKnownByItsMonday() {
        assertThat(IsoWeek.parse("2026-W47")).contains(new IsoWeek(LocalDate.of(2026, 11, 16)));
        assertThat(IsoWeek.parse("2026w47")).contains(new IsoWeek(LocalDate.of(2026, 11, 16)));
        assertThat(IsoWeek.parse("2026-W01")).contains(new IsoWeek(LocalDate.of(2025, 12, 29)));
    }

    @Test
    void anyDateStandsForTheWeekItIsIn() {
        assertThat(IsoWeek.parse("2026-11-22")).contains(new IsoWeek(LocalDate.of(2026, 11, 16)));
        assertThat(IsoWeek.parse("2026-11-16").orElseThrow().label()).isEqualTo("2026-W47");
    }

    @Test
    void aWeekPastTheYearsLastIsRefused() {
        assertThat(IsoWeek.parse("2026-W53")).contains(new IsoWeek(LocalDate.of(2026, 12, 28)));
        assertThat(IsoWeek.parse("2025-W53")).isEmpty();
        assertThat(IsoWeek.parse("2026-W00")).isEmpty();
        assertThat(IsoWeek.parse("last week")).isEmpty();
    }

    @Test
    void theDefaultIsTheLastWeekCompletedAtLaunch() {
        assertThat(IsoWeek.lastCompletedBefore(Instant.parse("2026-11-23T06:00:00Z")).label()).isEqualTo("2026-W47");
        assertThat(IsoWeek.lastCompletedBefore(Instant.parse("2026-11-29T23:59:59Z")).label()).isEqualTo("2026-W47");
    }

    @Test
    void theWeekRunsFromMondayMidnightUtcToTheNextMonday() {
        IsoWeek week = IsoWeek.parse("2026-W47").orElseThrow();

        assertThat(week.start()).hasToString("2026-11-16T00:00Z");
        assertThat(week.end()).hasToString("2026-11-23T00:00Z");
        assertThat(week.previous().label()).isEqualTo("2026-W46");
    }
}

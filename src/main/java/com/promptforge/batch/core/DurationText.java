package com.promptforge.batch.core;

import java.time.Duration;
import java.util.Locale;

/**
 * How long something took, as text, in one of two forms: {@link #compact} for the console and the logs (a
 * run's summary, progress lines, ETAs) and {@link #spoken} for a report's summary sheet.
 */
public final class DurationText {

    private DurationText() {
    }

    /** "850 ms", "12.3 s", "4m05s", "2h03m": short, for lines read at a terminal. */
    public static String compact(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format("%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return String.format("%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }

    /** "850 ms", "4.2 s", "42 s", "1 min 12 s", "2 h 3 min": what a reader says aloud. */
    public static String spoken(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }
}

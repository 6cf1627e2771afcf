package com.promptforge.batch.schedule;

import com.promptforge.batch.core.BadInputException;
import com.promptforge.batch.report.LocalStoredReports;
import com.promptforge.batch.report.StoredReports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code PF_REPORTS_KEEP_DAYS} ({@code pf.reports-keep-days}): reports last modified (in a bucket: created) more
 * than that many days ago are deleted with their {@code .sha256}, one line per report, in whichever store is
 * configured (the reports folder, or the bucket of PF_REPORTS_STORE). Empty keeps everything. The schedule daemon
 * applies it when it starts and then once a day. Hidden files (a workbook being written) and anything that is not a
 * workbook are never touched.
 */
@Component
public class ReportRetention {

    private final StoredReports store;
    private final String keepDays;

    ReportRetention(String reportsDir, String keepDays) {
        this(new LocalStoredReports(Path.of(reportsDir)), keepDays);
    }

    @Autowired
    ReportRetention(StoredReports store, @Value("${pf.reports-keep-days:}") String keepDays) {
        this.store = store;
        this.keepDays = keepDays == null ? "" : keepDays.strip();
    }

    /**
     * The number of days reports are kept; empty when they are kept forever.
     *
     * @throws BadInputException when the setting is not a whole number of days from 1
     */
    public OptionalInt keepDays() {
        if (keepDays.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int days = Integer.parseInt(keepDays);
            if (days >= 1) {
                return OptionalInt.of(days);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadInputException("PF_REPORTS_KEEP_DAYS: '" + keepDays
                + "' is not a number of days: expected a whole number from 1, or nothing to keep every report");
    }

    /** Deletes the reports older than the setting at {@code now}; one line per deleted report; returns where they were. */
    public List<Path> apply(Instant now, Consumer<String> output) {
        OptionalInt days = keepDays();
        if (days.isEmpty()) {
            return List.of();
        }
        return store.deleteOlderThan(now.minus(Duration.ofDays(days.getAsInt())),
                "older than PF_REPORTS_KEEP_DAYS=" + days.getAsInt(), output).stream().map(Path::of).toList();
    }
}

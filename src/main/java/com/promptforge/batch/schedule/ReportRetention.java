package com.promptforge.batch.schedule;

import com.promptforge.batch.core.BadInputException;
import com.promptforge.batch.report.LocalStoredReports;
import com.promptforge.batch.report.ReportFamily;
import com.promptforge.batch.report.StoredReports;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code PF_REPORTS_KEEP_DAYS} ({@code pf.reports-keep-days}): reports the jobs wrote (each job's
 * {@link ReportFamily}: {@code <its folder>/<its name>-*.xlsx}) last modified (in a bucket: created) more than that
 * many days ago are deleted with their {@code .sha256}, one line per report, in whichever store is configured (the
 * reports folder, or the bucket of PF_REPORTS_STORE). Empty keeps everything. The schedule daemon applies it when it
 * starts and then once a day. Anything else in the folder or bucket (a workbook of someone else's when the folder
 * is shared or is a home folder, a hidden workbook being written) is never touched.
 */
@Component
public class ReportRetention {

    private final StoredReports store;
    private final String keepDays;
    private final List<ReportFamily> families;

    ReportRetention(String reportsDir, String keepDays, List<ReportFamily> families) {
        this(new LocalStoredReports(Path.of(reportsDir)), keepDays, families);
    }

    @Autowired
    ReportRetention(StoredReports store, @Value("${pf.reports-keep-days:}") String keepDays,
                    List<ReportFamily> families) {
        this.store = store;
        this.keepDays = keepDays == null ? "" : keepDays.strip();
        this.families = List.copyOf(families);
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
                key -> families.stream().anyMatch(family -> family.wrote(key)),
                "older than PF_REPORTS_KEEP_DAYS=" + days.getAsInt(), output).stream().map(Path::of).toList();
    }
}

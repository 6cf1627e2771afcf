package com.promptforge.batch.schedule;

import com.promptforge.batch.core.BadInputException;
import com.promptforge.batch.report.ReportFamily;
import com.promptforge.batch.report.Sha256Sidecar;
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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code PF_REPORTS_KEEP_DAYS} ({@code pf.reports-keep-days}): reports the jobs wrote (each job's
 * {@link ReportFamily}: {@code <reports folder>/<its folder>/<its name>-*.xlsx}) last modified more than that many
 * days ago are deleted with their {@code .sha256}, one line per report. Empty keeps everything. The schedule daemon
 * applies it when it starts and then once a day. Anything else in the reports folder (a workbook of someone else's
 * when the folder is shared or is a home folder, a hidden workbook being written) is never touched.
 */
@Component
public class ReportRetention {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Path reportsDir;
    private final String keepDays;
    private final List<ReportFamily> families;

    ReportRetention(@Value("${pf.reports-dir}") String reportsDir, @Value("${pf.reports-keep-days:}") String keepDays,
                    List<ReportFamily> families) {
        this.reportsDir = Path.of(reportsDir);
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

    /** Deletes the reports older than the setting at {@code now}; one line per deleted file. */
    public List<Path> apply(Instant now, Consumer<String> output) {
        OptionalInt days = keepDays();
        if (days.isEmpty() || !Files.isDirectory(reportsDir)) {
            return List.of();
        }
        Instant cutoff = now.minus(Duration.ofDays(days.getAsInt()));
        List<Path> deleted = new ArrayList<>();
        for (Path report : reports()) {
            try {
                Instant modified = Files.getLastModifiedTime(report).toInstant();
                if (modified.isBefore(cutoff) && Files.deleteIfExists(report)) {
                    Files.deleteIfExists(Sha256Sidecar.of(report)); // goes with its report
                    deleted.add(report);
                    output.accept("Deleted report " + report + " (last modified " + TIME.format(modified)
                            + ", older than PF_REPORTS_KEEP_DAYS=" + days.getAsInt() + ")");
                }
            } catch (IOException e) {
                output.accept("Could not delete report " + report + ": " + e.getMessage());
            }
        }
        return deleted;
    }

    private List<Path> reports() {
        try (Stream<Path> files = Files.walk(reportsDir, 2)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> families.stream().anyMatch(family -> family.wrote(reportsDir, file)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + reportsDir, e);
        }
    }
}

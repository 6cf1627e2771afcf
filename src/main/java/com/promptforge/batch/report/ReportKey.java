package com.promptforge.batch.report;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * A report's name, one naming for every job: {@code <folder>/<name>-<UTC timestamp>.xlsx} for a run-by-run report,
 * {@code <folder>/<name>-<period>.xlsx} for a report of a named period, {@code <folder>/<name>.xlsx} when the name
 * already says what it covers. It is the report's path under the reports folder and, for a store that is not a
 * folder, its key ({@code usage/usage-report-2026-W48.xlsx}).
 *
 * @param folder   the job's folder, such as {@code usage}
 * @param fileName the file's name in that folder
 */
public record ReportKey(String folder, String fileName) {

    // Milliseconds, so that two runs within one second do not overwrite each other's file.
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    public ReportKey {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(fileName, "fileName");
        if (folder.isEmpty() || fileName.isEmpty() || fileName.contains("/") || fileName.startsWith(".")) {
            throw new IllegalArgumentException("a report is named <folder>/<file> without a leading dot: "
                    + folder + "/" + fileName);
        }
    }

    /** The key as its text ({@link #toString}) gives it: {@code usage/usage-report-all-orgs-2026-W48.xlsx}. */
    public static ReportKey parse(String key) {
        int slash = key.lastIndexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("a report is named <folder>/<file>: " + key);
        }
        return new ReportKey(key.substring(0, slash), key.substring(slash + 1));
    }

    /** {@code <folder>/<name>-<period>.xlsx}, for a report of a named period (an ISO week such as 2026-W47). */
    public static ReportKey forPeriod(String folder, String name, String period) {
        return new ReportKey(folder, name + "-" + period + ".xlsx");
    }

    /** {@code <folder>/<name>-<UTC timestamp, ms>.xlsx}: every run has its own file. */
    public static ReportKey timestamped(String folder, String name, Instant at) {
        return new ReportKey(folder, name + "-" + TIMESTAMP.format(at) + ".xlsx");
    }

    /** {@code <folder>/<name>.xlsx}: a later run for the same name replaces the file. */
    public static ReportKey named(String folder, String name) {
        return new ReportKey(folder, name + ".xlsx");
    }

    /** The report's file under {@code root}. */
    public Path in(Path root) {
        return root.resolve(folder).resolve(fileName);
    }

    @Override
    public String toString() {
        return folder + "/" + fileName;
    }
}

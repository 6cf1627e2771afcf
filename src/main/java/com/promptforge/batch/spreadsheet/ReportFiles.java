package com.promptforge.batch.spreadsheet;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Where a job's workbook goes, one naming for every job: {@code <reportsDir>/<folder>/<name>-<UTC timestamp>.xlsx},
 * or {@code <name>-<period>.xlsx} for a report of a named period.
 */
public final class ReportFiles {

    // Milliseconds, so that two runs within one second do not overwrite each other's file.
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ReportFiles() {
    }

    /**
     * {@code <reportsDir>/<folder>/<name>-<period>.xlsx}, for a report of a named period (an ISO week such as
     * 2026-W47) that a second run for the same period replaces.
     */
    public static Path forPeriod(Path reportsDir, String folder, String name, String period) {
        return reportsDir.resolve(folder).resolve(name + "-" + period + ".xlsx");
    }

    public static Path timestamped(Path reportsDir, String folder, String name, Instant at) {
        return reportsDir.resolve(folder).resolve(name + "-" + TIMESTAMP.format(at) + ".xlsx");
    }
}

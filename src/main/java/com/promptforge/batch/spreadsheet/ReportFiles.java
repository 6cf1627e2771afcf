package com.promptforge.batch.spreadsheet;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Where a job's workbook goes: {@code <reportsDir>/<folder>/<name>-<UTC timestamp>.xlsx}, one naming for every job. */
public final class ReportFiles {

    // Milliseconds, so that two runs within one second do not overwrite each other's file.
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ReportFiles() {
    }

    public static Path timestamped(Path reportsDir, String folder, String name, Instant at) {
        return reportsDir.resolve(folder).resolve(name + "-" + TIMESTAMP.format(at) + ".xlsx");
    }
}

package com.promptforge.batch.report;

import java.nio.file.Path;
import java.time.Instant;

/**
 * The reports one job writes: its folder under the reports folder and the name every file of it starts with
 * ({@code usage}, {@code usage-report}). Every job names its reports through its family, and declares it as a bean,
 * so that the schedule's retention deletes what the jobs wrote and nothing else in the reports folder.
 *
 * @param folder the job's folder, such as {@code usage}
 * @param name   the name every report of the job starts with, followed by {@code -}
 */
public record ReportFamily(String folder, String name) {

    public ReportFamily {
        new ReportKey(folder, name + ".xlsx"); // the same rules as a report's name
    }

    /** {@code <folder>/<name>-<period>.xlsx}. */
    public ReportKey forPeriod(String period) {
        return ReportKey.forPeriod(folder, name, period);
    }

    /** {@code <folder>/<name>-<UTC timestamp, ms>.xlsx}. */
    public ReportKey timestamped(Instant at) {
        return ReportKey.timestamped(folder, name, at);
    }

    /** {@code <folder>/<name>-<rest>.xlsx}. */
    public ReportKey named(String rest) {
        return ReportKey.named(folder, name + "-" + rest);
    }

    /**
     * Whether {@code file} under {@code reportsDir} is one of these reports: {@code <reportsDir>/<folder>/<name>-*.xlsx}
     * (a hidden file, a staged report, is not).
     */
    public boolean wrote(Path reportsDir, Path file) {
        Path relative = reportsDir.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        return relative.getNameCount() == 2 && wrote(relative.getName(0) + "/" + relative.getFileName());
    }

    /** Whether a store's key ({@code usage/usage-report-2026-W48.xlsx}) is one of these reports. */
    public boolean wrote(String key) {
        int slash = key.indexOf('/');
        if (slash < 0 || key.indexOf('/', slash + 1) >= 0 || !key.substring(0, slash).equals(folder)) {
            return false;
        }
        String fileName = key.substring(slash + 1);
        return fileName.startsWith(name + "-") && fileName.endsWith(".xlsx") && fileName.length() > name.length() + 6;
    }
}

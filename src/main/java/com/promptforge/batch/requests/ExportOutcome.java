package com.promptforge.batch.requests;

import com.promptforge.batch.job.RunSummary;
import com.promptforge.batch.report.Sha256Sidecar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * What a completed audit-export execution produced, as a request records it: the workbook's key (its path relative
 * to the reports folder, with '/'), its SHA-256 (read from the {@code .sha256} sidecar the export wrote beside it)
 * and the rows of each sheet. Read from the summary entries the export's step leaves in its context
 * ({@link RunSummary}: "workbook", "scored runs", "bundles", "anomalies"), the same figures its summary prints.
 * The workbook entry is the published report's location, which for the reports folder is its path; a store that
 * is not a folder will have to give the key and SHA-256 in the context instead.
 */
record ExportOutcome(String reportKey, String sha256, Map<String, Long> rowCounts) {

    static final String WORKBOOK = "workbook";
    /** Summary labels of the export's counts, and the row_counts keys they go to (019's JSON shape). */
    private static final Map<String, String> COUNTS = Map.of(
            "scored runs", "scored_runs", "bundles", "bundles", "anomalies", "anomalies");

    static ExportOutcome of(JobExecution execution, Path reportsDir) throws IOException {
        Path workbook = Path.of(String.valueOf(summaryValue(execution, WORKBOOK)
                .orElseThrow(() -> new IOException("the audit export named no workbook in its summary"))));
        Path sidecar = Sha256Sidecar.of(workbook);
        String sha256 = Files.readString(sidecar).strip().split("\\s+", 2)[0];
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IOException(sidecar + " holds no SHA-256");
        }
        Map<String, Long> rowCounts = new LinkedHashMap<>();
        COUNTS.forEach((label, key) -> rowCounts.put(key, summaryValue(execution, label)
                .map(value -> ((Number) value).longValue()).orElse(0L)));
        String key = reportsDir.toAbsolutePath().normalize().relativize(workbook.toAbsolutePath().normalize())
                .toString().replace('\\', '/');
        return new ExportOutcome(key, sha256, rowCounts);
    }

    /** row_counts as JSON text: {"scored_runs": n, "bundles": n, "anomalies": n}. */
    String rowCountsJson() {
        StringBuilder json = new StringBuilder("{");
        rowCounts.forEach((key, value) -> json.append(json.length() > 1 ? ", " : "").append('"').append(key)
                .append("\": ").append(value));
        return json.append('}').toString();
    }

    /** The value of a summary entry by its label ("6 workbook" is found as "workbook"), from any step. */
    private static Optional<Object> summaryValue(JobExecution execution, String label) {
        for (StepExecution step : execution.getStepExecutions()) {
            for (Map.Entry<String, Object> entry : step.getExecutionContext().entrySet()) {
                String key = entry.getKey();
                if (key.startsWith(RunSummary.PREFIX)
                        && key.substring(RunSummary.PREFIX.length()).replaceFirst("^\\d+ +", "").equals(label)) {
                    return Optional.of(entry.getValue());
                }
            }
        }
        return Optional.empty();
    }
}

package com.promptforge.batch.requests;

import com.promptforge.batch.job.RunSummary;
import com.promptforge.batch.report.JobReportStore;
import com.promptforge.batch.report.JobReportStore.JobReport;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * What a completed audit-export execution produced, as a request records it: the workbook's key in the report store
 * ({@code audit/audit-org-acme-2026-11-01-2026-11-30.xlsx}, the same in the reports folder and in a bucket) and its
 * SHA-256, as the store recorded them in the job's context ({@link JobReportStore#reports}), and the rows of each
 * sheet, from the summary entries the export's step leaves in its context ({@link RunSummary}: "scored runs",
 * "bundles", "anomalies"), the same figures its summary prints.
 */
record ExportOutcome(String reportKey, String sha256, Map<String, Long> rowCounts) {

    /** Summary labels of the export's counts, and the row_counts keys they go to (019's JSON shape). */
    private static final Map<String, String> COUNTS = Map.of(
            "scored runs", "scored_runs", "bundles", "bundles", "anomalies", "anomalies");

    static ExportOutcome of(JobExecution execution) throws IOException {
        JobReport workbook = JobReportStore.reports(execution).stream()
                .filter(report -> report.key().endsWith(".xlsx"))
                .findFirst()
                .orElseThrow(() -> new IOException("the audit export recorded no report"));
        Map<String, Long> rowCounts = new LinkedHashMap<>();
        COUNTS.forEach((label, key) -> rowCounts.put(key, summaryValue(execution, label)
                .map(value -> ((Number) value).longValue()).orElse(0L)));
        return new ExportOutcome(workbook.key(), workbook.sha256(), rowCounts);
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

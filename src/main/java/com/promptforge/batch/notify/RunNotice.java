package com.promptforge.batch.notify;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a notification says about one execution.
 *
 * @param outcome    {@link NotifyRule#COMPLETED} or {@link NotifyRule#FAILED}
 * @param period     the period the report covers (an ISO week, "from to to"), else empty
 * @param failure    why it failed, in one line; empty when it completed
 * @param reportKey  the report's path in the store ({@code usage/usage-report-2026-W48.xlsx}); empty when none
 * @param location   where the report is, for a reader: the store's path or {@code s3://} location; empty when none
 * @param link       a download link (presigned, for an object store); empty when the store makes none
 * @param reportFile the report as a local file (for the attachment); null when there is none
 * @param sha256     the report's SHA-256; empty when there is none
 * @param figures    the headline figures of the run (label, value), in order
 * @param findings   what needs attention (WorkbookFindings), one line each
 */
public record RunNotice(String job, long executionId, String outcome, String period, String failure,
                        String reportKey, String location, String link, Path reportFile, String sha256,
                        Map<String, String> figures, List<String> findings) {

    public RunNotice {
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
        findings = List.copyOf(findings);
    }

    public boolean failed() {
        return NotifyRule.FAILED.equals(outcome);
    }

    /** "usage-report 2026-W48: completed". */
    public String headline() {
        return job + (period.isBlank() ? "" : " " + period) + ": " + outcome;
    }
}

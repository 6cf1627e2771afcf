package com.promptforge.batch.report;

/**
 * A report its readers can fetch.
 *
 * @param key      its name
 * @param location where readers find it, as the run's summary prints it (for the reports folder, its path)
 * @param sha256   its SHA-256, 64 lowercase hex digits, also in the sidecar beside it
 */
public record PublishedReport(ReportKey key, String location, String sha256) {

    /** Where the {@code .sha256} sidecar is: beside the report, in every store. */
    public String sidecarLocation() {
        return location + Sha256Sidecar.SUFFIX;
    }
}

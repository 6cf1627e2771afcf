package com.promptforge.batch.report;

import java.nio.file.Path;

/**
 * A finished report on local disk, in its final name, with its sidecar: what a {@link ReportStore} publishes.
 *
 * @param key     its name
 * @param file    the workbook
 * @param sidecar {@code <file>.sha256}
 * @param sha256  the workbook's SHA-256, 64 lowercase hex digits
 */
public record CommittedReport(ReportKey key, Path file, Path sidecar, String sha256) {
}

/**
 * The one report lifecycle every job uses: name a report ({@link com.promptforge.batch.report.ReportKey}), stage
 * it (a hidden temp file the writer writes to), commit it (atomic move into place and its {@code .sha256}),
 * publish it to the {@link com.promptforge.batch.report.ReportStore} (today the reports folder,
 * {@link com.promptforge.batch.report.LocalReportStore}), or discard it; and the removal of what killed runs left
 * ({@link com.promptforge.batch.report.LeftoverTempFiles}). It knows nothing of spreadsheets.
 */
package com.promptforge.batch.report;

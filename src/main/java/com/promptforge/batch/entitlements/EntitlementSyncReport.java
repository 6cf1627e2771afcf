package com.promptforge.batch.entitlements;

import com.promptforge.batch.spreadsheet.Column;
import com.promptforge.batch.spreadsheet.ReportFiles;
import com.promptforge.batch.spreadsheet.SpreadsheetWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The workbook of one sync: a Summary sheet (one row of figures), every change and every skipped org.
 * Rows are streamed in as chunks commit; {@link #commit} puts the file in place.
 */
final class EntitlementSyncReport implements AutoCloseable {

    static final String SUMMARY_SHEET = "Summary";
    static final String CHANGES_SHEET = "Changes";
    static final String SKIPPED_SHEET = "Skipped orgs";

    private final SpreadsheetWriter workbook;
    private final SpreadsheetWriter.Sheet summary;
    private final SpreadsheetWriter.Sheet changes;
    private final SpreadsheetWriter.Sheet skipped;

    private EntitlementSyncReport(SpreadsheetWriter workbook) {
        this.workbook = workbook;
        // Created first so that it is the first sheet; its one row is written last.
        this.summary = workbook.sheet(SUMMARY_SHEET, List.of(
                Column.text("Mode", 24), Column.text("Result", 12),
                Column.integer("Orgs scanned", 14), Column.integer("Orgs changed", 14),
                Column.integer("Rows added", 12), Column.integer("Rows removed", 13),
                Column.integer("Rows updated", 13), Column.integer("Orgs skipped", 13),
                Column.integer("Job instance", 13), Column.integer("Job execution", 14)));
        this.changes = workbook.sheet(CHANGES_SHEET, List.of(
                Column.text("Org", 38), Column.text("User", 38), Column.text("Flag", 18),
                Column.text("Source", 9), Column.text("Source ref", 22), Column.text("Change", 9),
                Column.bool("Old value", 10), Column.bool("New value", 10),
                Column.timestamp("Old valid from (UTC)", 20), Column.timestamp("Old valid until (UTC)", 20),
                Column.timestamp("New valid from (UTC)", 20), Column.timestamp("New valid until (UTC)", 20),
                Column.timestamp("Changed at (UTC)", 20)));
        this.skipped = workbook.sheet(SKIPPED_SHEET, List.of(
                Column.text("Org", 38), Column.text("Reason", 80), Column.timestamp("Skipped at (UTC)", 20)));
    }

    /** {@code <reportsDir>/entitlements/entitlement-sync-<UTC timestamp>.xlsx}. */
    static Path target(Path reportsDir, Instant at) {
        return ReportFiles.timestamped(reportsDir, "entitlements", "entitlement-sync", at);
    }

    static EntitlementSyncReport create(Path target) {
        SpreadsheetWriter workbook = SpreadsheetWriter.create(target);
        try {
            return new EntitlementSyncReport(workbook);
        } catch (RuntimeException e) {
            workbook.close();
            throw e;
        }
    }

    void change(EntitlementChange change) {
        changes.row(change.orgId(), change.userId(), change.flag(), change.source(), change.sourceRef(),
                change.kind().code(), change.oldValue(), change.newValue(), change.oldValidFrom(),
                change.oldValidUntil(), change.newValidFrom(), change.newValidUntil(), change.changedAt());
    }

    void skip(SkippedOrg org) {
        skipped.row(org.orgId(), org.reason(), org.skippedAt());
    }

    /** Writes the summary row and puts the workbook in place; returns its path. */
    Path commit(boolean dryRun, String result, SyncSummary figures, long jobInstanceId, long jobExecutionId) {
        summary.row(dryRun ? "dry run: nothing written" : "applied", result,
                figures.orgsScanned(), figures.orgsChanged(), figures.rowsAdded(), figures.rowsRemoved(),
                figures.rowsUpdated(), figures.orgsSkipped(), jobInstanceId, jobExecutionId);
        return workbook.commit();
    }

    /** Without a commit, throws the workbook away. */
    @Override
    public void close() {
        workbook.close();
    }
}

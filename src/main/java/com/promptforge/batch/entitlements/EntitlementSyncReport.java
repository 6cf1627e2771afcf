package com.promptforge.batch.entitlements;

import com.promptforge.batch.job.ReportedRun;
import com.promptforge.batch.spreadsheet.Column;
import com.promptforge.batch.report.ReportFamily;
import com.promptforge.batch.report.ReportKey;
import com.promptforge.batch.report.ReportLifecycle;
import com.promptforge.batch.report.StagedReport;
import com.promptforge.batch.spreadsheet.SpreadsheetWriter;
import com.promptforge.batch.spreadsheet.SummarySheet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The workbook of one sync: a Summary sheet (label / value rows: the run, its parameters and figures, a link to each
 * sheet), every change and every skipped org, each org by id, slug and name, each user by id and e-mail (where the
 * database has e-mails). Past {@code detailLimit} changes, the Changes sheet counts them by source, flag and change
 * (orgs and rows) and the Summary says where every row is (entitlement_changes, by execution id). Changes and skips
 * are kept as chunks commit ({@link ChangeList}: at most detailLimit changes held) and written by {@link #commit},
 * which commits and publishes the report ({@link ReportLifecycle}).
 */
final class EntitlementSyncReport implements AutoCloseable {

    static final String REPORT_NAME = "Entitlement sync";
    static final String SUMMARY_SHEET = "Summary";
    static final String CHANGES_SHEET = "Changes";
    static final String SKIPPED_SHEET = "Skipped orgs";

    static final String ORGS_SCANNED = "Orgs scanned";
    static final String ORGS_CHANGED = "Orgs changed";
    static final String ROWS_ADDED = "Entitlement rows added";
    static final String ROWS_REMOVED = "Entitlement rows removed";
    static final String ROWS_UPDATED = "Entitlement rows updated";
    static final String ORGS_SKIPPED = "Orgs skipped";
    static final String SHARE_CHANGED = "Share of orgs changed";
    static final String JOB_INSTANCE = "Job instance";
    static final String TOOK = "Took";
    static final String CHANGES_LISTED = "Changes listed";

    private final StagedReport staged;
    private final SpreadsheetWriter workbook;
    private final ReportedRun run;
    private final boolean dryRun;
    private final boolean withEmails;
    private final SummarySheet summary;
    private final ChangeList changes;
    private final List<SkippedOrg> skipped = new ArrayList<>();

    private EntitlementSyncReport(StagedReport staged, SpreadsheetWriter workbook, ReportedRun run, boolean dryRun,
                                  boolean withEmails, long detailLimit) {
        this.staged = staged;
        this.changes = new ChangeList(detailLimit);
        this.workbook = workbook;
        this.run = run;
        this.dryRun = dryRun;
        this.withEmails = withEmails;
        this.summary = run.describeIn(workbook.summary(SUMMARY_SHEET).about(dryRun
                ? "What the entitlement sync would change in the entitlements projection to match billing "
                        + "(subscriptions, grants, plan definitions), and the organizations it would skip for bad "
                        + "billing data. Dry run: nothing was written."
                : "Every entitlement row the sync added, removed or updated to match billing (subscriptions, grants, "
                        + "plan definitions), and the organizations it skipped for bad billing data."));
    }

    /** The sync's reports: {@code entitlements/entitlement-sync-*.xlsx}. */
    static final ReportFamily FAMILY = new ReportFamily("entitlements", "entitlement-sync");

    /** {@code entitlements/entitlement-sync-<UTC timestamp>.xlsx}. */
    static ReportKey key(Instant at) {
        return FAMILY.timestamped(at);
    }

    /**
     * {@code withEmails}: a User e-mail column beside the user id (the database has auth.users); past
     * {@code detailLimit} changes, the Changes sheet counts them by source, flag and kind instead.
     */
    static EntitlementSyncReport create(ReportLifecycle reports, ReportKey key, ReportedRun run, boolean dryRun,
                                        boolean withEmails, long detailLimit) {
        StagedReport staged = reports.stage(key);
        SpreadsheetWriter workbook = null;
        try {
            workbook = SpreadsheetWriter.create(staged.file(), REPORT_NAME);
            return new EntitlementSyncReport(staged, workbook, run, dryRun, withEmails, detailLimit);
        } catch (RuntimeException e) {
            try (staged) {
                if (workbook != null) {
                    workbook.close();
                }
            }
            throw e;
        }
    }

    void change(EntitlementChange change) {
        changes.add(change);
    }

    /** Changes already counted by source, flag and kind (of orgs no other call reported). */
    void changes(ChangeGroup group) {
        changes.add(group);
    }

    void skip(SkippedOrg org) {
        skipped.add(org);
    }

    /** Whether the report counts the changes rather than listing them: more than detailLimit came. */
    boolean grouped() {
        return changes.grouped();
    }

    /** The sheets, written once the changes are known: one by one, or counted past detailLimit. */
    private void writeSheets() {
        if (changes.grouped()) {
            groupSheet();
        } else {
            detailSheet();
        }
        SpreadsheetWriter.Sheet skipSheet = workbook.sheet(SKIPPED_SHEET, "Organizations left as they were because "
                + "of bad billing data, and why", List.of(
                Column.text("Org id", 36), Column.text("Org slug", 30), Column.text("Org name", 40),
                Column.text("Reason", 80), Column.timestamp("Skipped at (UTC)")));
        for (SkippedOrg org : skipped) {
            skipSheet.row(org.orgId(), org.orgSlug(), org.orgName(), org.reason(), org.skippedAt());
        }
    }

    private void detailSheet() {
        List<Column> columns = new ArrayList<>(List.of(
                Column.text("Org id", 36), Column.text("Org slug", 30), Column.text("Org name", 40),
                Column.text("User id", 36)));
        if (withEmails) {
            columns.add(Column.text("User e-mail", 40));
        }
        columns.addAll(List.of(Column.text("Flag", 24), Column.text("Source", 9),
                Column.text("Source ref", 24), Column.text("Change", 8),
                Column.bool("Old value"), Column.bool("New value"),
                Column.timestamp("Old valid from (UTC)"), Column.timestamp("Old valid until (UTC)"),
                Column.timestamp("New valid from (UTC)"), Column.timestamp("New valid until (UTC)"),
                Column.timestamp("Changed at (UTC)")));
        SpreadsheetWriter.Sheet sheet = workbook.sheet(CHANGES_SHEET, dryRun
                ? "Each entitlement row the sync would add, remove or update, before and after"
                : "Each entitlement row added, removed or updated, before and after (as entitlement_changes records it)",
                columns);
        for (EntitlementChange change : changes.details()) {
            List<Object> row = new ArrayList<>(17);
            row.addAll(java.util.Arrays.asList(change.orgId(), change.orgSlug(), change.orgName(), change.userId()));
            if (withEmails) {
                row.add(change.userEmail());
            }
            row.addAll(java.util.Arrays.asList(change.flag(), change.source(), change.sourceRef(),
                    change.kind().code(), change.oldValue(), change.newValue(), change.oldValidFrom(),
                    change.oldValidUntil(), change.newValidFrom(), change.newValidUntil(), change.changedAt()));
            sheet.row(row.toArray());
        }
    }

    private void groupSheet() {
        SpreadsheetWriter.Sheet sheet = workbook.sheet(CHANGES_SHEET, (dryRun
                        ? "The entitlement rows the sync would change, "
                        : "The entitlement rows changed, ") + "counted by source, flag and change (more than "
                        + "detailLimit=" + changes.detailLimit() + " changes)" + (dryRun ? "" : "; every row: "
                        + rowsQuery()),
                List.of(Column.text("Source", 9), Column.text("Flag", 24), Column.text("Change", 8),
                        Column.integer("Orgs", 9), Column.integer("Rows", 9)));
        for (ChangeGroup group : changes.groups()) {
            sheet.row(group.source(), group.flag(), group.kind().code(), group.orgs(), group.rows());
        }
    }

    /** Where every change of this execution is, when the sheet only counts them. */
    private String rowsQuery() {
        return "select * from entitlement_changes where job_execution_id = " + run.executionId();
    }

    /** Fills in the summary's outcome and figures, commits and publishes the report; returns where it is. */
    String commit(String result, SyncSummary figures, long jobInstanceId) {
        summary.outcome(result + (dryRun ? " (dry run: nothing written)" : ""))
                .count(ORGS_SCANNED, figures.orgsScanned())
                .count(ORGS_CHANGED, figures.orgsChanged())
                .percentage(SHARE_CHANGED, figures.orgsScanned() == 0 ? 0
                        : (double) figures.orgsChanged() / figures.orgsScanned())
                .count(ROWS_ADDED, figures.rowsAdded())
                .count(ROWS_REMOVED, figures.rowsRemoved())
                .count(ROWS_UPDATED, figures.rowsUpdated())
                .count(ORGS_SKIPPED, figures.orgsSkipped())
                .duration(TOOK, run.elapsed())
                .figure(JOB_INSTANCE, jobInstanceId);
        if (changes.grouped()) {
            summary.figure(CHANGES_LISTED, "counted by source, flag and change on the " + CHANGES_SHEET
                    + " sheet: more than detailLimit=" + changes.detailLimit() + " changes"
                    + (dryRun ? "" : "; every row is in entitlement_changes: " + rowsQuery()
                    + " (job_instance_id = " + jobInstanceId + " for every execution of a restarted run)"));
        }
        writeSheets();
        workbook.finish();
        return staged.commitAndPublish().location();
    }

    /** Without a commit, throws the workbook away. */
    @Override
    public void close() {
        try (staged) {
            workbook.close();
        }
    }
}

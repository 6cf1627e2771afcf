package com.promptforge.batch.validation;

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
import java.util.Collection;
import java.util.List;

/**
 * The workbook of one validation: a Summary sheet (label / value rows: the run and its totals, a link to each
 * sheet), a Tables sheet (one row per shaped table) and every problem found, each with the organization (id, slug,
 * name) and user (id, e-mail where the database has e-mails) its row belongs to, streamed in as the chunks are
 * written; {@link #commit} commits and publishes the report ({@link ReportLifecycle}).
 */
final class ValidationReport implements AutoCloseable {

    static final String REPORT_NAME = "Data validation";
    static final String SUMMARY_SHEET = "Summary";
    static final String TABLES_SHEET = "Tables";
    static final String INVALID_ROWS_SHEET = "Invalid rows";
    static final String ALL_TABLES = "(all tables)";

    static final String ROWS_CHECKED = "Rows checked";
    static final String INVALID_ROWS = "Rows without their JSON shape";
    static final String PROBLEMS = "Problems found";
    static final String SHARE_INVALID = "Share of rows invalid";
    static final String TOOK = "Took";

    private final StagedReport staged;
    private final SpreadsheetWriter workbook;
    private final ReportedRun run;
    private final boolean withEmails;
    private final SummarySheet summary;
    private final SpreadsheetWriter.Sheet tables;
    private final SpreadsheetWriter.Sheet invalidRows;

    private ValidationReport(StagedReport staged, SpreadsheetWriter workbook, ReportedRun run, boolean withEmails) {
        this.staged = staged;
        this.workbook = workbook;
        this.run = run;
        this.withEmails = withEmails;
        this.summary = run.describeIn(workbook.summary(SUMMARY_SHEET).about(
                "Every row of every table with a JSON column checked against its documented shape (the checks the "
                        + "shape constraints make); the rows that do not have it, and what is wrong with them. "
                        + "No data was changed."));
        this.tables = workbook.sheet(TABLES_SHEET, "Rows checked, invalid rows and problems per table", List.of(
                Column.text("Table", 18), Column.text("JSON columns", 30), Column.integer("Rows checked", 14),
                Column.integer("Invalid rows", 13), Column.integer("Problems", 10)));
        List<Column> columns = new ArrayList<>(List.of(Column.text("Table", 18), Column.text("Key", 36),
                Column.text("Org id", 36), Column.text("Org slug", 30), Column.text("Org name", 40),
                Column.text("User id", 36)));
        if (withEmails) {
            columns.add(Column.text("User e-mail", 40));
        }
        columns.addAll(List.of(Column.text("Column", 14), Column.text("Problem", 80)));
        this.invalidRows = workbook.sheet(INVALID_ROWS_SHEET, "Each problem of each row without its JSON shape, "
                + "with the organization and user the row belongs to", columns);
    }

    /** The validation's reports: {@code validation/validation-*.xlsx}. */
    static final ReportFamily FAMILY = new ReportFamily("validation", "validation");

    /** {@code validation/validation-<UTC timestamp>.xlsx}. */
    static ReportKey key(Instant at) {
        return FAMILY.timestamped(at);
    }

    /** {@code withEmails}: a User e-mail column beside the user id (the database has auth.users). */
    static ValidationReport create(ReportLifecycle reports, ReportKey key, ReportedRun run, boolean withEmails) {
        StagedReport staged = reports.stage(key);
        SpreadsheetWriter workbook = null;
        try {
            workbook = SpreadsheetWriter.create(staged.file(), REPORT_NAME);
            return new ValidationReport(staged, workbook, run, withEmails);
        } catch (RuntimeException e) {
            try (staged) {
                if (workbook != null) {
                    workbook.close();
                }
            }
            throw e;
        }
    }

    void problem(CheckedRow row, CheckedRow.Problem problem) {
        if (withEmails) {
            invalidRows.row(row.table(), row.key(), row.orgId(), row.orgSlug(), row.orgName(), row.userId(),
                    row.userEmail(), problem.column(), problem.text());
        } else {
            invalidRows.row(row.table(), row.key(), row.orgId(), row.orgSlug(), row.orgName(), row.userId(),
                    problem.column(), problem.text());
        }
    }

    /** Writes the tables' rows and the summary's outcome and totals, commits and publishes the report. */
    String commit(Collection<TableTally> tallies) {
        long checked = 0;
        long invalid = 0;
        long problems = 0;
        for (TableTally tally : tallies) {
            tables.row(tally.table().name(), tally.table().columnNames(), tally.rowsChecked(), tally.invalidRows(),
                    tally.problems());
            checked += tally.rowsChecked();
            invalid += tally.invalidRows();
            problems += tally.problems();
        }
        tables.row(ALL_TABLES, null, checked, invalid, problems);
        summary.outcome(invalid == 0 ? "COMPLETED: every row has its JSON shape"
                        : "COMPLETED: " + String.format("%,d", invalid) + " row(s) without their JSON shape")
                .count(ROWS_CHECKED, checked)
                .count(INVALID_ROWS, invalid)
                .count(PROBLEMS, problems)
                .percentage(SHARE_INVALID, checked == 0 ? 0 : (double) invalid / checked)
                .duration(TOOK, run.elapsed());
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

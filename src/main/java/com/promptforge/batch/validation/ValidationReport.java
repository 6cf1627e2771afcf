package com.promptforge.batch.validation;

import com.promptforge.batch.spreadsheet.Column;
import com.promptforge.batch.spreadsheet.ReportFiles;
import com.promptforge.batch.spreadsheet.SpreadsheetWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The workbook of one validation: a Summary sheet (one row per shaped table, then the totals) and every problem
 * found (table, key, column, problem), streamed in as the chunks are written; {@link #commit} puts the file in place.
 */
final class ValidationReport implements AutoCloseable {

    static final String SUMMARY_SHEET = "Summary";
    static final String INVALID_ROWS_SHEET = "Invalid rows";
    static final String ALL_TABLES = "(all tables)";

    private final SpreadsheetWriter workbook;
    private final SpreadsheetWriter.Sheet summary;
    private final SpreadsheetWriter.Sheet invalidRows;

    private ValidationReport(SpreadsheetWriter workbook) {
        this.workbook = workbook;
        // Created first so that it is the first sheet; its rows are written last.
        this.summary = workbook.sheet(SUMMARY_SHEET, List.of(
                Column.text("Table", 18), Column.text("JSON columns", 30), Column.integer("Rows checked", 14),
                Column.integer("Invalid rows", 13), Column.integer("Problems", 10)));
        this.invalidRows = workbook.sheet(INVALID_ROWS_SHEET, List.of(
                Column.text("Table", 18), Column.text("Key", 38), Column.text("Column", 14),
                Column.text("Problem", 120)));
    }

    /** {@code <reportsDir>/validation/validation-<UTC timestamp>.xlsx}. */
    static Path target(Path reportsDir, Instant at) {
        return ReportFiles.timestamped(reportsDir, "validation", "validation", at);
    }

    static ValidationReport create(Path target) {
        SpreadsheetWriter workbook = SpreadsheetWriter.create(target);
        try {
            return new ValidationReport(workbook);
        } catch (RuntimeException e) {
            workbook.close();
            throw e;
        }
    }

    void problem(String table, String key, String column, String problem) {
        invalidRows.row(table, key, column, problem);
    }

    /** Writes the summary rows and puts the workbook in place; returns its path. */
    Path commit(Collection<TableTally> tallies) {
        long checked = 0;
        long invalid = 0;
        long problems = 0;
        for (TableTally tally : tallies) {
            summary.row(tally.table().name(), tally.table().columnNames(), tally.rowsChecked(), tally.invalidRows(),
                    tally.problems());
            checked += tally.rowsChecked();
            invalid += tally.invalidRows();
            problems += tally.problems();
        }
        summary.row(ALL_TABLES, null, checked, invalid, problems);
        return workbook.commit();
    }

    /** Without a commit, throws the workbook away. */
    @Override
    public void close() {
        workbook.close();
    }
}

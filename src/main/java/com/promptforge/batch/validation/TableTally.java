package com.promptforge.batch.validation;

/** What one run found in one shaped table: rows checked, rows with at least one problem, and problems. */
final class TableTally {

    private final ShapedTable table;
    private long rowsChecked;
    private long invalidRows;
    private long problems;

    TableTally(ShapedTable table) {
        this.table = table;
    }

    void add(CheckedRow row) {
        rowsChecked++;
        if (!row.valid()) {
            invalidRows++;
            problems += row.problems().size();
        }
    }

    ShapedTable table() {
        return table;
    }

    long rowsChecked() {
        return rowsChecked;
    }

    long invalidRows() {
        return invalidRows;
    }

    long problems() {
        return problems;
    }
}

package com.promptforge.batch.validation;

import java.util.List;

/** One row of a shaped table, checked: its key and the problems of its JSON columns (none when it is valid). */
record CheckedRow(String table, String key, List<Problem> problems) {

    /** What is wrong with one column of the row, as the shape's SQL function says it. */
    record Problem(String column, String text) {
    }

    boolean valid() {
        return problems.isEmpty();
    }
}

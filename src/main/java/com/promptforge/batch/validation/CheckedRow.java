package com.promptforge.batch.validation;

import java.util.List;
import java.util.UUID;

/**
 * One row of a shaped table, checked: its key, the organization and user it belongs to (null where the table has
 * none; the e-mail also where the database has no auth.users) and the problems of its JSON columns (none when it
 * is valid).
 */
record CheckedRow(String table, String key, UUID orgId, String orgSlug, String orgName, UUID userId, String userEmail,
                  List<Problem> problems) {

    /** What is wrong with one column of the row, as the shape's SQL function says it. */
    record Problem(String column, String text) {
    }

    boolean valid() {
        return problems.isEmpty();
    }
}

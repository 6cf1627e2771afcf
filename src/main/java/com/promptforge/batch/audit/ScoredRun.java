package com.promptforge.batch.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/** One row of the Scored runs sheet; scores are null for an unscored run. */
record ScoredRun(String runId, String orgId, String orgSlug, String orgName, OffsetDateTime createdAt,
                 String userId, String userEmail, String moduleId, String domainCode, String status,
                 Integer clarity, Integer execution, Integer ambiguity, Integer alignment, Integer businessFit,
                 Double overall, boolean exportReady) implements AuditRow {

    /** The current row of {@link AuditExportSql#RUNS}. */
    static ScoredRun read(ResultSet row) throws SQLException {
        return new ScoredRun(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                row.getObject(5, OffsetDateTime.class), row.getString(6), row.getString(7), row.getString(8),
                row.getString(9), row.getString(10), integer(row, 11), integer(row, 12), integer(row, 13),
                integer(row, 14), integer(row, 15), decimal(row, 16), row.getBoolean(17));
    }

    static Integer integer(ResultSet row, int column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }

    static Double decimal(ResultSet row, int column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? null : value;
    }
}

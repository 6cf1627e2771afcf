package com.promptforge.batch.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/** One row of the Bundles sheet: a bundle with what its run says (its org, its overall score or null). */
record AuditedBundle(String bundleId, String runId, String orgId, String orgSlug, String orgName,
                     OffsetDateTime createdAt, String formats, String checksum, String licenseNotice,
                     String createdBy, String createdByEmail, String runOrgId, Double runOverall,
                     boolean checksumFormatOk) implements AuditRow {

    /** The current row of {@link AuditExportSql#BUNDLES}. */
    static AuditedBundle read(ResultSet row) throws SQLException {
        return new AuditedBundle(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getObject(6, OffsetDateTime.class), row.getString(7), row.getString(8),
                row.getString(9), row.getString(10), row.getString(11), row.getString(12),
                ScoredRun.decimal(row, 13), row.getBoolean(14));
    }
}

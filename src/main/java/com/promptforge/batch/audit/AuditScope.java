package com.promptforge.batch.audit;

import com.promptforge.batch.db.OrganizationLookup.Organization;
import com.promptforge.batch.report.ReportScope;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * What one export covers: one organization ({@code org}) or all of them ({@code org} null), and the runs created
 * from {@code from} 00:00 UTC up to, not including, the day after {@code to}.
 */
record AuditScope(Organization org, LocalDate from, LocalDate to) {

    boolean allOrgs() {
        return org == null;
    }

    OffsetDateTime start() {
        return from.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    OffsetDateTime endExclusive() {
        return to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    /** Whose data the export holds, as its name says it. */
    ReportScope reportScope() {
        return allOrgs() ? ReportScope.ALL_ORGS : ReportScope.org(org.slug());
    }

    /** The organization as the manifest names it. */
    String describeOrg() {
        return allOrgs() ? "all organizations" : org.slug() + " (" + org.name() + ", " + org.id() + ")";
    }
}

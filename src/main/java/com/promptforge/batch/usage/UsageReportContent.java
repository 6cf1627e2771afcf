package com.promptforge.batch.usage;

import com.promptforge.batch.db.ReplicaLag;
import com.promptforge.batch.report.ReportScope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Everything one usage report shows, gathered before the workbook is written; {@code replicaLag}: the read replica
 * the per-org figures came from and how far behind it was (empty: the primary).
 */
record UsageReportContent(IsoWeek week, ReportScope scope, Instant generatedAt, String databaseHost, String databaseName,
                          String jobName, Long jobExecutionId, UsageReportParameters parameters,
                          Map<String, ?> parameterValues, List<OrgUsage> orgs,
                          DatabaseHealth.Result health, List<StatementDelta> statements, List<Finding> findings,
                          String statementPeriod, Map<UUID, OrgHistory> history, Optional<ReplicaLag> replicaLag) {

    long totalRuns() {
        return orgs.stream().mapToLong(OrgUsage::runs).sum();
    }

    long totalPreviousRuns() {
        return orgs.stream().mapToLong(org -> org.previousRuns() == null ? 0 : org.previousRuns()).sum();
    }

    Double runsChange() {
        long before = totalPreviousRuns();
        return before == 0 ? null : (totalRuns() - before) / (double) before;
    }

    long activeUsers() {
        return orgs.stream().mapToLong(OrgUsage::activeUsers).sum();
    }

    long tokens() {
        return orgs.stream().mapToLong(OrgUsage::tokens).sum();
    }

    long findingCount(String severity) {
        return findings.stream().filter(finding -> finding.severity().equals(severity)).count();
    }

    /** Runs per day over all organizations reported, Monday first. */
    long[] runsPerDay() {
        long[] days = new long[7];
        for (OrgUsage org : orgs) {
            for (int day = 0; day < 7; day++) {
                days[day] += org.runsPerDay()[day];
            }
        }
        return days;
    }
}

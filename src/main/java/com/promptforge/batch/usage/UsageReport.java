package com.promptforge.batch.usage;

import com.promptforge.batch.core.BadInputException;
import com.promptforge.batch.db.OrganizationLookup;
import com.promptforge.batch.db.ReadDatabase;
import com.promptforge.batch.db.ReplicaLag;
import com.promptforge.batch.report.PublishedReport;
import com.promptforge.batch.report.ReportLifecycle;
import com.promptforge.batch.report.ReportScope;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One usage report, start to end: stores the week's and the week before's per-org figures where they are not
 * final yet, reads the database's health in a read-only transaction, snapshots pg_stat_statements, and writes the
 * workbook. The per-org figures are computed where the reads go ({@link ReadDatabase}: the read replica, checked
 * for lag first, else the primary); everything stored, the health checks and the snapshots are the primary's.
 * Needs a role that reads every organization's runs (the owner, service_role's privileges with BYPASSRLS) and, for
 * the complete health picture, pg_monitor; never a superuser.
 */
final class UsageReport {

    private static final Logger log = LoggerFactory.getLogger(UsageReport.class);

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final NamedParameterJdbcTemplate jdbc;
    private final ReadDatabase reads;
    private final TransactionTemplate write;
    private final DatabaseHealth health;
    private final String databaseHost;
    private final String databaseName;
    private final int keepWeeks;

    /**
     * The database's host and name as the Summary shows them, never credentials; {@code keepWeeks}: statement
     * snapshots of weeks older than that many weeks before this one are deleted ({@code PF_USAGE_KEEP_WEEKS}).
     */
    UsageReport(DataSource dataSource, String databaseHost, String databaseName, int keepWeeks) {
        this(dataSource, ReadDatabase.primary(dataSource), databaseHost, databaseName, keepWeeks);
    }

    /** {@code reads}: where the per-org figures are computed and whose index scans count too (a read replica). */
    UsageReport(DataSource dataSource, ReadDatabase reads, String databaseHost, String databaseName, int keepWeeks) {
        if (keepWeeks < 2) {
            throw new BadInputException("PF_USAGE_KEEP_WEEKS: " + keepWeeks + " is too few: expected a whole number of "
                    + "weeks from 2 (a report compares two weeks)");
        }
        this.keepWeeks = keepWeeks;
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.reads = reads;
        this.write = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        write.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.health = new DatabaseHealth(dataSource, reads);
        this.databaseHost = databaseHost;
        this.databaseName = databaseName;
    }

    record Outcome(PublishedReport report, UsageReportContent content) {
    }

    /** {@code parameterValues}: the run's parameters as it used them, for the Summary. */
    Outcome run(String jobName, UsageReportParameters parameters, Map<String, ?> parameterValues, Long jobExecutionId,
                ReportLifecycle reports, Instant now) {
        Optional<ReplicaLag> replicaLag = reads.requireFresh(); // too far behind: refused before anything is written
        IsoWeek week = parameters.week();
        UUID orgId = parameters.org() == null ? null : WeeklyUsage.org(jdbc.getJdbcTemplate(), parameters.org())
                .orElseThrow(() -> new IllegalArgumentException("no organization " + parameters.org()));
        write.executeWithoutResult(status -> {
            WeeklyUsage weekly = new WeeklyUsage(jdbc, reads.isReplica()
                    ? new NamedParameterJdbcTemplate(reads.dataSource()) : null, WeeklyUsage.ORGS_PER_STATEMENT);
            // The weeks Needs attention compares with: the four before (the first is the week before), then this one.
            IsoWeek before = week;
            for (int i = 0; i < OrgHistory.WEEKS; i++) {
                before = before.previous();
            }
            for (; !before.equals(week); before = before.next()) {
                weekly.store(before, orgId, jobExecutionId);
            }
            weekly.store(week, orgId, jobExecutionId);
            weekly.analyze();
        });
        DatabaseHealth.Result result = health.read(week, jobExecutionId, parameters.statementTimeoutSeconds(),
                parameters.exclusions());
        List<Finding> findings = new ArrayList<>(result.findings());
        List<StatementDelta> statements = List.of();
        String period;
        StatementSnapshots.Reading reading = result.statements();
        if (reading.available()) {
            StatementSnapshots.Baseline baseline = StatementSnapshots.baseline(jdbc, week);
            java.time.LocalDate keepFrom = IsoWeek.containing(now.atOffset(ZoneOffset.UTC).toLocalDate())
                    .minusWeeks(keepWeeks).monday();
            List<StatementDelta> deltas = write.execute(status -> {
                long snapshot = StatementSnapshots.store(jdbc, reading, week, jobExecutionId);
                List<StatementDelta> found = StatementSnapshots.deltas(jdbc, snapshot, baseline);
                int expired = StatementSnapshots.expire(jdbc, keepFrom, snapshot, baseline);
                if (expired > 0) {
                    log.info("Deleted {} statement snapshot(s) of weeks before {} (PF_USAGE_KEEP_WEEKS={})", expired,
                            keepFrom, keepWeeks);
                }
                return found;
            });
            statements = reported(deltas, parameters);
            for (StatementDelta slow : deltas) {
                if (slow.slow(parameters.slowMeanMs(), parameters.slowMinCalls())) {
                    findings.add(slowStatement(slow, parameters));
                }
            }
            period = baseline.takenAt() == null
                    ? "statement counters since they were last reset" + (reading.statsReset() == null ? ""
                    : " (" + MINUTE.format(reading.statsReset()) + ")") + ": no snapshot of an earlier week yet"
                    : "statement counters from the snapshot of " + MINUTE.format(baseline.takenAt()) + " to now ("
                    + MINUTE.format(now) + "); pg_stat_statements is never reset by this report";
        } else {
            write.executeWithoutResult(status -> StatementSnapshots.store(jdbc, reading, week, jobExecutionId));
            findings.add(new Finding("warning", "pg_stat_statements", "extension pg_stat_statements",
                    reading.note(), "CREATE EXTENSION IF NOT EXISTS pg_stat_statements;"));
            period = "not available: " + reading.note();
        }
        findings.removeIf(parameters.exclusions()::silences);
        findings = new ArrayList<>(UnjudgedFindings.grouped(findings));
        findings.sort(Comparator.comparingInt((Finding f) -> Finding.rank(f.severity()))
                .thenComparing(Finding::check).thenComparing(Finding::object));
        List<OrgUsage> orgs = new WeeklyUsage(jdbc).read(week, orgId);
        UsageReportContent content = new UsageReportContent(week, scope(parameters.org(), orgId, orgs), now,
                databaseHost, databaseName, jobName, jobExecutionId, parameters, parameterValues, orgs, result,
                statements, findings, period, OrgHistory.read(jdbc, week, orgId), replicaLag);
        return new Outcome(UsageReportWorkbook.write(reports, content), content);
    }

    /**
     * Every organization, or the one asked for by its slug; a deleted one by the slug its stored weeks keep, else by
     * its id.
     */
    private ReportScope scope(String asked, UUID orgId, List<OrgUsage> orgs) {
        if (orgId == null) {
            return ReportScope.ALL_ORGS;
        }
        return ReportScope.org(new OrganizationLookup(jdbc.getJdbcTemplate()).find(asked)
                .map(OrganizationLookup.Organization::slug)
                .or(() -> orgs.stream().map(OrgUsage::slug).filter(java.util.Objects::nonNull).findFirst())
                .orElse(orgId.toString()));
    }

    /** The top statements by time in the period, then any slow statement not among them. */
    private static List<StatementDelta> reported(List<StatementDelta> deltas, UsageReportParameters parameters) {
        Set<StatementDelta> reported = new LinkedHashSet<>(deltas.subList(0, Math.min(parameters.topStatements(),
                deltas.size())));
        deltas.stream().filter(d -> d.slow(parameters.slowMeanMs(), parameters.slowMinCalls()))
                .forEach(reported::add);
        return List.copyOf(reported);
    }

    private static Finding slowStatement(StatementDelta statement, UsageReportParameters parameters) {
        return new Finding("warning", "slow_statements", "query " + statement.queryId() + " (" + statement.role() + ")",
                String.format(java.util.Locale.ROOT, "%,d calls in the period, mean %.1f ms (threshold: mean >= %d ms "
                                + "over >= %d calls), %.1f s in total: %s", statement.calls(), statement.meanMs(),
                        parameters.slowMeanMs(), parameters.slowMinCalls(), statement.totalMs() / 1000,
                        abbreviated(statement.query())),
                "EXPLAIN (ANALYZE, BUFFERS) " + abbreviated(statement.query())
                        + "  -- with real values for $1, $2, ...");
    }

    private static String abbreviated(String query) {
        String oneLine = query.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 500 ? oneLine : oneLine.substring(0, 500) + " ...";
    }

}

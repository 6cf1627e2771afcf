package com.promptforge.batch.usage;

import com.promptforge.batch.db.ReplicaLag;
import com.promptforge.batch.report.PublishedReport;
import com.promptforge.batch.report.ReportFamily;
import com.promptforge.batch.report.ReportKey;
import com.promptforge.batch.report.ReportLifecycle;
import com.promptforge.batch.report.ReportScope;
import com.promptforge.batch.report.StagedReport;
import com.promptforge.batch.spreadsheet.Chart;
import com.promptforge.batch.spreadsheet.Column;
import com.promptforge.batch.spreadsheet.SpreadsheetWriter;
import com.promptforge.batch.spreadsheet.SummarySheet;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The workbook of one usage report: Summary (the shared {@link SummarySheet}'s label / value rows, with a line
 * chart of runs per day and a bar chart of the busiest organizations below them), Orgs, Daily, Index usage, Query performance and Findings.
 */
final class UsageReportWorkbook {

    static final String SUMMARY = "Summary";
    static final String ORGS = "Orgs";
    static final String DAILY = "Daily";
    static final String INDEX_USAGE = "Index usage";
    static final String QUERY_PERFORMANCE = "Query performance";
    static final String FINDINGS = "Findings";
    static final int TOP_ORGS_CHARTED = 10;
    /** Orgs prints its leading columns, slug to active users. */
    static final int ORGS_PRINTED_COLUMNS = 7;
    /**
     * On paper (the whole report in about 15 pages for 300 orgs): Orgs on at most this many pages, every org (about
     * 75% for 300 orgs); Daily its busiest orgs, one page.
     */
    static final int ORGS_PRINTED_PAGES = 5;
    static final int DAILY_PRINTED_ROWS = 30;
    static final String REPORT_NAME = "PromptForge usage report";
    static final String CHECKS_RAN_AS = "Checks ran as";
    /** The Summary's Health block: one row per {@link HealthArea}, labelled with this prefix. */
    static final String HEALTH_PREFIX = "Health: ";
    private static final java.time.format.DateTimeFormatter STATISTICS_SINCE =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneOffset.UTC);

    private UsageReportWorkbook() {
    }

    /** The usage reports: {@code usage/usage-report-*.xlsx}. */
    static final ReportFamily FAMILY = new ReportFamily("usage", "usage-report");

    /**
     * {@code usage/usage-report-<all-orgs or org-<slug>>-<ISO week>.xlsx}: a second report of a week and scope
     * replaces the first; a one-org report never replaces the all-org one.
     */
    static ReportKey key(ReportScope scope, IsoWeek week) {
        return FAMILY.forPeriod(scope.label() + "-" + week.label());
    }

    /** Writes the workbook, commits and publishes it ({@link ReportLifecycle}). */
    static PublishedReport write(ReportLifecycle reports, UsageReportContent content) {
        try (StagedReport staged = reports.stage(key(content.scope(), content.week()));
             SpreadsheetWriter writer = SpreadsheetWriter.create(staged.file(), REPORT_NAME)) {
            SummarySheet summary = writer.summary(SUMMARY);
            orgs(writer.sheet(ORGS, "figures per organization, beside the week before: the columns a reader scans "
                    + "first (and prints), the rest after them", List.of(Column.text("Slug", 20),
                    Column.text("Name", 20), Column.integer("Runs", 9), Column.percent("Change %", 9),
                    Column.percent("Failure rate", 8), Column.decimal("Avg score", 8),
                    Column.integer("Active users", 8),
                    Column.integer("Runs week before", 10), Column.decimal("Runs 4-week average", 10),
                    Column.integer("Change in runs", 10), Column.integer("Completed", 10), Column.integer("Failed", 9),
                    Column.percent("Failure rate week before", 10), Column.integer("Scored", 9),
                    Column.decimal("Avg score week before", 11), Column.integer("Export ready", 10),
                    Column.integer("Bundles", 9), Column.integer("Active users week before", 11),
                    Column.integer("Tokens", 13), Column.integer("Tokens week before", 13),
                    Column.decimal("Avg duration ms", 12), Column.decimal("P95 duration ms", 12),
                    Column.bool("Final", 7), Column.timestamp("Computed at (UTC)", 20), Column.text("Org id", 38)))
                    .printColumns(ORGS_PRINTED_COLUMNS).printPagesTall(ORGS_PRINTED_PAGES), content);
            List<Column> daily = new ArrayList<>(List.of(Column.text("Slug", 18), Column.text("Name", 22)));
            for (int day = 0; day < 7; day++) {
                daily.add(Column.integer(dayLabel(content.week().monday().plusDays(day)), 6));
            }
            daily.add(Column.integer("Week", 8));
            daily.add(Column.text("Org id", 38));
            daily(writer.sheet(DAILY, "runs per day of each organization that ran this week, busiest first (the "
                    + DAILY_PRINTED_ROWS + " busiest print)", daily).printColumns(daily.size() - 1)
                    .printRows(DAILY_PRINTED_ROWS), content);
            indexes(writer.sheet(INDEX_USAGE, "every index: size, scans, and what the checks found", List.of(Column.text("Schema", 10), Column.text("Table", 28),
                    Column.text("Index", 40), Column.integer("Size (bytes)", 14), Column.integer("Scans", 12),
                    Column.integer("Tuples read", 14), Column.bool("Unique", 8), Column.bool("Primary key", 8),
                    Column.bool("Valid", 7), Column.text("Findings", 30), Column.text("Definition", 80))), content);
            statements(writer.sheet(QUERY_PERFORMANCE, "the statements that took the most time in the period",
                    List.of(Column.integer("Rank", 6),
                    Column.text("Query id", 22), Column.text("Role", 16), Column.integer("Calls in period", 12),
                    Column.decimal("Total ms in period", 14), Column.decimal("Mean ms in period", 12),
                    Column.integer("Rows in period", 12), Column.percent("Cache hit %", 10),
                    Column.bool("Slow", 7), Column.integer("Calls since reset", 14),
                    Column.decimal("Mean ms since reset", 12), Column.text("Query", 100))), content);
            findings(writer.sheet(FINDINGS, "what to fix, most severe first, with the statement that fixes it",
                    List.of(Column.text("Severity", 10), Column.text("Check", 28),
                    Column.text("Object", 36), Column.text("Evidence", 90), Column.text("Recommended statement", 90))),
                    content);
            summary(summary, content);
            writer.finish();
            return staged.commitAndPublish();
        }
    }

    private static void summary(SummarySheet summary, UsageReportContent c) {
        IsoWeek week = c.week();
        summary.leading(NeedsAttention.HEADING, attention(c), NeedsAttention.NOTHING);
        summary.about("Weekly usage and database health of PromptForge for ISO week " + week.label() + " ("
                        + week.monday() + " to " + week.sunday() + ", UTC): each organization's runs beside the week "
                        + "before, index and query checks, and what to fix.")
                .generatedAt(c.generatedAt())
                .database(c.databaseHost(), c.databaseName())
                .outcome(c.findingCount("critical") > 0 ? "completed, with critical findings" : "completed");
        if (c.jobExecutionId() != null) {
            summary.job(c.jobName(), c.jobExecutionId());
        }
        summary.parameters(c.parameterValues())
                .parameter(UsageReportParameters.WEEK, week.label())
                .parameter(UsageReportParameters.ORG, c.parameters().org() == null ? "every organization"
                        : c.parameters().org());
        c.replicaLag().ifPresent(lag -> summary.figure(ReplicaLag.LABEL, lag.describe()));
        DatabaseHealth.Headline headline = c.health().headline();
        summary.figure(CHECKS_RAN_AS, headline == null ? "-" : headline.role()
                + (headline.superuser() ? " (superuser)" : "")
                + (headline.pgMonitor() ? ", member of pg_monitor" : ", not a member of pg_monitor: "
                + "some checks see only this role's sessions and statements"));
        summary.count("Organizations reported", c.orgs().size())
                .count("Runs", c.totalRuns())
                .count("Runs the week before", c.totalPreviousRuns());
        percentage(summary, "Change in runs", c.runsChange());
        summary.count("Active users (sum over orgs)", c.activeUsers())
                .count("Tokens", c.tokens())
                .count("Findings: critical", c.findingCount("critical"))
                .count("Findings: warning", c.findingCount("warning"))
                .count("Findings: info", c.findingCount("info"));
        health(summary, c);
        if (headline != null) {
            percentage(summary, "Table cache hit rate", headline.tableHitRate());
            percentage(summary, "Index cache hit rate", headline.indexHitRate());
            percentage(summary, "Wraparound limit used", headline.wraparoundShare());
            summary.count("Client sessions at report time", headline.sessions());
            if (headline.databaseBytes() != null) {
                summary.count("Database size (bytes)", headline.databaseBytes());
            }
            summary.figure("Statistics since (UTC)", headline.statisticsSince() == null
                    ? "-" : STATISTICS_SINCE.format(headline.statisticsSince()));
        }
        summary.figure("Query performance", c.statementPeriod());
        // Runs per day, charted as a line
        List<String> days = new ArrayList<>();
        long[] perDay = c.runsPerDay();
        for (int day = 0; day < 7; day++) {
            LocalDate date = week.monday().plusDays(day);
            String label = "Runs on " + date.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + date;
            summary.count(label, perDay[day]);
            days.add(label);
        }
        summary.chart(Chart.Type.LINE, "Runs per day, " + week.label(), "Runs", days);
        // The busiest organizations, charted as bars
        List<OrgUsage> charted = c.orgs().stream()
                .sorted(Comparator.comparingLong(OrgUsage::runs).reversed().thenComparing(OrgUsage::slug))
                .limit(TOP_ORGS_CHARTED).filter(org -> org.runs() > 0)
                .toList();
        // A deleted org's stored slug can be taken by a new org: a slug charted twice gets each org's short id.
        Map<String, Long> slugCounts = charted.stream()
                .collect(Collectors.groupingBy(OrgUsage::slug, Collectors.counting()));
        List<String> busiest = new ArrayList<>();
        for (OrgUsage org : charted) {
            String label = "Runs of " + org.slug() + (slugCounts.get(org.slug()) > 1
                    ? " (" + org.orgId().toString().substring(0, 8) + ")" : "");
            summary.count(label, org.runs());
            busiest.add(label);
        }
        if (!busiest.isEmpty()) {
            summary.chart(Chart.Type.BAR, "Busiest organizations, " + week.label(), "Runs", busiest);
        }
    }

    /** Needs attention's lines, each linked to its org's row in Orgs or its finding's row in Findings. */
    private static List<SummarySheet.LeadingLine> attention(UsageReportContent c) {
        Map<OrgUsage, Integer> orgRows = new IdentityHashMap<>();
        for (int i = 0; i < c.orgs().size(); i++) {
            orgRows.put(c.orgs().get(i), i + 1);
        }
        Map<Finding, Integer> findingRows = new IdentityHashMap<>();
        for (int i = 0; i < c.findings().size(); i++) {
            findingRows.put(c.findings().get(i), i + 1);
        }
        List<NeedsAttention.Line> found = NeedsAttention.of(c.orgs(), c.history(), c.findings(),
                c.parameters().attention());
        List<SummarySheet.LeadingLine> lines = new ArrayList<>();
        // Info findings are counted, and a count alone needs no attention.
        if (found.stream().allMatch(line -> line.signal() == NeedsAttention.Signal.INFO_FINDINGS)) {
            lines.add(SummarySheet.LeadingLine.unlinked("", NeedsAttention.NOTHING));
        }
        for (NeedsAttention.Line line : found) {
            String label = line.signal().label;
            if (line.org() != null) {
                lines.add(new SummarySheet.LeadingLine(label, line.text(), ORGS, orgRows.get(line.org())));
            } else if (line.finding() != null) {
                lines.add(new SummarySheet.LeadingLine(label, line.text(), FINDINGS, findingRows.get(line.finding())));
            } else {
                lines.add(SummarySheet.LeadingLine.unlinked(label, line.text()));
            }
        }
        return lines;
    }

    /** A share, or "-" when there is none (no week before, no statistics yet). */
    /**
     * The Health block: fail / warn / pass per area of the checks, from the findings (a check that could not run
     * counts with its finding's severity), and how many findings the exclusions silenced.
     */
    private static void health(SummarySheet summary, UsageReportContent c) {
        for (HealthArea area : HealthArea.values()) {
            summary.figure(HEALTH_PREFIX + area.label(), area.state(c.findings().stream()
                    .filter(f -> HealthChecks.area(f.check()) == area).toList()));
        }
        summary.count("Findings silenced on purpose", c.health().silenced());
    }

    private static void percentage(SummarySheet summary, String label, Double fraction) {
        if (fraction == null) {
            summary.figure(label, "-");
        } else {
            summary.percentage(label, fraction);
        }
    }

    private static void orgs(SpreadsheetWriter.Sheet sheet, UsageReportContent c) {
        for (OrgUsage org : c.orgs()) {
            OrgHistory history = c.history().get(org.orgId());
            Long previousFailed = history == null ? null : history.previousFailedRuns();
            sheet.row(org.slug(), org.name(), org.runs(), org.runsChange(),
                    org.runs() == 0 ? null : org.failedRuns() / (double) org.runs(), org.avgOverallScore(),
                    org.activeUsers(), org.previousRuns(), history == null ? null : history.averageRuns(),
                    OrgUsage.difference(org.runs(), org.previousRuns()), org.completedRuns(), org.failedRuns(),
                    previousFailed == null || org.previousRuns() == null || org.previousRuns() == 0 ? null
                            : previousFailed / (double) org.previousRuns(),
                    org.scoredRuns(), org.previousAvgOverallScore(), org.exportReadyRuns(), org.bundles(),
                    org.previousActiveUsers(), org.tokens(), org.previousTokens(), org.avgDurationMs(),
                    org.p95DurationMs(), org.complete(), org.computedAt(), org.orgId());
        }
    }

    /** One row per org that ran, busiest first: its slug and name, runs per day, the week's total, its id. */
    private static void daily(SpreadsheetWriter.Sheet sheet, UsageReportContent c) {
        c.orgs().stream().filter(org -> org.runs() > 0)
                .sorted(Comparator.comparingLong(OrgUsage::runs).reversed().thenComparing(OrgUsage::slug))
                .forEach(org -> {
                    Object[] row = new Object[11];
                    row[0] = org.slug();
                    row[1] = org.name();
                    for (int day = 0; day < 7; day++) {
                        row[2 + day] = org.runsPerDay()[day];
                    }
                    row[9] = org.runs();
                    row[10] = org.orgId();
                    sheet.row(row);
                });
    }

    private static String dayLabel(LocalDate date) {
        return date.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + date.getDayOfMonth();
    }

    private static void indexes(SpreadsheetWriter.Sheet sheet, UsageReportContent c) {
        for (IndexUsage index : c.health().indexes()) {
            String object = index.schema() + "." + index.index();
            String checks = c.health().findings().stream()
                    .filter(f -> f.object().equals(object) || f.object().equals(quoted(index.schema(), index.index())))
                    .map(Finding::check).distinct().reduce((a, b) -> a + ", " + b).orElse(null);
            sheet.row(index.schema(), index.table(), index.index(), index.sizeBytes(), index.scans(),
                    index.tuplesRead(), index.unique(), index.primary(), index.valid(), checks, index.definition());
        }
    }

    private static String quoted(String schema, String name) {
        return "\"" + schema + "\".\"" + name + "\"";
    }

    private static void statements(SpreadsheetWriter.Sheet sheet, UsageReportContent c) {
        if (!c.health().statements().available()) {
            sheet.row(null, null, null, null, null, null, null, null, null, null, null, c.health().statements().note());
            return;
        }
        int rank = 0;
        for (StatementDelta statement : c.statements()) {
            rank++;
            sheet.row((long) rank, Long.toString(statement.queryId()), statement.role(), statement.calls(),
                    statement.totalMs(), statement.meanMs(), statement.rows(), statement.cacheHitRate(),
                    statement.slow(c.parameters().slowMeanMs(), c.parameters().slowMinCalls()),
                    statement.cumulativeCalls(), statement.cumulativeMeanMs(), statement.query());
        }
    }

    private static void findings(SpreadsheetWriter.Sheet sheet, UsageReportContent c) {
        for (Finding finding : c.findings()) {
            sheet.row(finding.severity(), finding.check(), finding.object(), finding.evidence(),
                    finding.recommendation());
        }
    }
}

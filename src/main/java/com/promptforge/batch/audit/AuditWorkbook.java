package com.promptforge.batch.audit;

import com.promptforge.batch.report.PublishedReport;
import com.promptforge.batch.report.ReportFamily;
import com.promptforge.batch.report.ReportKey;
import com.promptforge.batch.report.ReportLifecycle;
import com.promptforge.batch.report.StagedReport;
import com.promptforge.batch.spreadsheet.Column;
import com.promptforge.batch.spreadsheet.SpreadsheetWriter;
import com.promptforge.batch.spreadsheet.SummarySheet;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.Consumer;

/**
 * The audit workbook: Manifest (the shared {@link SummarySheet}: label / value rows, filled last but the first
 * sheet), Scored runs, Bundles and Anomalies, with the header names the issue fixes (org names and user e-mails beside the ids). Rows stream in;
 * {@link #commit} writes the manifest, commits and publishes the report with its {@code .sha256}
 * ({@link ReportLifecycle}).
 */
final class AuditWorkbook implements AutoCloseable {

    static final String MANIFEST = "Manifest";
    static final String RUNS = "Scored runs";
    static final String BUNDLES = "Bundles";
    static final String ANOMALIES = "Anomalies";

    static final String REPORT_NAME = "PromptForge audit export";
    static final List<Column> RUN_COLUMNS = List.of(
            Column.text("run_id", 38), Column.text("org_id", 38), Column.text("org_slug", 20),
            Column.text("org_name", 28), Column.timestamp("created_at", 20), Column.text("user_id", 38),
            Column.text("user_email", 28), Column.text("module_id", 24), Column.text("domain_code", 14),
            Column.text("status", 11), Column.integer("clarity", 9), Column.integer("execution", 10),
            Column.integer("ambiguity", 10), Column.integer("alignment", 10), Column.integer("business_fit", 12),
            Column.decimal("overall", 9), Column.bool("export_ready", 13));
    static final List<Column> BUNDLE_COLUMNS = List.of(
            Column.text("bundle_id", 38), Column.text("run_id", 38), Column.text("org_id", 38),
            Column.text("org_slug", 20), Column.text("org_name", 28), Column.timestamp("created_at", 20),
            Column.text("formats", 18), Column.text("checksum", 72), Column.text("license_notice", 40),
            Column.decimal("run_overall", 12), Column.bool("checksum_format_ok", 19), Column.text("created_by", 38),
            Column.text("created_by_email", 28), Column.text("run_org_id", 38));
    static final List<Column> ANOMALY_COLUMNS = List.of(
            Column.text("kind", 20), Column.text("bundle_id", 38), Column.text("run_id", 38),
            Column.text("org_id", 38), Column.text("org_slug", 20), Column.text("run_org_id", 38),
            Column.decimal("run_overall", 12), Column.text("checksum", 72), Column.text("detail", 80));

    private final StagedReport staged;
    private final SpreadsheetWriter workbook;
    private final SummarySheet manifest;
    private final SpreadsheetWriter.Sheet runs;
    private final SpreadsheetWriter.Sheet bundles;
    private final SpreadsheetWriter.Sheet anomalies;
    private final int threshold;

    private AuditWorkbook(StagedReport staged, SpreadsheetWriter workbook, int threshold) {
        this.staged = staged;
        this.workbook = workbook;
        this.threshold = threshold;
        this.manifest = workbook.summary(MANIFEST);
        this.runs = workbook.sheet(RUNS, "every scored run of the period, with its org and user", RUN_COLUMNS);
        this.bundles = workbook.sheet(BUNDLES, "every export bundle of those runs, with its checksum",
                BUNDLE_COLUMNS);
        this.anomalies = workbook.sheet(ANOMALIES, "bundles that break a rule, one row per thing wrong",
                ANOMALY_COLUMNS);
    }

    /** The audit exports: {@code audit/audit-*.xlsx}. */
    static final ReportFamily FAMILY = new ReportFamily("audit", "audit");

    /**
     * {@code audit/audit-<all-orgs or org-<slug>>-<from>-<to>.xlsx}: a later export of the same scope and period
     * replaces the file; one organization's never replaces every organization's.
     */
    static ReportKey key(AuditScope scope) {
        return FAMILY.named(scope.reportScope().label() + "-" + scope.from() + "-" + scope.to());
    }

    /** A workbook that {@link #commit} publishes as {@code key}; a sheet goes on in "name (2)" after that many rows. */
    static AuditWorkbook create(ReportLifecycle reports, ReportKey key, int maxRowsPerSheet, int threshold) {
        // No charts: fastexcel writes it, about twice as fast as POI.
        return create(reports, key, threshold,
                file -> SpreadsheetWriter.createWithoutCharts(file, maxRowsPerSheet, REPORT_NAME));
    }

    /** As above, written by the writer {@code open} starts on the staging file (a test compares both engines). */
    static AuditWorkbook create(ReportLifecycle reports, ReportKey key, int threshold,
                                Function<Path, SpreadsheetWriter> open) {
        StagedReport staged = reports.stage(key);
        SpreadsheetWriter workbook = null;
        try {
            workbook = open.apply(staged.file());
            return new AuditWorkbook(staged, workbook, threshold);
        } catch (RuntimeException e) {
            try (staged) {
                if (workbook != null) {
                    workbook.close();
                }
            }
            throw e;
        }
    }

    void run(ScoredRun run) {
        runs.row(run.runId(), run.orgId(), run.orgSlug(), run.orgName(), run.createdAt(), run.userId(),
                run.userEmail(), run.moduleId(), run.domainCode(), run.status(), run.clarity(), run.execution(),
                run.ambiguity(), run.alignment(), run.businessFit(), run.overall(), run.exportReady());
    }

    /**
     * The bundle's row, and one Anomalies row per thing wrong with it. The runs come first: the first bundle ends
     * their sheet, so that the bundles stream into the file instead of waiting for it.
     */
    void bundle(AuditedBundle bundle) {
        runs.end();
        bundles.row(bundle.bundleId(), bundle.runId(), bundle.orgId(), bundle.orgSlug(), bundle.orgName(),
                bundle.createdAt(), bundle.formats(), bundle.checksum(), bundle.licenseNotice(), bundle.runOverall(),
                bundle.checksumFormatOk(), bundle.createdBy(), bundle.createdByEmail(), bundle.runOrgId());
        for (Anomaly anomaly : Anomaly.of(bundle, threshold)) {
            anomalies.row(anomaly.kind().code(), bundle.bundleId(), bundle.runId(), bundle.orgId(),
                    bundle.orgSlug(), bundle.runOrgId(), bundle.runOverall(), bundle.checksum(), anomaly.detail());
        }
    }

    long runRows() {
        return runs.rows();
    }

    long bundleRows() {
        return bundles.rows();
    }

    long anomalyRows() {
        return anomalies.rows();
    }

    /** Lets {@code describe} fill the manifest, then commits and publishes the report. */
    PublishedReport commit(Consumer<SummarySheet> describe) {
        describe.accept(manifest);
        workbook.finish();
        return staged.commitAndPublish();
    }

    /** Without a commit, throws the workbook away (an earlier file of the same name stays). */
    @Override
    public void close() {
        try (staged) {
            workbook.close();
        }
    }
}

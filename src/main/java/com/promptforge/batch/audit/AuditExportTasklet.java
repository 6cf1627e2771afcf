package com.promptforge.batch.audit;

import com.promptforge.batch.db.DatabaseTarget;
import com.promptforge.batch.db.ReadDatabase;
import com.promptforge.batch.db.ReplicaLag;
import com.promptforge.batch.job.ProgressListener;
import com.promptforge.batch.job.RunSummary;
import com.promptforge.batch.report.PublishedReport;
import com.promptforge.batch.report.ReportLifecycle;
import com.promptforge.batch.spreadsheet.SummarySheet;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The export as a tasklet called once per slice of {@value #SLICE_ROWS} rows: the first call opens the
 * {@link AuditExport}, each call writes a slice and returns, so that the step records its progress and a stop
 * request (Ctrl-C, SIGTERM) takes effect between slices; the last call commits and publishes the workbook
 * with its checksum ({@link ReportLifecycle}).
 *
 * <p>A half-written .xlsx cannot be continued, so a restarted execution writes the whole file again (same
 * snapshot rules, same order: the same rows), and nothing is ever under the final name until it is complete.
 * It is also a step listener: it resets the progress count a failed attempt left, and throws away an unfinished
 * workbook when the step ends without completing.
 */
final class AuditExportTasklet implements Tasklet, StepExecutionListener {

    static final int SLICE_ROWS = 10_000;
    // The Manifest's figures, by label
    static final String ORGANIZATION = "Organization";
    static final String THRESHOLD = "Export threshold in force";
    static final String ROWS_IN = "Rows in ";

    private final AuditExportParameters parameters;
    private final AuditScope scope;
    private final ReadDatabase reads;
    private final DatabaseTarget database;
    private final ReportLifecycle reports;
    private final int maxRowsPerSheet;
    private AuditExport export;
    private Instant generatedAt;
    private Optional<ReplicaLag> replicaLag = Optional.empty();

    /** {@code reads}: where the rows are read (the replica, else the primary); {@code database}: the primary. */
    AuditExportTasklet(AuditExportParameters parameters, AuditScope scope, ReadDatabase reads,
                       DatabaseTarget database, ReportLifecycle reports, int maxRowsPerSheet) {
        this.parameters = parameters;
        this.scope = scope;
        this.reads = reads;
        this.database = database;
        this.reports = reports;
        this.maxRowsPerSheet = maxRowsPerSheet;
    }

    /** Registered before the progress listener, so that a restart's progress line counts from 0 again. */
    @Override
    public void beforeStep(StepExecution stepExecution) {
        ExecutionContext context = stepExecution.getExecutionContext();
        context.putLong(ProgressListener.DONE, 0L);
        context.entrySet().stream().map(Map.Entry::getKey).filter(key -> key.startsWith(RunSummary.PREFIX))
                .toList().forEach(context::remove);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        StepExecution step = contribution.getStepExecution();
        if (export == null) {
            generatedAt = Instant.now();
            replicaLag = reads.requireFresh(); // a replica too far behind refuses the run before anything is written
            export = AuditExport.open(reads.dataSource(), scope, reports, maxRowsPerSheet);
            step.getExecutionContext().putLong(ProgressListener.TOTAL, export.totalRows());
        }
        int written = export.write(SLICE_ROWS);
        for (int i = 0; i < written; i++) {
            contribution.incrementReadCount();
        }
        contribution.incrementWriteCount(written);
        if (!export.finished()) {
            return RepeatStatus.CONTINUABLE;
        }
        AuditWorkbook workbook = export.workbook();
        PublishedReport report = export.commit(manifest -> manifest(manifest, workbook, step.getJobExecutionId()));
        export = null;
        ExecutionContext context = step.getExecutionContext();
        context.putString(RunSummary.PREFIX + "1 organization", scope.describeOrg());
        context.putString(RunSummary.PREFIX + "2 period (UTC)", scope.from() + " to " + scope.to() + ", inclusive");
        context.putLong(RunSummary.PREFIX + "3 scored runs", workbook.runRows());
        context.putLong(RunSummary.PREFIX + "4 bundles", workbook.bundleRows());
        context.putLong(RunSummary.PREFIX + "5 anomalies", workbook.anomalyRows());
        context.putString(RunSummary.PREFIX + "6 workbook", report.location());
        context.putString(RunSummary.PREFIX + "7 checksum", report.sidecarLocation());
        return RepeatStatus.FINISHED;
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (export != null) {
            export.close();
            export = null;
        }
        return null;
    }

    /** The Manifest: what was exported, from where, under which threshold, and how many rows (as numbers). */
    private void manifest(SummarySheet manifest, AuditWorkbook workbook, long jobExecutionId) {
        manifest.about("Every scored run of " + scope.describeOrg() + " from " + scope.from() + " to " + scope.to()
                        + " (UTC, inclusive), the export bundles made of them, and the bundles that break a rule.")
                .generatedAt(generatedAt)
                .database(database.host(), database.database())
                .job(AuditExportJobConfiguration.JOB_NAME, jobExecutionId)
                .outcome(workbook.runRows() == 0
                        ? "no runs in this range for " + scope.describeOrg() + ": the other sheets have headers only"
                        : "complete")
                .parameter("org", parameters.org())
                .parameter("from", scope.from().toString())
                .parameter("to", scope.to().toString());
        replicaLag.ifPresent(lag -> manifest.figure(ReplicaLag.LABEL, lag.describe()));
        manifest.figure(ORGANIZATION, scope.describeOrg())
                .figure(THRESHOLD, ExportThreshold.describe())
                .count(ROWS_IN + AuditWorkbook.RUNS, workbook.runRows())
                .count(ROWS_IN + AuditWorkbook.BUNDLES, workbook.bundleRows())
                .count(ROWS_IN + AuditWorkbook.ANOMALIES, workbook.anomalyRows());
    }
}

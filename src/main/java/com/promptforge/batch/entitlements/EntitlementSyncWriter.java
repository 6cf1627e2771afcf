package com.promptforge.batch.entitlements;

import com.promptforge.batch.job.ChunkSteps;
import com.promptforge.batch.job.ReportedRun;
import com.promptforge.batch.job.RunSummary;
import com.promptforge.batch.report.ReportKey;
import com.promptforge.batch.report.ReportLifecycle;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamSupport;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a chunk of organization ids: reconciles their entitlements in the chunk's transaction (or, in a dry
 * run, only computes what would change), keeps the figures, and streams the changes and skips into the
 * report once the chunk has committed.
 *
 * <p>Restart: the figures are step state, saved by {@link #update} in the chunk's own transaction, so after
 * a kill they are those of the chunks that committed; the report of a restarted execution starts with what
 * earlier executions of the job instance recorded. A dry run keeps no state: a restart starts it over.
 *
 * <p>Completeness: the writer tallies the orgs it reconciled ({@link OrgTally}, saved with each chunk like the
 * figures) and, at the end, fails the step unless they are exactly the orgs the reader handed out over the job
 * instance's executions: a job never reports COMPLETED with an organization read but not reconciled.
 *
 * <p>Skips: a chunk that takes the job's skipped orgs past {@code skipLimit} fails the step before it commits,
 * so it is rolled back whole and a restart (once the data is fixed) does it again.
 */
class EntitlementSyncWriter extends ItemStreamSupport implements ItemStreamWriter<UUID>, StepExecutionListener {

    /** Step execution context keys the printed summary shows, beside the figures ({@link SyncSummary}). */
    static final String REPORT_KEY = RunSummary.PREFIX + "7 report";
    static final String DRY_RUN_KEY = RunSummary.PREFIX + "0 dry run";
    /** Step context key (prefix) of the tally of the orgs reconciled. */
    static final String RECONCILED = "entitlementSyncWriter.orgs reconciled";

    private final EntitlementReconciler reconciler;
    private final EntitlementSyncParameters parameters;
    private final long jobInstanceId;
    private final long jobExecutionId;
    private final ReportLifecycle reports;
    private final ReportKey reportKey;
    private final ReportedRun run;
    private final boolean withEmails;
    private final TransactionTemplate readTransaction;

    /** Figures of the chunks that committed. */
    private SyncSummary committed = SyncSummary.NONE;
    /** Figures of the chunk being written, until its transaction ends. */
    private SyncSummary pending = SyncSummary.NONE;
    private boolean lastChunkChanged;
    /** The orgs of the chunks that committed, and of the chunk being written. */
    private OrgTally reconciled = OrgTally.NONE;
    private OrgTally reconciledPending = OrgTally.NONE;
    private @Nullable EntitlementSyncReport report;

    EntitlementSyncWriter(EntitlementReconciler reconciler, EntitlementSyncParameters parameters, long jobInstanceId,
                          long jobExecutionId, ReportLifecycle reports, ReportKey reportKey, ReportedRun run,
                          boolean withEmails,
                          TransactionTemplate readTransaction) {
        this.reconciler = reconciler;
        this.parameters = parameters;
        this.jobInstanceId = jobInstanceId;
        this.jobExecutionId = jobExecutionId;
        this.reports = reports;
        this.reportKey = reportKey;
        this.run = run;
        this.withEmails = withEmails;
        this.readTransaction = readTransaction;
        setName("entitlementSyncWriter");
    }

    @Override
    public void open(ExecutionContext executionContext) {
        committed = parameters.dryRun() ? SyncSummary.NONE : SyncSummary.from(executionContext);
        pending = SyncSummary.NONE;
        lastChunkChanged = false;
        reconciled = parameters.dryRun() ? OrgTally.NONE : OrgTally.from(executionContext, RECONCILED);
        reconciledPending = OrgTally.NONE;
        EntitlementSyncReport created = EntitlementSyncReport.create(reports, reportKey, run, parameters.dryRun(),
                withEmails, parameters.detailLimit());
        report = created;
        if (!parameters.dryRun()) {
            // Empty for a first execution; after a restart, what the earlier executions committed: counted when
            // they are already more than the report lists one by one.
            if (committed.rowsChanged() > parameters.detailLimit()) {
                ChunkOutcome recorded = readTransaction.execute(status -> reconciler.recordedGroups(jobInstanceId));
                recorded.groups().forEach(created::changes);
                recorded.skipped().forEach(created::skip);
            } else {
                readTransaction.executeWithoutResult(status ->
                        reconciler.recorded(jobInstanceId, created::change, created::skip));
            }
        }
    }

    @Override
    public void write(Chunk<? extends UUID> chunk) {
        List<UUID> orgIds = List.copyOf(chunk.getItems());
        ChunkOutcome outcome = parameters.dryRun()
                ? reconciler.preview(orgIds, parameters.graceDays())
                : reconciler.apply(orgIds, parameters.graceDays(), jobInstanceId, jobExecutionId,
                        report != null && report.grouped(), !lastChunkChanged);
        // Changes come in runs (a first run, a plan edited for thousands of orgs): after a chunk that changed, the
        // next is expected to change too and is not probed; after one that did not, it is.
        lastChunkChanged = !outcome.isEmpty();
        SyncSummary figures = SyncSummary.of(orgIds.size(), outcome);
        long skipped = committed.orgsSkipped() + figures.orgsSkipped();
        if (skipped > parameters.skipLimit()) {
            // Thrown before the chunk commits: it is rolled back whole, and a restart (data fixed) redoes it.
            throw new TooManySkippedOrgsException(skipped + " orgs skipped, more than skipLimit="
                    + parameters.skipLimit() + " allows; in this chunk: " + outcome.skipped().stream().limit(3)
                    .map(org -> org.orgId() + " (" + org.reason() + ")").collect(Collectors.joining(", "))
                    + (outcome.skipped().size() > 3 ? ", ..." : ""));
        }
        pending = figures;
        OrgTally chunkOrgs = OrgTally.NONE.plus(orgIds);
        reconciledPending = chunkOrgs;
        // A rolled-back chunk leaves no trace in figures or report.
        ChunkSteps.afterCommit(() -> {
            committed = committed.plus(figures);
            pending = SyncSummary.NONE;
            reconciled = reconciled.plus(chunkOrgs);
            reconciledPending = OrgTally.NONE;
            if (report != null) {
                outcome.changes().forEach(report::change);
                outcome.groups().forEach(report::changes);
                outcome.skipped().forEach(report::skip);
            }
        }, () -> {
            pending = SyncSummary.NONE;
            reconciledPending = OrgTally.NONE;
        });
    }

    /** Called inside the chunk's transaction, before its commit: the figures including that chunk. */
    @Override
    public void update(ExecutionContext executionContext) {
        committed.plus(pending).putInto(executionContext);
        reconciled.plus(reconciledPending).putInto(executionContext, RECONCILED);
    }

    @Override
    public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
        ExecutionContext context = stepExecution.getExecutionContext();
        committed.putInto(context);
        IllegalStateException incomplete = stepExecution.getStatus() != BatchStatus.COMPLETED ? null
                : incompleteness(OrgTally.from(context, OrganizationIdReader.READ));
        if (incomplete != null) {
            stepExecution.setStatus(BatchStatus.FAILED);
            stepExecution.addFailureException(incomplete);
        }
        if (parameters.dryRun()) {
            context.putString(DRY_RUN_KEY, "nothing was written; the report shows what a run would change");
        }
        if (report == null) {
            return incomplete == null ? null : ExitStatus.FAILED.addExitDescription(incomplete);
        }
        try {
            String written = report.commit(stepExecution.getStatus().name(), committed, jobInstanceId);
            context.putString(REPORT_KEY, written);
            return incomplete == null ? null : ExitStatus.FAILED.addExitDescription(incomplete);
        } catch (RuntimeException e) {
            // A sync without its report is a failed run: fail the step (its data stays committed).
            stepExecution.setStatus(BatchStatus.FAILED);
            stepExecution.addFailureException(e);
            return ExitStatus.FAILED.addExitDescription(e);
        }
    }

    /** Why the orgs reconciled are not the orgs read, or null when they are. */
    private @Nullable IllegalStateException incompleteness(OrgTally read) {
        if (read.equals(reconciled)) {
            return null;
        }
        String what = read.count() > reconciled.count()
                ? RunSummary.number(read.count() - reconciled.count()) + " of the " + RunSummary.number(read.count())
                + " organizations read were never reconciled"
                : "the " + RunSummary.number(reconciled.count()) + " organizations reconciled are not the "
                + RunSummary.number(read.count()) + " read";
        return new IllegalStateException(what + " (job instance " + jobInstanceId + ", all its executions); "
                + "not reporting COMPLETED with work missing. Run entitlement-sync again: a new run reconciles "
                + "every organization");
    }

    @Override
    public void close() {
        if (report != null) {
            report.close();
            report = null;
        }
    }
}

package com.promptforge.batch.job;

import com.promptforge.batch.core.DurationText;
import com.promptforge.batch.core.OneLine;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Prints a progress line for a running step every {@code pf.jobs.progress-interval} (default 5 s), whether or not
 * a chunk finished meanwhile: {@code entitlement-sync/sync-orgs: 1,200 of 10,000 items (12%), 350 items/s,
 * ETA 25 s}. Every job attaches it to each of its steps: {@code .listener(progressListener)} on the step builder.
 *
 * <p><b>Progress convention</b> (keys of the step's {@link ExecutionContext}):
 * <ul>
 *   <li>{@value #TOTAL} (long): how many items the step will process in all. Set it when it is known, for
 *       example from the reader's {@code open()} or a {@code beforeStep} count query; without it the line shows
 *       the count and the rate, but no percentage and no ETA.</li>
 *   <li>{@value #DONE} (long): items done so far. For chunk-oriented steps the listener keeps it itself (items
 *       read in committed chunks, carried over a restart, so a restarted step continues its count); a tasklet
 *       step that wants a progress line updates it as it goes.</li>
 * </ul>
 * While a chunk step waits for a lost database ({@link DatabaseRetry}), the line says so instead of the rate:
 * {@code entitlement-sync/sync-orgs: waiting for the database (Connection refused), attempt 3, gives up in 1m40s;
 * 1,200 of 10,000 items (12%)}.
 * The end-of-run summary, and how a job adds lines to it, is described in {@link RunSummary}.
 *
 * <p>A step not built by {@link ChunkSteps} (a tasklet) has no chunk boundary where the {@link LockWatch} could look
 * whether the run still holds its lock: each progress tick has it look.
 */
@Component
public class ProgressListener implements StepExecutionListener, ChunkListener<Object, Object>, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ProgressListener.class);

    /** Step context key: the total number of items, set by the job when known. */
    public static final String TOTAL = "progress.total";
    /** Step context key: items done, kept by this listener for chunk steps, by the step itself for tasklets. */
    public static final String DONE = "progress.done";

    private final JobConsole console;
    private final LockWatch lockWatch;
    private final Duration interval;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "job-progress");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Long, StepProgress> steps = new ConcurrentHashMap<>();

    ProgressListener(JobConsole console, LockWatch lockWatch, JobsProperties properties) {
        this.console = console;
        this.lockWatch = lockWatch;
        this.interval = properties.progressInterval();
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        StepProgress progress = new StepProgress(stepExecution);
        long period = Math.max(1, interval.toMillis());
        progress.printing = timer.scheduleAtFixedRate(() -> print(progress), period, period, TimeUnit.MILLISECONDS);
        steps.put(stepExecution.getId(), progress);
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        StepProgress progress = steps.remove(stepExecution.getId());
        if (progress != null) {
            progress.printing.cancel(false);
        }
        return null;
    }

    /** Chunk-oriented steps (Spring Batch 6): the chunk just read; the counts so far cover the earlier chunks. */
    @Override
    public void beforeChunk(Chunk<Object> chunk) {
        StepProgress progress = current();
        if (progress != null) {
            progress.committedBefore = progress.baseline + progress.step.getReadCount()
                    + progress.step.getReadSkipCount();
            progress.pending = chunk.size();
        }
    }

    /** Chunk-oriented steps: the chunk is written and commits with the context saved right after this. */
    @Override
    public void afterChunk(Chunk<Object> chunk) {
        StepProgress progress = current();
        if (progress != null) {
            progress.advanceTo(progress.committedBefore + progress.pending);
        }
    }

    /** Tasklet steps: called after each committed tasklet iteration, with the counts applied. */
    @Override
    public void afterChunk(ChunkContext context) {
        StepProgress progress = steps.get(context.getStepContext().getStepExecution().getId());
        if (progress != null) {
            progress.advanceTo(progress.baseline + progress.step.getReadCount() + progress.step.getReadSkipCount());
        }
    }

    /** The step lost the database: its progress line says it waits, until {@link #databaseBack}. */
    void databaseLost(StepExecution stepExecution, Throwable cause, long deadlineNanos, int attempt) {
        StepProgress progress = steps.get(stepExecution.getId());
        if (progress != null) {
            progress.waiting = new Waiting(OneLine.rootCause(cause), deadlineNanos, attempt);
        }
    }

    /** The step got a chunk through again (or gave up waiting). */
    void databaseBack(StepExecution stepExecution) {
        StepProgress progress = steps.get(stepExecution.getId());
        if (progress != null) {
            progress.waiting = null;
        }
    }

    /** Prints one line about the step now, in the progress line's form ("job/step: text"). */
    void print(StepExecution stepExecution, String text) {
        String jobName = stepExecution.getJobExecution().getJobInstance().getJobName();
        console.print(jobName, jobName + "/" + stepExecution.getStepName() + ": " + text);
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }

    private StepProgress current() {
        StepContext context = StepSynchronizationManager.getContext();
        return context == null ? null : steps.get(context.getStepExecution().getId());
    }

    private void print(StepProgress progress) {
        try {
            console.print(progress.jobName, progress.line());
            if (!ChunkSteps.builtHere(progress.step)) {
                lockWatch.check(progress.step);
            }
        } catch (RuntimeException e) {
            // A progress line is never worth failing or stopping the timer for: logged, and the timer goes on.
            log.warn("Could not print the progress of {}: {}", progress.jobName, e.toString(), e);
        }
    }

    /** Why and until when a step waits for the database, and how many attempts failed so far. */
    private record Waiting(String cause, long deadlineNanos, int attempt) {
    }

    private static final class StepProgress {
        private final StepExecution step;
        private final String jobName;
        private final long baseline;
        private final long startNanos = System.nanoTime();
        private volatile long done;
        private long committedBefore;
        private long pending;
        private ScheduledFuture<?> printing;
        private volatile @Nullable Waiting waiting;

        StepProgress(StepExecution step) {
            this.step = step;
            this.jobName = step.getJobExecution().getJobInstance().getJobName();
            // A restarted step carries its earlier count in the restored context.
            this.baseline = step.getExecutionContext().getLong(DONE, 0L);
            this.committedBefore = baseline;
            this.done = baseline;
        }

        void advanceTo(long value) {
            if (value > done) {
                done = value;
                step.getExecutionContext().putLong(DONE, value);
            }
        }

        String line() {
            ExecutionContext context = step.getExecutionContext();
            long current = Math.max(done, context.getLong(DONE, 0L));
            long total = context.getLong(TOTAL, -1L);
            double seconds = Math.max(0.001, (System.nanoTime() - startNanos) / 1e9);
            double rate = (current - baseline) / seconds;
            StringBuilder line = new StringBuilder(jobName).append('/').append(step.getStepName()).append(": ");
            Waiting lost = waiting;
            if (lost != null) {
                line.append("waiting for the database (").append(lost.cause()).append("), attempt ")
                        .append(lost.attempt() + 1).append(", gives up in ")
                        .append(DurationText.compact(Duration.ofNanos(Math.max(0, lost.deadlineNanos() - System.nanoTime()))))
                        .append("; ");
            }
            line.append(RunSummary.number(current));
            if (total >= 0) {
                line.append(" of ").append(RunSummary.number(total)).append(" items (")
                        .append(total == 0 ? 100 : Math.min(100, current * 100 / total)).append("%)");
            } else {
                line.append(" items");
            }
            if (lost != null) {
                return line.toString();
            }
            line.append(", ").append(rate >= 10 ? String.format("%,.0f", rate) : String.format("%.1f", rate))
                    .append(" items/s");
            if (total >= 0 && rate > 0 && current < total) {
                line.append(", ETA ").append(DurationText.compact(Duration.ofMillis((long) ((total - current)
                        / rate * 1000))));
            }
            return line.toString();
        }
    }
}

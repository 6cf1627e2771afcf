package com.promptforge.batch.job;

import com.promptforge.batch.cli.OneLine;
import java.time.Duration;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.repeat.RepeatCallback;
import org.springframework.batch.infrastructure.repeat.RepeatContext;
import org.springframework.batch.infrastructure.repeat.RepeatOperations;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.repeat.support.RepeatTemplate;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * Waits out a lost database for a chunk step: each chunk transaction (begin, read, write, the save of the step's
 * metadata, commit) runs under a Spring {@link RetryTemplate} that retries it, with exponential backoff (1 s
 * doubling to 15 s), while the failure is a {@link DatabaseOutage} and for at most {@code pf.jobs.db-retry-window}.
 * A failed attempt has been rolled back whole and the next one redoes the same items
 * ({@link CommitBoundChunkTasklet}). Meanwhile the progress line says the step waits for the database; the retries
 * that got a chunk through are counted in the step's summary ({@value #RETRIES}).
 */
final class DatabaseRetry {

    /** Step context key: chunk attempts retried because the database was lost, printed in the run summary. */
    static final String RETRIES = RunSummary.PREFIX + "database retries";

    private final Duration window;
    private final ProgressListener progress;
    private final RetryPolicy policy;

    DatabaseRetry(Duration window, ProgressListener progress) {
        this.window = window;
        this.progress = progress;
        this.policy = RetryPolicy.builder()
                .predicate(DatabaseOutage::isOutage)
                .maxRetries(Integer.MAX_VALUE)
                .timeout(window)
                .delay(Duration.ofSeconds(1))
                .multiplier(2)
                .maxDelay(Duration.ofSeconds(15))
                .build();
    }

    /** The step's outer loop: one iteration per chunk transaction, each retried as above. */
    RepeatOperations stepOperations() {
        RepeatTemplate chunks = new RepeatTemplate();
        return callback -> chunks.iterate(context -> chunk(callback, context));
    }

    private RepeatStatus chunk(RepeatCallback callback, RepeatContext context) throws Exception {
        if (window.isZero()) {
            return callback.doInIteration(context);
        }
        Attempts attempts = new Attempts(StepSynchronizationManager.getContext().getStepExecution());
        try {
            return new RetryTemplate(policy).execute(() -> attempts.run(callback, context));
        } catch (RetryException e) {
            Throwable last = e.getCause() == null ? e : e.getCause();
            progress.databaseBack(attempts.step);
            if (attempts.failures == 0 || !DatabaseOutage.isOutage(last)) {
                throw last instanceof Exception exception ? exception : new IllegalStateException(last);
            }
            IllegalStateException gaveUp = new IllegalStateException("the database stayed unreachable for "
                    + RunSummary.duration(window) + " (pf.jobs.db-retry-window, PF_DB_RETRY_WINDOW) over "
                    + attempts.failures + " attempts of this chunk: " + OneLine.rootCause(last));
            gaveUp.addSuppressed(last);
            throw gaveUp;
        }
    }

    /** The attempts at one chunk. */
    private final class Attempts {
        private final StepExecution step;
        private final long startNanos = System.nanoTime();
        private int failures;

        Attempts(StepExecution step) {
            this.step = step;
        }

        RepeatStatus run(RepeatCallback callback, RepeatContext context) throws Exception {
            try {
                RepeatStatus status = callback.doInIteration(context);
                if (failures > 0) {
                    // After the commit: the count is saved with the next chunk or at the end of the step.
                    step.getExecutionContext().putLong(RETRIES, step.getExecutionContext().getLong(RETRIES, 0L)
                            + failures);
                    progress.databaseBack(step);
                    progress.print(step, "the database is back after " + failures + (failures == 1 ? " retry" : " retries")
                            + " (" + RunSummary.duration(Duration.ofNanos(System.nanoTime() - startNanos))
                            + "); the chunk was redone from its start");
                }
                return status;
            } catch (Exception e) {
                if (DatabaseOutage.isOutage(e)) {
                    failures++;
                    if (failures == 1) {
                        progress.print(step, "lost the database (" + OneLine.rootCause(e) + "); the chunk was rolled "
                                + "back and is retried for up to " + RunSummary.duration(window));
                    }
                    progress.databaseLost(step, e, startNanos + window.toNanos(), failures);
                }
                throw e;
            }
        }
    }
}

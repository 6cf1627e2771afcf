package com.promptforge.batch.job;

import com.promptforge.batch.core.DurationText;
import com.promptforge.batch.core.OneLine;
import java.lang.reflect.Method;
import java.time.Duration;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.repeat.RepeatOperations;
import org.springframework.batch.infrastructure.repeat.support.RepeatTemplate;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Waits out a lost database for a chunk step, with a Spring {@link RetryTemplate}: exponential backoff (1 s doubling
 * to 15 s) while the failure is a {@link DatabaseOutage}, for at most {@code pf.jobs.db-retry-window}.
 * <ul>
 *   <li>Each chunk transaction (begin, read, write, the save of the step's metadata, commit) is retried whole: a
 *       failed attempt has been rolled back and the next one redoes the same items
 *       ({@link CommitBoundChunkTasklet}), so the chunk is applied once.</li>
 *   <li>The step's own saves outside a chunk (its start, its end) are retried too, so that a connection lost right
 *       after the last chunk does not leave the step in the UNKNOWN status, which cannot be restarted.</li>
 * </ul>
 * Meanwhile the progress line says the step waits for the database; the retries that got through are counted in
 * the step's summary ({@value #RETRIES}).
 */
final class DatabaseRetry {

    /** Step context key: attempts retried because the database was lost, printed in the run summary. */
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
        return callback -> chunks.iterate(context -> retried("the chunk was rolled back and is retried",
                "the chunk was redone from its start", () -> callback.doInIteration(context)));
    }

    /** {@code repository} with the step's saves outside a chunk transaction retried as above. */
    JobRepository stepSaves(JobRepository repository) {
        ProxyFactory proxy = new ProxyFactory(repository);
        proxy.addInterface(JobRepository.class);
        proxy.addAdvice((MethodInterceptor) invocation -> {
            Method method = invocation.getMethod();
            Object[] arguments = invocation.getArguments();
            boolean stepSave = (method.getName().equals("update") || method.getName().equals("updateExecutionContext"))
                    && arguments.length == 1 && arguments[0] instanceof StepExecution;
            if (!stepSave || TransactionSynchronizationManager.isActualTransactionActive()) {
                return invocation.proceed();
            }
            return retried("saving the step's state is retried", "the step's state is saved",
                    () -> AopUtils.invokeJoinpointUsingReflection(repository, method, arguments));
        });
        return (JobRepository) proxy.getProxy(JobRepository.class.getClassLoader());
    }

    private <T> T retried(String retrying, String done, Retryable<T> work) throws Exception {
        StepContext stepContext = StepSynchronizationManager.getContext();
        if (window.isZero() || stepContext == null) {
            return call(work);
        }
        Attempts<T> attempts = new Attempts<>(stepContext.getStepExecution(), work, retrying, done);
        try {
            return new RetryTemplate(policy).execute(attempts::run);
        } catch (RetryException e) {
            Throwable last = e.getCause() == null ? e : e.getCause();
            progress.databaseBack(attempts.step);
            if (attempts.failures == 0 || !DatabaseOutage.isOutage(last)) {
                throw last instanceof Exception exception ? exception : new IllegalStateException(last);
            }
            IllegalStateException gaveUp = new IllegalStateException("the database stayed unreachable for "
                    + DurationText.compact(window) + " (pf.jobs.db-retry-window, PF_DB_RETRY_WINDOW) over "
                    + attempts.failures + " attempts: " + OneLine.rootCause(last));
            gaveUp.addSuppressed(last);
            throw gaveUp;
        }
    }

    private static <T> T call(Retryable<T> work) throws Exception {
        try {
            return work.execute();
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The attempts at one piece of work. */
    private final class Attempts<T> {
        private final StepExecution step;
        private final Retryable<T> work;
        private final String retrying;
        private final String done;
        private final long startNanos = System.nanoTime();
        private int failures;

        Attempts(StepExecution step, Retryable<T> work, String retrying, String done) {
            this.step = step;
            this.work = work;
            this.retrying = retrying;
            this.done = done;
        }

        T run() throws Exception {
            try {
                T result = call(work);
                if (failures > 0) {
                    // After the commit: the count is saved with the next chunk or at the end of the step.
                    step.getExecutionContext().putLong(RETRIES, step.getExecutionContext().getLong(RETRIES, 0L)
                            + failures);
                    progress.databaseBack(step);
                    progress.print(step, "the database is back after " + failures
                            + (failures == 1 ? " retry" : " retries") + " ("
                            + DurationText.compact(Duration.ofNanos(System.nanoTime() - startNanos)) + "); " + done);
                }
                return result;
            } catch (Exception e) {
                if (DatabaseOutage.isOutage(e)) {
                    failures++;
                    if (failures == 1) {
                        progress.print(step, "lost the database (" + OneLine.rootCause(e) + "); " + retrying
                                + " for up to " + DurationText.compact(window));
                    }
                    progress.databaseLost(step, e, startNanos + window.toNanos(), failures);
                }
                throw e;
            }
        }
    }
}

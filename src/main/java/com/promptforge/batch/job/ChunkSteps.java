package com.promptforge.batch.job;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.builder.TaskletStepBuilder;
import org.springframework.batch.core.step.tasklet.TaskletStep;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one way this project builds a chunk step. Every job's configuration uses it:
 * <pre>{@code
 * chunkSteps.<In, Out>step("my-step", chunkSize)
 *         .reader(reader).processor(processor).writer(writer)   // processor optional
 *         .listener(someListener)                               // optional, any number
 *         .build();
 * }</pre>
 *
 * <p><b>Why not {@code new StepBuilder(..).chunk(n)}.</b> Spring Batch 6's new ChunkOrientedStep saves the step's
 * progress (StepExecution, ExecutionContext) after the chunk's transaction, not in it (spring-batch issue 5199):
 * a connection lost between the two leaves a reader position past a chunk whose data rolled back, and a restart
 * silently skips it. The step built here is Spring Batch's TaskletStep, whose chunk transaction also saves the step
 * execution and its context before committing (ChunkTransactionCallback): data and progress commit together or not
 * at all, whatever fails, so a restart resumes exactly after the last chunk whose data committed. On top of it:
 * <ul>
 *   <li>a lost database is waited for (retried with backoff, {@code pf.jobs.db-retry-window}) and the chunk redone
 *       from its first item, applied once ({@link DatabaseRetry}, {@link CommitBoundChunkTasklet});</li>
 *   <li>a commit that fails because the connection is gone counts as rolled back, so the step stays restartable
 *       ({@link ChunkTransactionManager});</li>
 *   <li>the {@link ProgressListener} is attached, and the {@link LockWatch}, which looks after each chunk whether
 *       the run still holds its lock.</li>
 * </ul>
 *
 * <p><b>Contract for readers and writers.</b> A chunk may be attempted more than once; only its last attempt
 * commits. So a writer does everything outside the database (a workbook row, an in-memory figure) after the commit
 * (a {@code TransactionSynchronization#afterCommit}), and a reader saves in {@code update()} the position of the
 * items it has handed out, and leaves it unchanged when a read fails (Spring Batch's counting readers are put back
 * by the step; a JDBC cursor reader cannot survive a lost connection: prefer keyset paging). Readers, processors,
 * writers and listeners that are {@link ItemStream}s, {@link StepExecutionListener}s or {@link ChunkListener}s are
 * registered as such.
 */
@Component
public class ChunkSteps {

    private final JobRepository stepRepository;
    private final ChunkTransactionManager transactionManager;
    private final ProgressListener progressListener;
    private final LockWatch lockWatch;
    private final DatabaseRetry databaseRetry;

    ChunkSteps(JobRepository jobRepository, DataSource dataSource, ProgressListener progressListener,
               LockWatch lockWatch, JobsProperties properties) {
        this.transactionManager = new ChunkTransactionManager(dataSource);
        this.progressListener = progressListener;
        this.lockWatch = lockWatch;
        this.databaseRetry = new DatabaseRetry(properties.dbRetryWindow(), progressListener);
        this.stepRepository = databaseRetry.stepSaves(jobRepository);
    }

    /**
     * Runs {@code action} once the current chunk's transaction has committed (at once outside a transaction): what a
     * writer does outside the database, so that an attempt rolled back and redone leaves no trace.
     */
    public static void afterCommit(Runnable action) {
        afterCommit(action, () -> { });
    }

    /** As {@link #afterCommit(Runnable)}, running {@code afterRollback} instead when the transaction rolls back. */
    public static void afterCommit(Runnable action, Runnable afterRollback) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }

            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    afterRollback.run();
                }
            }
        });
    }

    /**
     * Whether an UNKNOWN {@code execution} may be restarted: Spring Batch refuses to (after a failed save of a step's
     * state it cannot tell what committed), but a step built here commits its progress with its data, so what the
     * database holds is the truth. True when every UNKNOWN step of the execution was built here.
     */
    static boolean restartableWhenUnknown(JobExecution execution) {
        return execution.getStepExecutions().stream()
                .filter(step -> step.getStatus() == BatchStatus.UNKNOWN)
                .allMatch(ChunkSteps::builtHere);
    }

    /** Whether {@code step} is (or was) an execution of a step built here: it commits its progress with its data. */
    static boolean builtHere(StepExecution step) {
        return CommitBoundChunkTasklet.class.getName().equals(step.getExecutionContext().get(
                TaskletStep.TASKLET_TYPE_KEY));
    }

    /** A chunk step named {@code name} (its restart key) committing every {@code chunkSize} items. */
    public <I, O> Builder<I, O> step(String name, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size of step " + name + " must be at least 1: " + chunkSize);
        }
        return new Builder<>(name, chunkSize);
    }

    /** Collects a chunk step's parts; {@link #build()} needs a reader and a writer. */
    public final class Builder<I, O> {
        private final String name;
        private final int chunkSize;
        private @Nullable ItemReader<? extends I> reader;
        private @Nullable ItemProcessor<? super I, ? extends O> processor;
        private @Nullable ItemWriter<? super O> writer;
        private final List<Object> listeners = new ArrayList<>();

        private Builder(String name, int chunkSize) {
            this.name = name;
            this.chunkSize = chunkSize;
        }

        public Builder<I, O> reader(ItemReader<? extends I> reader) {
            this.reader = reader;
            return this;
        }

        public Builder<I, O> processor(ItemProcessor<? super I, ? extends O> processor) {
            this.processor = processor;
            return this;
        }

        public Builder<I, O> writer(ItemWriter<? super O> writer) {
            this.writer = writer;
            return this;
        }

        /** A {@link StepExecutionListener}, {@link ChunkListener} and/or {@link ItemStream}. */
        public Builder<I, O> listener(Object listener) {
            listeners.add(listener);
            return this;
        }

        public Step build() {
            if (reader == null || writer == null) {
                throw new IllegalStateException("chunk step " + name + " needs a reader and a writer");
            }
            TaskletStepBuilder step = new StepBuilder(name, stepRepository)
                    .tasklet(new CommitBoundChunkTasklet<I, O>(reader, processor, writer, chunkSize),
                            transactionManager)
                    .stepOperations(databaseRetry.stepOperations());
            Set<Object> parts = new LinkedHashSet<>();
            parts.add(reader);
            if (processor != null) {
                parts.add(processor);
            }
            parts.add(writer);
            parts.addAll(listeners);
            parts.add(progressListener);
            parts.add(lockWatch);
            for (Object part : parts) {
                boolean used = false;
                if (part instanceof ItemStream stream) {
                    step.stream(stream);
                    used = true;
                }
                if (part instanceof StepExecutionListener listener) {
                    step.listener(listener);
                    used = true;
                }
                if (part instanceof ChunkListener<?, ?> listener) {
                    step.listener(listener);
                    used = true;
                }
                if (!used && listeners.contains(part)) {
                    throw new IllegalArgumentException("listener of step " + name + " is neither an ItemStream, a "
                            + "StepExecutionListener nor a ChunkListener: " + part.getClass().getName());
                }
            }
            return step.build();
        }
    }
}

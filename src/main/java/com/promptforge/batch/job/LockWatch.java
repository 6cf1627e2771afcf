package com.promptforge.batch.job;

import com.promptforge.batch.core.OneLine;
import com.promptforge.batch.db.DatabaseUnavailableException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * Watches a run's lock ({@link JobLocks}) while its execution runs, and keeps the execution's heartbeat
 * ({@link JobHeartbeats}) going. The lock lives on one connection; when that connection is lost (a server restart,
 * pg_terminate_backend) the lock goes with it, and another run could start. The watch notices at the next chunk
 * boundary of a step built by {@link ChunkSteps} (after each committed chunk) or, for other steps, at the next
 * progress tick ({@link ProgressListener}), and then:
 * <ul>
 *   <li>takes the lock again on a new connection when it is free, and the run goes on (a warning says so);</li>
 *   <li>when another session holds it, stops the step at this boundary ({@link StepExecution#setTerminateOnly}):
 *       the execution ends STOPPED and {@code restart} continues it, once the other run is over.</li>
 * </ul>
 * A run that cannot reach the database to take the lock again is not stopped for that: its chunks fail or wait
 * for the database ({@link DatabaseRetry}) too, and the next boundary looks again.
 */
@Component
class LockWatch implements JobExecutionListener, ChunkListener<Object, Object> {

    private final JobLocks locks;
    private final JobHeartbeats heartbeats;
    private final JobConsole console;
    /** The watch {@link JobRunner} opened in this thread, until its job's execution exists. */
    private final ThreadLocal<Watch> opening = new ThreadLocal<>();
    private final Map<Long, Watch> byExecution = new ConcurrentHashMap<>();

    LockWatch(JobLocks locks, JobHeartbeats heartbeats, JobConsole console) {
        this.locks = locks;
        this.heartbeats = heartbeats;
        this.console = console;
    }

    /**
     * Watches {@code lock} for the execution the calling thread starts next (jobs run in the thread that launches
     * them). Closing the watch releases the lock it holds then (the first one or one taken again).
     */
    Watch watch(JobLocks.Held lock) {
        Watch watch = new Watch(lock);
        opening.set(watch);
        return watch;
    }

    /** The execution exists: its heartbeat starts, and its lock (when {@link JobRunner} took one) is watched. */
    @Override
    public void beforeJob(JobExecution execution) {
        Watch watch = opening.get();
        if (watch != null && watch.jobName.equals(execution.getJobInstance().getJobName())) {
            opening.remove();
            watch.executionId = execution.getId();
            byExecution.put(execution.getId(), watch);
        }
        heartbeats.start(execution);
    }

    @Override
    public void afterJob(JobExecution execution) {
        heartbeats.stop(execution.getId());
        byExecution.remove(execution.getId());
    }

    /** Steps built by {@link ChunkSteps}: after each committed chunk, before the next one starts. */
    @Override
    public void afterChunk(ChunkContext context) {
        check(context.getStepContext().getStepExecution());
    }

    /**
     * Whether the lock of {@code step}'s execution is still held; when not, takes it again or stops the step (see
     * the class comment). Nothing for an execution started without {@link JobRunner}.
     */
    void check(StepExecution step) {
        Watch watch = byExecution.get(step.getJobExecutionId());
        if (watch != null) {
            watch.check(step);
        }
    }

    /** One run's lock, which a check may replace with a lock taken again. */
    final class Watch implements AutoCloseable {
        private final String jobName;
        private JobLocks.Held lock;
        private volatile @Nullable Long executionId;
        private boolean stopping;

        private Watch(JobLocks.Held lock) {
            this.lock = lock;
            this.jobName = lock.jobName();
        }

        private synchronized void check(StepExecution step) {
            if (stopping) {
                step.setTerminateOnly(); // a later step of a run that lost its lock to another does not start work
                return;
            }
            if (lock.isHeld()) {
                return;
            }
            String lost = jobName + " execution " + step.getJobExecutionId() + " lost its run lock (the lock's "
                    + "database session ended)";
            JobLocks.Acquisition again;
            try {
                again = locks.tryLock(jobName);
            } catch (DatabaseUnavailableException e) {
                console.warn(jobName, "Warning: " + lost + " and cannot take it again now ("
                        + OneLine.rootCause(e) + "); it tries again at the next chunk");
                return;
            }
            if (again.lock() != null) {
                lock.close();
                lock = again.lock();
                console.warn(jobName, "Warning: " + lost + "; took it again on a new connection, the run goes on");
                return;
            }
            stopping = true;
            step.setTerminateOnly();
            console.warn(jobName, "Stopping: " + lost + " and another session holds it now"
                    + (again.holder() == null || again.holder().isBlank() ? "" : " (" + again.holder() + ")") + "; "
                    + step.getStepName()
                    + " stops at this chunk boundary, STOPPED (continue with: restart " + jobName
                    + " once the other run is over)");
        }

        /** Releases the lock held now and ends the watch (and the heartbeat, should the job not have ended it). */
        @Override
        public synchronized void close() {
            if (opening.get() == this) {
                opening.remove();
            }
            Long id = executionId;
            if (id != null) {
                heartbeats.stop(id);
                byExecution.remove(id, this);
            }
            lock.close();
        }
    }
}

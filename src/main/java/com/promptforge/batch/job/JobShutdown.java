package com.promptforge.batch.job;

import com.promptforge.batch.core.DurationText;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * The runs of this process when the application closes (SIGTERM, Ctrl-C): they are stopped with
 * {@link JobOperator#stop} (they end STOPPED at their next chunk boundary and can be restarted) and the close waits
 * for them, up to {@code pf.jobs.stop-timeout}. From then on no run starts.
 */
@Component
class JobShutdown implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(JobShutdown.class);

    private final JobOperator operator;
    private final JobRepository repository;
    private final JobConsole console;
    private final Duration stopTimeout;
    private final Map<String, CountDownLatch> running = new ConcurrentHashMap<>();
    private boolean closing;

    JobShutdown(JobOperator operator, JobRepository repository, JobConsole console, JobsProperties properties) {
        this.operator = operator;
        this.repository = repository;
        this.console = console;
        this.stopTimeout = properties.stopTimeout();
    }

    /**
     * Counts a run of {@code jobName} as running in this process until the returned handle is closed.
     *
     * @throws JobRefusedException when the application is closing
     */
    Run started(String jobName) {
        CountDownLatch done = new CountDownLatch(1);
        synchronized (this) {
            if (closing) {
                throw new JobRefusedException("Refused: the service is shutting down; " + jobName + " was not started");
            }
            running.put(jobName, done);
        }
        return () -> {
            running.remove(jobName, done);
            done.countDown();
        };
    }

    /** Stops the jobs this process runs when the application closes, and waits for them to stop. */
    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (event.getApplicationContext().getParent() != null) {
            return; // a child context (none by default) closing is not the application closing
        }
        Map<String, CountDownLatch> toStop;
        synchronized (this) {
            closing = true;
            toStop = Map.copyOf(running);
        }
        if (toStop.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + stopTimeout.toNanos();
        Set<Long> stopped = new HashSet<>();
        try {
            while (toStop.values().stream().anyMatch(done -> done.getCount() > 0) && System.nanoTime() < deadline) {
                for (String jobName : toStop.keySet()) {
                    stopRunningExecutions(jobName, stopped);
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        toStop.forEach((jobName, done) -> {
            if (done.getCount() > 0) {
                log.warn("{} did not stop within {}; it is left as it is (restart {} marks it FAILED and continues it)",
                        jobName, DurationText.compact(stopTimeout), jobName);
            }
        });
    }

    private void stopRunningExecutions(String jobName, Set<Long> stopped) {
        for (JobExecution execution : repository.findRunningJobExecutions(jobName)) {
            if (execution.getStatus() == BatchStatus.STOPPING || !stopped.add(execution.getId())) {
                continue;
            }
            console.print(jobName, "Shutting down: stopping " + jobName + " execution " + execution.getId()
                    + " at its next chunk boundary (continue it later with: restart " + jobName + ")");
            try {
                operator.stop(execution);
            } catch (JobExecutionNotRunningException e) {
                // It ended meanwhile.
            } catch (RuntimeException e) {
                // stop() marks the execution STOPPING in the repository first, which is what the running step
                // checks at its next chunk boundary; what may fail after that is only the in-memory shortcut
                // (e.g. a job-scoped step cannot be looked up outside its job).
                log.debug("JobOperator.stop of execution {} after marking it STOPPING: {}", execution.getId(),
                        e.getMessage());
            }
        }
    }

    /** A run counted as running; closing it says it ended. */
    interface Run extends AutoCloseable {
        @Override
        void close();
    }
}

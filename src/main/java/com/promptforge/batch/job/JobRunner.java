package com.promptforge.batch.job;

import com.promptforge.batch.core.BadInputException;
import com.promptforge.batch.report.LeftoverTempFiles;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * The one way a batch job is started, restarted and stopped, by the command line and the scheduler alike.
 * <ul>
 *   <li>{@link #run}: resolves the parameters through the job's {@link JobDefinition}, adds the identifying
 *       {@value #LAUNCH_TIME} parameter (so each run is a new job instance), starts the job with
 *       {@link JobOperator} in the calling thread and returns when it ends, having printed its
 *       {@link RunSummary summary}. Jobs must not declare a parameters incrementer (it would replace these
 *       parameters).</li>
 *   <li>{@link #restart}: continues the job's last execution from where it stopped, when it failed or was
 *       stopped, or when it was left running by a process that is gone (kill -9): that one is first marked
 *       FAILED ({@link JobOperator#recover}); or when it was left UNKNOWN by a lost database in a step built by
 *       {@link ChunkSteps}, whose progress commits with its data: that one is marked FAILED first.</li>
 *   <li>Only one run per job at a time, anywhere: both take the job's {@link JobLocks advisory lock} for the
 *       whole run, and a second run is refused with {@link JobRefusedException}.</li>
 *   <li>When the application context closes (SIGTERM, Ctrl-C), running jobs are stopped with
 *       {@link JobOperator#stop} (they end STOPPED at their next chunk boundary and can be restarted) and the
 *       close waits for them, up to {@code pf.jobs.stop-timeout}.</li>
 * </ul>
 */
@Component
public class JobRunner implements ApplicationListener<ContextClosedEvent> {

    /**
     * The identifying parameter every run gets: when it was launched, UTC. For a scheduled run it is the
     * trigger's scheduled fire time, so a firing can start its job instance only once.
     */
    public static final String LAUNCH_TIME = "launchTime";

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final JobCatalog catalog;
    private final JobOperator operator;
    private final JobRepository repository;
    private final JobLocks locks;
    private final JobConsole console;
    private final LeftoverTempFiles leftovers;
    private final String logFile;
    private final Duration stopTimeout;
    private final Map<String, CountDownLatch> running = new ConcurrentHashMap<>();
    private boolean closing;

    JobRunner(JobCatalog catalog, JobOperator operator, JobRepository repository, JobLocks locks, JobConsole console,
              LeftoverTempFiles leftovers, @Value("${logging.file.name:}") String logFile, JobsProperties properties) {
        this.catalog = catalog;
        this.operator = operator;
        this.repository = repository;
        this.locks = locks;
        this.console = console;
        this.leftovers = leftovers;
        this.logFile = logFile;
        this.stopTimeout = properties.stopTimeout();
    }

    /**
     * Runs {@code jobName} now, in this thread, with {@code given} (name=value) over the job's defaults.
     *
     * @param origin     where the parameters come from, for messages ("run", "schedule of entitlement-sync")
     * @param launchTime the identifying launch time (UTC)
     * @param output     receives the start line, progress lines and the summary
     * @return the finished execution (COMPLETED, FAILED or STOPPED)
     * @throws BadInputException   for an unknown job or a bad parameter
     * @throws JobRefusedException when the job is already running (anywhere) or the service is shutting down
     */
    public JobExecution run(String jobName, Map<String, String> given, String origin, LocalDateTime launchTime,
                            Consumer<String> output) {
        JobDefinition definition = catalog.require(jobName, origin);
        JobParameters parameters = toJobParameters(definition.resolve(given, origin), launchTime);
        return underLock(jobName, output, () -> {
            recoverAbandoned(jobName, output);
            output.accept("Starting " + jobName + " with " + describe(parameters));
            return operator.start(catalog.job(jobName), parameters);
        });
    }

    /**
     * Restarts the last execution of {@code jobName} from where it stopped.
     *
     * @throws BadInputException   for an unknown job, or when its last execution cannot be restarted
     * @throws JobRefusedException when the job is running (anywhere) or the service is shutting down
     */
    public JobExecution restart(String jobName, Consumer<String> output) {
        catalog.require(jobName, "restart");
        return underLock(jobName, output, () -> {
            JobExecution last = lastExecution(jobName);
            if (last == null) {
                throw new BadInputException("restart: job " + jobName + " has never run: nothing to restart");
            }
            if (last.getStatus().isRunning()) {
                // This process holds the job's lock, so the process that ran it is gone.
                output.accept(abandonedNote(last));
                last = operator.recover(last);
            }
            if (last.getStatus() == BatchStatus.UNKNOWN && ChunkSteps.restartableWhenUnknown(last)) {
                output.accept("Note: " + jobName + " execution " + last.getId() + " was left UNKNOWN (the database "
                        + "was lost while its state was saved); its chunk steps commit their progress with their "
                        + "data, so it is marked FAILED and continued from its last committed chunk");
                last = markFailed(last);
            }
            if (last.getStatus() != BatchStatus.FAILED && last.getStatus() != BatchStatus.STOPPED) {
                throw new BadInputException("restart: the last execution of " + jobName + " (" + last.getId()
                        + ", started " + time(last.getStartTime()) + ") is " + last.getStatus()
                        + ": only a FAILED or STOPPED execution can be restarted; start a new one with: run "
                        + jobName);
            }
            output.accept("Restarting " + jobName + " execution " + last.getId() + " (" + last.getStatus()
                    + ", started " + time(last.getStartTime()) + ") from where it stopped, with "
                    + describe(last.getJobParameters()));
            return operator.restart(last);
        });
    }

    /** The most recent executions of {@code jobName}, newest first. */
    public List<JobExecution> lastExecutions(String jobName, int count) {
        return repository.getJobInstances(jobName, 0, count).stream()
                .flatMap(instance -> repository.getJobExecutions(instance).stream())
                .sorted(Comparator.comparing(JobExecution::getId).reversed())
                .limit(count)
                .toList();
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
                        jobName, RunSummary.duration(stopTimeout), jobName);
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

    private JobExecution underLock(String jobName, Consumer<String> output, Launch launch) {
        CountDownLatch done = new CountDownLatch(1);
        JobLocks.Acquisition acquisition = locks.tryLock(jobName);
        if (acquisition.lock() == null) {
            throw new JobRefusedException(refusal(jobName, acquisition.holder()));
        }
        try (JobLocks.Held lock = acquisition.lock();
             JobConsole.Attachment attachment = console.attach(jobName, output)) {
            synchronized (this) {
                if (closing) {
                    throw new JobRefusedException("Refused: the service is shutting down; " + jobName
                            + " was not started");
                }
                running.put(jobName, done);
            }
            leftovers.removeDeadRunsFiles(output); // what a run killed with -9 (of any job) left behind
            JobExecution execution = launch.launch();
            if (execution.getStatus() == BatchStatus.FAILED) {
                keepFailure(execution);
            }
            RunSummary.lines(execution).forEach(output);
            if (execution.getStatus() == BatchStatus.FAILED && !logFile.isBlank()) {
                output.accept("  stack trace in " + logFile);
            }
            return execution;
        } catch (JobInstanceAlreadyCompleteException e) {
            throw new JobRefusedException("Refused: " + jobName + " already ran with these parameters ("
                    + e.getMessage() + ")");
        } catch (JobExecutionAlreadyRunningException e) {
            throw new JobRefusedException("Refused: " + jobName + " is already running (" + e.getMessage() + ")");
        } catch (InvalidJobParametersException e) {
            throw new BadInputException(jobName + ": " + e.getMessage());
        } catch (JobRestartException e) {
            throw new BadInputException("restart: " + jobName + " cannot be restarted: " + e.getMessage());
        } finally {
            running.remove(jobName, done);
            done.countDown();
        }
    }

    /** Marks an UNKNOWN execution and its UNKNOWN steps FAILED, so that Spring Batch lets it be restarted. */
    private JobExecution markFailed(JobExecution execution) {
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStatus() == BatchStatus.UNKNOWN) {
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(ExitStatus.FAILED.addExitDescription("was UNKNOWN: the database was lost while "
                        + "the step's state was saved"));
                repository.update(step);
            }
        }
        execution.setStatus(BatchStatus.FAILED);
        execution.setExitStatus(ExitStatus.FAILED.addExitDescription("was UNKNOWN: the database was lost while the "
                + "job's state was saved"));
        repository.update(execution);
        return execution;
    }

    /** Keeps the innermost cause with the execution, for {@code jobs} to show later. */
    private void keepFailure(JobExecution execution) {
        try {
            execution.getExecutionContext().putString(RunSummary.FAILURE, RunSummary.failure(execution));
            repository.updateExecutionContext(execution);
        } catch (RuntimeException e) {
            log.warn("Could not record why {} execution {} failed: {}", execution.getJobInstance().getJobName(),
                    execution.getId(), e.getMessage());
        }
    }

    private String refusal(String jobName, String holder) {
        String running = repository.findRunningJobExecutions(jobName).stream()
                .sorted(Comparator.comparing(JobExecution::getId))
                .map(execution -> "execution " + execution.getId() + " started " + time(execution.getStartTime()))
                .collect(Collectors.joining(", "));
        return "Refused: " + jobName + " is already running" + (running.isEmpty() ? "" : " (" + running + ")")
                + (holder == null ? "" : " by " + holder) + "; a second run is not started";
    }

    /** Executions left running by a process that is gone are marked FAILED, so that they can be restarted. */
    private void recoverAbandoned(String jobName, Consumer<String> output) {
        for (JobExecution execution : repository.findRunningJobExecutions(jobName)) {
            output.accept(abandonedNote(execution));
            operator.recover(execution);
        }
    }

    private static String abandonedNote(JobExecution execution) {
        String jobName = execution.getJobInstance().getJobName();
        return "Note: " + jobName + " execution " + execution.getId() + " (started "
                + time(execution.getStartTime()) + ") was left " + execution.getStatus()
                + " by a process that is gone; marked FAILED (restart " + jobName + " continues it)";
    }

    private JobExecution lastExecution(String jobName) {
        JobInstance instance = repository.getLastJobInstance(jobName);
        return instance == null ? null : repository.getLastJobExecution(instance);
    }

    static JobParameters toJobParameters(Map<String, Object> resolved, LocalDateTime launchTime) {
        JobParametersBuilder builder = new JobParametersBuilder();
        resolved.forEach((name, value) -> {
            if (value instanceof Boolean flag) {
                builder.addJobParameter(name, flag, Boolean.class);
            } else if (value instanceof Long number) {
                builder.addLong(name, number);
            } else if (value instanceof LocalDate date) {
                builder.addLocalDate(name, date);
            } else {
                builder.addString(name, String.valueOf(value));
            }
        });
        builder.addLocalDateTime(LAUNCH_TIME, launchTime);
        return builder.toJobParameters();
    }

    private static String describe(JobParameters parameters) {
        Map<String, Object> values = new HashMap<>();
        parameters.parameters().forEach(parameter -> values.put(parameter.name(), parameter.value()));
        return values.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String time(LocalDateTime time) {
        return time == null ? "-" : TIME.format(time);
    }

    @FunctionalInterface
    private interface Launch {
        JobExecution launch() throws InvalidJobParametersException, JobExecutionAlreadyRunningException,
                JobRestartException, JobInstanceAlreadyCompleteException;
    }
}

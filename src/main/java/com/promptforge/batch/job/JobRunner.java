package com.promptforge.batch.job;

import com.promptforge.batch.core.BadInputException;
import com.promptforge.batch.report.LeftoverTempFiles;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The one way a batch job is started and restarted, by the command line and the scheduler alike.
 * <ul>
 *   <li>{@link #run}: resolves the parameters through the job's {@link JobDefinition}, adds the identifying
 *       {@value #LAUNCH_TIME} parameter ({@link LaunchParameters}, so each run is a new job instance), starts the
 *       job with {@link JobOperator} in the calling thread and returns when it ends, having printed its
 *       {@link RunSummary summary}. Jobs must not declare a parameters incrementer (it would replace these
 *       parameters).</li>
 *   <li>{@link #restart}: continues the job's last execution from where it stopped, when it failed or was
 *       stopped, or when no process will finish it ({@link AbandonedExecutions}).</li>
 *   <li>Only one run per job at a time, anywhere: both take the job's {@link JobLocks advisory lock} for the
 *       whole run, and a second run is refused with {@link JobRefusedException}; so is a run while the
 *       application closes ({@link JobShutdown}, which stops the runs in progress). The lock is watched while the
 *       job runs ({@link LockWatch}): one lost with its connection is taken again, or the run stops. A run that
 *       finds an execution of its job still marked running refuses too while that execution's process still
 *       beats ({@link JobHeartbeats}, {@link AbandonedExecutions}).</li>
 * </ul>
 */
@Component
public class JobRunner {

    /**
     * The identifying parameter every run gets: when it was launched, UTC. For a scheduled run it is the
     * trigger's scheduled fire time, so a firing can start its job instance only once.
     */
    public static final String LAUNCH_TIME = "launchTime";

    private final JobCatalog catalog;
    private final JobOperator operator;
    private final JobRepository repository;
    private final JobLocks locks;
    private final LockWatch lockWatch;
    private final JobConsole console;
    private final JobShutdown shutdown;
    private final AbandonedExecutions abandoned;
    private final FailureRecorder failures;
    private final LeftoverTempFiles leftovers;
    private final String logFile;

    JobRunner(JobCatalog catalog, JobOperator operator, JobRepository repository, JobLocks locks, LockWatch lockWatch,
              JobConsole console, JobShutdown shutdown, AbandonedExecutions abandoned, FailureRecorder failures,
              LeftoverTempFiles leftovers, @Value("${logging.file.name:}") String logFile) {
        this.catalog = catalog;
        this.operator = operator;
        this.repository = repository;
        this.locks = locks;
        this.lockWatch = lockWatch;
        this.console = console;
        this.shutdown = shutdown;
        this.abandoned = abandoned;
        this.failures = failures;
        this.leftovers = leftovers;
        this.logFile = logFile;
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
        JobParameters parameters = LaunchParameters.of(definition.resolve(given, origin), launchTime);
        return underLock(jobName, output, () -> {
            abandoned.recover(jobName, output);
            output.accept("Starting " + jobName + " with " + LaunchParameters.describe(parameters));
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
            last = abandoned.recoverForRestart(last, output);
            if (last.getStatus() != BatchStatus.FAILED && last.getStatus() != BatchStatus.STOPPED) {
                throw new BadInputException("restart: the last execution of " + jobName + " (" + last.getId()
                        + ", started " + RunSummary.time(last.getStartTime()) + ") is " + last.getStatus()
                        + ": only a FAILED or STOPPED execution can be restarted; start a new one with: run "
                        + jobName);
            }
            output.accept("Restarting " + jobName + " execution " + last.getId() + " (" + last.getStatus()
                    + ", started " + RunSummary.time(last.getStartTime()) + ") from where it stopped, with "
                    + LaunchParameters.describe(last.getJobParameters()));
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

    private JobExecution underLock(String jobName, Consumer<String> output, Launch launch) {
        JobLocks.Acquisition acquisition = locks.tryLock(jobName);
        if (acquisition.lock() == null) {
            throw new JobRefusedException(refusal(jobName, acquisition.holder()));
        }
        try (LockWatch.Watch lock = lockWatch.watch(acquisition.lock());
             JobConsole.Attachment attachment = console.attach(jobName, output);
             JobShutdown.Run run = shutdown.started(jobName)) {
            leftovers.removeDeadRunsFiles(output); // what a run killed with -9 (of any job) left behind
            JobExecution execution = launch.launch();
            if (execution.getStatus() == BatchStatus.FAILED) {
                failures.keep(execution);
            }
            RunSummary.lines(execution).forEach(output);
            if (execution.getStatus() == BatchStatus.FAILED && !logFile.isBlank()) {
                output.accept("  stack trace in " + logFile);
            }
            return execution;
        } catch (JobInstanceAlreadyCompleteException e) {
            throw new JobRefusedException("Refused: " + jobName + " already ran with these parameters ("
                    + e.getMessage() + ")", e);
        } catch (JobExecutionAlreadyRunningException e) {
            throw new JobRefusedException("Refused: " + jobName + " is already running (" + e.getMessage() + ")", e);
        } catch (InvalidJobParametersException e) {
            throw new BadInputException(jobName + ": " + e.getMessage(), e);
        } catch (JobRestartException e) {
            throw new BadInputException("restart: " + jobName + " cannot be restarted: " + e.getMessage(), e);
        }
    }

    private String refusal(String jobName, String holder) {
        String running = repository.findRunningJobExecutions(jobName).stream()
                .sorted(Comparator.comparing(JobExecution::getId))
                .map(execution -> "execution " + execution.getId() + " started "
                        + RunSummary.time(execution.getStartTime()))
                .collect(Collectors.joining(", "));
        return "Refused: " + jobName + " is already running" + (running.isEmpty() ? "" : " (" + running + ")")
                + (holder == null ? "" : " by " + holder) + "; a second run is not started";
    }

    private JobExecution lastExecution(String jobName) {
        JobInstance instance = repository.getLastJobInstance(jobName);
        return instance == null ? null : repository.getLastJobExecution(instance);
    }

    @FunctionalInterface
    private interface Launch {
        JobExecution launch() throws InvalidJobParametersException, JobExecutionAlreadyRunningException,
                JobRestartException, JobInstanceAlreadyCompleteException;
    }
}

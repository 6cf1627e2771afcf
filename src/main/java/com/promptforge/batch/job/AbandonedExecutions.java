package com.promptforge.batch.job;

import java.util.function.Consumer;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * Executions that no process will finish, made restartable. Called only while holding the job's run lock, so an
 * execution still marked running was left by a process that is gone (kill -9, lost machine); one left UNKNOWN
 * lost its database while its state was saved.
 */
@Component
class AbandonedExecutions {

    private final JobOperator operator;
    private final JobRepository repository;

    AbandonedExecutions(JobOperator operator, JobRepository repository) {
        this.operator = operator;
        this.repository = repository;
    }

    /** Marks every execution of {@code jobName} still marked running FAILED ({@link JobOperator#recover}). */
    void recover(String jobName, Consumer<String> output) {
        for (JobExecution execution : repository.findRunningJobExecutions(jobName)) {
            output.accept(abandonedNote(execution));
            operator.recover(execution);
        }
    }

    /**
     * The last execution of a job, made restartable when it can be: one left running is marked FAILED; one left
     * UNKNOWN in a step built by {@link ChunkSteps}, whose progress commits with its data, is marked FAILED too.
     * Any other execution is returned as it is.
     */
    JobExecution recoverForRestart(JobExecution last, Consumer<String> output) {
        if (last.getStatus().isRunning()) {
            output.accept(abandonedNote(last));
            last = operator.recover(last);
        }
        if (last.getStatus() == BatchStatus.UNKNOWN && ChunkSteps.restartableWhenUnknown(last)) {
            output.accept("Note: " + last.getJobInstance().getJobName() + " execution " + last.getId()
                    + " was left UNKNOWN (the database was lost while its state was saved); its chunk steps commit "
                    + "their progress with their data, so it is marked FAILED and continued from its last committed "
                    + "chunk");
            last = markFailed(last);
        }
        return last;
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

    private static String abandonedNote(JobExecution execution) {
        String jobName = execution.getJobInstance().getJobName();
        return "Note: " + jobName + " execution " + execution.getId() + " (started "
                + RunSummary.time(execution.getStartTime()) + ") was left " + execution.getStatus()
                + " by a process that is gone; marked FAILED (restart " + jobName + " continues it)";
    }
}

package com.promptforge.batch.cli;

import com.promptforge.batch.core.ExitCode;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/** How a finished job execution maps to the exit code: 0 when it completed, 1 otherwise (failed or stopped). */
final class JobExitCodes {

    private JobExitCodes() {
    }

    static ExitCode of(JobExecution execution) {
        return execution.getStatus() == BatchStatus.COMPLETED ? ExitCode.COMPLETED : ExitCode.FAILED;
    }
}

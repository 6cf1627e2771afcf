package com.promptforge.batch.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Keeps why a run failed with its execution ({@link RunSummary#FAILURE}), for {@code jobs} to show later: the
 * repository stores only the outermost exception's message, which rarely says what went wrong.
 */
@Component
class FailureRecorder {

    private static final Logger log = LoggerFactory.getLogger(FailureRecorder.class);

    private final JobRepository repository;

    FailureRecorder(JobRepository repository) {
        this.repository = repository;
    }

    /** Saves the innermost cause of {@code execution}'s failure in its job context; a failure to save is logged. */
    void keep(JobExecution execution) {
        try {
            execution.getExecutionContext().putString(RunSummary.FAILURE, RunSummary.failure(execution));
            repository.updateExecutionContext(execution);
        } catch (RuntimeException e) {
            log.warn("Could not record why {} execution {} failed: {}", execution.getJobInstance().getJobName(),
                    execution.getId(), e.getMessage());
        }
    }
}

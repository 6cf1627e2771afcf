package com.promptforge.batch.job;

import com.promptforge.batch.db.DatabaseTarget;
import com.promptforge.batch.spreadsheet.SummarySheet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.step.StepExecution;

/**
 * What a report's summary sheet says about the run that wrote it: the job, its execution id, its parameters as
 * the run used them (the job definition's, defaults filled in; not the launcher's bookkeeping such as a run id),
 * the database (host and name, never credentials), and when the run started. One way for every job's workbook.
 */
public record ReportedRun(String jobName, long executionId, Map<String, Object> parameters, String databaseHost,
                          String databaseName, Instant startedAt) {

    /** The run of {@code step}, a step of a job that {@code definition} declares. */
    public static ReportedRun of(StepExecution step, JobDefinition definition, DatabaseTarget database) {
        Map<String, String> given = new HashMap<>();
        for (JobParameter<?> parameter : step.getJobParameters()) {
            if (definition.parameters().stream().anyMatch(spec -> spec.name().equals(parameter.name()))) {
                given.put(parameter.name(), String.valueOf(parameter.value()));
            }
        }
        LocalDateTime started = step.getStartTime();
        return new ReportedRun(definition.name(), step.getJobExecutionId(),
                definition.resolve(given, "job " + definition.name()), database.host(), database.database(),
                started == null ? Instant.now() : started.atZone(ZoneId.systemDefault()).toInstant());
    }

    /** Fills the summary's run lines: generated at (now), database, job, execution id and parameters. */
    public SummarySheet describeIn(SummarySheet summary) {
        return summary.generatedAt(Instant.now())
                .database(databaseHost, databaseName)
                .job(jobName, executionId)
                .parameters(parameters);
    }

    /** How long the run has taken so far. */
    public Duration elapsed() {
        return Duration.between(startedAt, Instant.now());
    }
}

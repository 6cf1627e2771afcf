package com.promptforge.batch.usage;

import com.promptforge.batch.db.DatabaseTarget;
import com.promptforge.batch.job.JobDefinition;
import com.promptforge.batch.job.ReportedRun;
import com.promptforge.batch.job.RunSummary;
import com.promptforge.batch.report.ReportLifecycle;
import java.time.Instant;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The usage report as one tasklet call (a report is one unit of work; nothing to resume half-way): runs
 * {@link UsageReport} for the run's week and puts the report's path and headline counts in the step's summary.
 */
final class UsageReportTasklet implements Tasklet {

    /** Step context key of the written report's path. */
    static final String REPORT_KEY = "usage-report.file";

    private final UsageReportParameters parameters;
    private final UsageReport report;
    private final JobDefinition definition;
    private final DatabaseTarget database;
    private final ReportLifecycle reports;

    UsageReportTasklet(UsageReportParameters parameters, UsageReport report, JobDefinition definition,
                       DatabaseTarget database, ReportLifecycle reports) {
        this.parameters = parameters;
        this.report = report;
        this.definition = definition;
        this.database = database;
        this.reports = reports;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = contribution.getStepExecution();
        UsageReport.Outcome outcome = report.run(definition.name(), parameters,
                ReportedRun.of(step, definition, database).parameters(), step.getJobExecutionId(), reports,
                Instant.now());
        ExecutionContext context = step.getExecutionContext();
        context.putString(REPORT_KEY, outcome.report().location());
        context.putString(RunSummary.PREFIX + "week", parameters.week().label());
        context.putLong(RunSummary.PREFIX + "organizations", outcome.content().orgs().size());
        context.putLong(RunSummary.PREFIX + "runs", outcome.content().totalRuns());
        context.putLong(RunSummary.PREFIX + "findings", outcome.content().findings().size());
        context.putString(RunSummary.PREFIX + "report", outcome.report().location());
        return RepeatStatus.FINISHED;
    }
}

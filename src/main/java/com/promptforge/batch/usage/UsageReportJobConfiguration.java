package com.promptforge.batch.usage;

import com.promptforge.batch.core.BadInputException;
import com.promptforge.batch.db.DatabaseTarget;
import com.promptforge.batch.db.OrganizationLookup;
import com.promptforge.batch.job.JobDefinition;
import com.promptforge.batch.job.ReportedRun;
import com.promptforge.batch.job.RunSummary;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The weekly usage and database-health report, {@code usage-report}: one tasklet step (a report is one unit of
 * work; nothing to resume half-way) that runs {@link UsageReport} and writes reports/usage/usage-report-<week>.xlsx.
 */
@Configuration(proxyBeanMethods = false)
class UsageReportJobConfiguration {

    static final String JOB_NAME = "usage-report";
    static final String STEP_NAME = "usage-report-write";
    static final String REPORT_KEY = "usage-report.file";

    static JobDefinition definition() {
        return new JobDefinition(JOB_NAME, """
                The weekly usage and database-health report: get_org_run_stats of every organization for the week \
                and the week before (kept in usage.org_weeks, so a past week can be reported again after its runs are \
                deleted), runs per day, index-usage checks, query performance from pg_stat_statements snapshots \
                (never reset), sessions, wraparound and sequences, and findings with the statement that fixes each. \
                Writes reports/usage/usage-report-<ISO week>.xlsx.""",
                UsageReportParameters.SPECS);
    }

    @Bean
    JobDefinition usageReportJobDefinition() {
        return definition();
    }

    @Bean(JOB_NAME)
    Job usageReportJob(JobRepository jobRepository, @Qualifier("usageReportStep") Step usageReportStep,
                       DataSource dataSource, DatabaseTarget target) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        return new JobBuilder(JOB_NAME, jobRepository)
                .validator(parameters -> validate(parameters, jdbc, target))
                .start(usageReportStep)
                .build();
    }

    @Bean
    Step usageReportStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                         DataSource dataSource, DatabaseTarget target, @Value("${pf.reports-dir}") String reportsDir) {
        UsageReport report = new UsageReport(dataSource, target.host(), target.database());
        return new StepBuilder(STEP_NAME, jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    StepExecution step = chunkContext.getStepContext().getStepExecution();
                    Map<String, Object> values = values(step.getJobParameters());
                    UsageReportParameters parameters = UsageReportParameters.from(definition(), values);
                    UsageReport.Outcome outcome = report.run(JOB_NAME, parameters,
                            ReportedRun.of(step, definition(), target).parameters(),
                            step.getJobExecutionId(), Path.of(reportsDir), Instant.now());
                    var context = step.getExecutionContext();
                    context.putString(REPORT_KEY, outcome.report().toString());
                    context.putString(RunSummary.PREFIX + "week", parameters.week().label());
                    context.putLong(RunSummary.PREFIX + "organizations", outcome.content().orgs().size());
                    context.putLong(RunSummary.PREFIX + "runs", outcome.content().totalRuns());
                    context.putLong(RunSummary.PREFIX + "findings", outcome.content().findings().size());
                    context.putString(RunSummary.PREFIX + "report", outcome.report().toString());
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    /**
     * Refuses, before an execution exists and with one line: a bad week, an org that does not exist, and a
     * connection through Supabase's transaction pooler (the job runner's run lock needs a session).
     */
    static void validate(JobParameters parameters, JdbcTemplate jdbc, DatabaseTarget target)
            throws InvalidJobParametersException {
        String pooler = TransactionPooler.problem(target);
        if (pooler != null) {
            throw new InvalidJobParametersException(pooler);
        }
        UsageReportParameters resolved;
        try {
            resolved = UsageReportParameters.from(definition(), values(parameters));
        } catch (BadInputException e) {
            throw new InvalidJobParametersException(e.getMessage());
        }
        if (resolved.org() != null && WeeklyUsage.org(jdbc, resolved.org()).isEmpty()) {
            throw new InvalidJobParametersException("parameter org must be " + OrganizationLookup.ACCEPTED + ", got '"
                    + resolved.org() + "': no organization has that id or slug");
        }
    }

    static Map<String, Object> values(JobParameters parameters) {
        Map<String, Object> values = new HashMap<>();
        for (JobParameter<?> parameter : parameters) {
            values.put(parameter.name(), parameter.value());
        }
        return values;
    }
}

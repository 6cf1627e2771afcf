package com.promptforge.batch.usage;

import com.promptforge.batch.core.BadInputException;
import com.promptforge.batch.db.DatabaseTarget;
import com.promptforge.batch.db.OrganizationLookup;
import com.promptforge.batch.db.ReadDatabase;
import com.promptforge.batch.report.ReportLifecycle;
import com.promptforge.batch.job.JobDefinition;
import com.promptforge.batch.job.JobParametersBinder;
import com.promptforge.batch.report.ReportFamily;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The weekly usage and database-health report, {@code usage-report}: one tasklet step ({@link UsageReportTasklet})
 * that runs {@link UsageReport} and writes reports/usage/usage-report-<week>.xlsx.
 */
@Configuration(proxyBeanMethods = false)
class UsageReportJobConfiguration {

    static final String JOB_NAME = "usage-report";
    static final String STEP_NAME = "usage-report-write";

    static JobDefinition definition() {
        return new JobDefinition(JOB_NAME, """
                The weekly usage and database-health report: get_org_run_stats of every organization for the week \
                and the week before (kept in usage.org_weeks, so a past week can be reported again after its runs are \
                deleted), runs per day, index-usage checks, query performance from pg_stat_statements snapshots \
                (never reset), sessions, wraparound and sequences, and findings with the statement that fixes each. \
                Writes reports/usage/usage-report-<ISO week>.xlsx.""",
                UsageReportParameters.SPECS);
    }

    static final JobParametersBinder<UsageReportParameters> PARAMETERS =
            new JobParametersBinder<>(definition(), UsageReportParameters::from);

    /** What this job writes to the reports folder, for the retention. */
    @Bean
    ReportFamily usageReports() {
        return UsageReportWorkbook.FAMILY;
    }

    @Bean
    JobDefinition usageReportJobDefinition() {
        return definition();
    }

    /**
     * Refuses, before an execution exists and with one line: a bad week, an org that does not exist (a transaction
     * pooler is refused at start, by db.SessionProbe).
     */
    @Bean(JOB_NAME)
    Job usageReportJob(JobRepository jobRepository, @Qualifier("usageReportStep") Step usageReportStep,
                       DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        return new JobBuilder(JOB_NAME, jobRepository)
                .validator(PARAMETERS.validator(parameters -> requireOrg(parameters, jdbc)))
                .start(usageReportStep)
                .build();
    }

    /** Job-scoped because what it reports depends on the job's parameters. */
    @Bean
    @JobScope
    Step usageReportStep(@Value("#{jobParameters}") Map<String, Object> jobParameters, JobRepository jobRepository,
                         PlatformTransactionManager transactionManager, DataSource dataSource,
                         ReadDatabase readDatabase, DatabaseTarget target, ReportLifecycle reports,
                         @Value("${pf.usage.keep-weeks:26}") int keepWeeks) {
        UsageReportTasklet tasklet = new UsageReportTasklet(PARAMETERS.bind(jobParameters),
                new UsageReport(dataSource, readDatabase, target.host(), target.database(), keepWeeks), definition(),
                target, reports);
        return new StepBuilder(STEP_NAME, jobRepository)
                .tasklet(tasklet, transactionManager)
                .build();
    }

    private static void requireOrg(UsageReportParameters parameters, JdbcTemplate jdbc) {
        if (parameters.org() != null && WeeklyUsage.org(jdbc, parameters.org()).isEmpty()) {
            throw new BadInputException("parameter org must be " + OrganizationLookup.ACCEPTED + ", got '"
                    + parameters.org() + "': no organization has that id or slug");
        }
    }
}

package com.promptforge.batch.audit;

import com.promptforge.batch.core.BadInputException;
import com.promptforge.batch.db.DatabaseTarget;
import com.promptforge.batch.db.OrganizationLookup.Organization;
import com.promptforge.batch.db.OrganizationLookup;
import com.promptforge.batch.db.ReadDatabase;
import com.promptforge.batch.job.JobDefinition;
import com.promptforge.batch.job.JobParametersBinder;
import com.promptforge.batch.job.ProgressListener;
import com.promptforge.batch.report.ReportFamily;
import com.promptforge.batch.report.ReportLifecycle;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.StepExecutionListener;
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
 * The audit export, {@code audit-export}: one step that streams the scored runs of a period and the bundles of
 * those runs, for one organization or all, into {@code reports/audit/audit-<org slug or all>-<from>-<to>.xlsx}
 * with a {@code .sha256} beside it ({@link AuditExportTasklet}, {@link AuditExportSql}, {@link AuditWorkbook}). The
 * rows are read from the read replica when PF_READ_DB_URL names one ({@link ReadDatabase}); the organization is
 * looked up on the primary.
 */
@Configuration(proxyBeanMethods = false)
class AuditExportJobConfiguration {

    static final String JOB_NAME = "audit-export";
    static final String STEP_NAME = "audit-export-write";

    static JobDefinition definition() {
        return new JobDefinition(JOB_NAME, """
                Exports the runs created in a period (from..to, UTC, inclusive) with their scores and whether they \
                reach the export threshold, the bundles issued for those runs with checksum and license, and every \
                anomaly (a bundle of an unscored or below-threshold run, a malformed checksum, a bundle of another \
                organization than its run), for one organization or all, to \
                reports/audit/audit-<org slug or all>-<from>-<to>.xlsx with a .sha256 beside it \
                (sha256sum -c checks it).""",
                AuditExportParameters.SPECS);
    }

    static final JobParametersBinder<AuditExportParameters> PARAMETERS =
            new JobParametersBinder<>(definition(), AuditExportParameters::from);

    /** What this job writes to the reports folder, for the retention. */
    @Bean
    ReportFamily auditReports() {
        return AuditWorkbook.FAMILY;
    }

    @Bean
    JobDefinition auditExportJobDefinition() {
        return definition();
    }

    /** Refuses, before an execution exists and in one line, bad parameters and an organization that does not exist. */
    @Bean(JOB_NAME)
    Job auditExportJob(JobRepository jobRepository, @Qualifier("auditExportStep") Step auditExportStep,
                       DataSource dataSource) {
        OrganizationLookup organizations = new OrganizationLookup(new JdbcTemplate(dataSource));
        return new JobBuilder(JOB_NAME, jobRepository)
                .validator(PARAMETERS.validator(parameters -> scope(parameters, organizations)))
                .start(auditExportStep)
                .build();
    }

    /** Job-scoped because what it writes depends on the job's parameters. */
    @Bean
    @JobScope
    Step auditExportStep(@Value("#{jobParameters}") Map<String, Object> jobParameters, JobRepository jobRepository,
                         PlatformTransactionManager transactionManager, ProgressListener progressListener,
                         DataSource dataSource, ReadDatabase readDatabase, DatabaseTarget databaseTarget,
                         ReportLifecycle reports,
                         @Value("${pf.audit.max-rows-per-sheet}") int maxRowsPerSheet) {
        AuditExportParameters parameters = PARAMETERS.bind(jobParameters);
        AuditScope scope = scope(parameters, new OrganizationLookup(new JdbcTemplate(dataSource)));
        AuditExportTasklet tasklet = new AuditExportTasklet(parameters, scope, readDatabase, databaseTarget, reports,
                maxRowsPerSheet);
        return new StepBuilder(STEP_NAME, jobRepository)
                .tasklet(tasklet, transactionManager)
                // The tasklet first: it resets the progress count before the progress listener reads it.
                .listener((StepExecutionListener) tasklet)
                .listener((StepExecutionListener) progressListener)
                .build();
    }

    private static AuditScope scope(AuditExportParameters parameters, OrganizationLookup organizations) {
        if (parameters.allOrgs()) {
            return new AuditScope(null, parameters.from(), parameters.to());
        }
        Organization org = organizations.find(parameters.org()).orElseThrow(() -> new BadInputException(
                "parameter org: no organization has the id or slug '" + parameters.org()
                        + "': expected an organization's id (uuid), its slug, or all"));
        return new AuditScope(org, parameters.from(), parameters.to());
    }
}

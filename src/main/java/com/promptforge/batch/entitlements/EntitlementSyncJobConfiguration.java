package com.promptforge.batch.entitlements;

import com.promptforge.batch.job.ChunkSteps;
import com.promptforge.batch.job.JobDefinition;
import com.promptforge.batch.job.JobParametersBinder;
import com.promptforge.batch.db.DatabaseTarget;
import com.promptforge.batch.report.ReportLifecycle;
import com.promptforge.batch.db.UserEmails;
import com.promptforge.batch.job.ReportedRun;
import com.promptforge.batch.report.ReportFamily;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The nightly entitlement sync, {@code entitlement-sync}: one chunk-oriented step that reads organization
 * ids in id order and reconciles each chunk of them with their subscriptions, grants and plan definitions
 * ({@link EntitlementSyncWriter}, {@link EntitlementSyncSql}). Restart-safe and outage-tolerant through
 * {@link ChunkSteps}; at its end the step fails unless every organization read was reconciled.
 */
@Configuration(proxyBeanMethods = false)
class EntitlementSyncJobConfiguration {

    static final String JOB_NAME = "entitlement-sync";
    static final String STEP_NAME = "entitlement-sync-reconcile";

    /** Rows fetched per round trip when a restarted execution reads back what earlier ones recorded. */
    private static final int RECORDED_FETCH_SIZE = 2_000;

    static JobDefinition definition() {
        return new JobDefinition(JOB_NAME, """
                Reconciles the entitlements projection (plan, addon, pack and license rows) with subscriptions, \
                entitlement grants and plan definitions, writing only the differences and recording each one in \
                entitlement_changes; expired manual rows are removed, other manual rows never touched. Writes a \
                workbook of the changes and skipped orgs to reports/entitlements/.""",
                EntitlementSyncParameters.SPECS);
    }

    static final JobParametersBinder<EntitlementSyncParameters> PARAMETERS =
            new JobParametersBinder<>(definition(), EntitlementSyncParameters::from);

    /** What this job writes to the reports folder, for the retention. */
    @Bean
    ReportFamily entitlementSyncReports() {
        return EntitlementSyncReport.FAMILY;
    }

    @Bean
    JobDefinition entitlementSyncJobDefinition() {
        return definition();
    }

    @Bean(JOB_NAME)
    Job entitlementSyncJob(JobRepository jobRepository, @Qualifier("entitlementSyncStep") Step entitlementSyncStep) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .validator(PARAMETERS.validator())
                .start(entitlementSyncStep)
                .build();
    }

    /**
     * Job-scoped because its chunk size is a job parameter. Built by {@link ChunkSteps}: each chunk's data and the
     * step's progress commit in one transaction, and a lost database is waited for.
     */
    @Bean
    @JobScope
    Step entitlementSyncStep(@Value("#{jobParameters}") Map<String, Object> jobParameters, ChunkSteps chunkSteps,
                             @Qualifier("entitlementSyncOrgReader") OrganizationIdReader entitlementSyncOrgReader,
                             EntitlementSyncWriter entitlementSyncWriter, DataSource dataSource) {
        EntitlementSyncParameters parameters = PARAMETERS.bind(jobParameters);
        // The writer is also a step listener (it checks completeness and commits the report after the step).
        return chunkSteps.<UUID, UUID>step(STEP_NAME, parameters.chunkSize())
                .reader(entitlementSyncOrgReader)
                .writer(entitlementSyncWriter)
                .listener(new OrganizationTotal(new JdbcTemplate(dataSource)))
                .build();
    }

    /**
     * Every organization, by id: the order a restart resumes in (after the last id of the last committed
     * chunk). One page is one chunk. A dry run saves no position, so a restarted dry run starts over.
     */
    @Bean
    @StepScope
    OrganizationIdReader entitlementSyncOrgReader(@Value("#{jobParameters}") Map<String, Object> jobParameters,
                                                  DataSource dataSource) {
        EntitlementSyncParameters parameters = PARAMETERS.bind(jobParameters);
        return new OrganizationIdReader(new JdbcTemplate(dataSource), parameters.chunkSize(), !parameters.dryRun());
    }

    @Bean
    @StepScope
    EntitlementSyncWriter entitlementSyncWriter(@Value("#{stepExecution}") StepExecution stepExecution,
                                                DataSource dataSource, PlatformTransactionManager transactionManager,
                                                DatabaseTarget database, ReportLifecycle reports) {
        EntitlementSyncParameters parameters = PARAMETERS.bind(stepExecution.getJobParameters());
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.setFetchSize(RECORDED_FETCH_SIZE);
        TransactionTemplate readTransaction = new TransactionTemplate(transactionManager);
        readTransaction.setReadOnly(true);
        readTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        UserEmails emails = UserEmails.detect(jdbc);
        return new EntitlementSyncWriter(new EntitlementReconciler(new NamedParameterJdbcTemplate(jdbc), emails),
                parameters, stepExecution.getJobExecution().getJobInstance().getInstanceId(),
                stepExecution.getJobExecutionId(),
                reports, EntitlementSyncReport.key(Instant.now()),
                ReportedRun.of(stepExecution, definition(), database), emails.available(),
                readTransaction);
    }
}

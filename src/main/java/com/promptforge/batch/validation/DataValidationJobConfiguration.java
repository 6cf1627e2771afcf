package com.promptforge.batch.validation;

import com.promptforge.batch.job.ChunkSteps;
import com.promptforge.batch.job.JobDefinition;
import com.promptforge.batch.job.JobParametersBinder;
import com.promptforge.batch.db.DatabaseTarget;
import com.promptforge.batch.report.ReportLifecycle;
import com.promptforge.batch.job.ReportedRun;
import com.promptforge.batch.report.ReportFamily;
import java.time.Instant;
import java.util.Map;
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

/**
 * The data validation, {@code data-validation}: one chunk-oriented step that reads every row of every table with a
 * JSON shape ({@link ShapedRowReader}, the problems computed by the shapes' SQL functions) and writes the offending
 * rows and a summary per table to a workbook ({@link ValidationWriter}). It changes no data. The {@code validate}
 * command runs it ({@link ValidateCommand}); {@code run data-validation} does too.
 */
@Configuration(proxyBeanMethods = false)
class DataValidationJobConfiguration {

    static final String JOB_NAME = "data-validation";
    static final String STEP_NAME = "data-validation-check-rows";

    static JobDefinition definition() {
        return new JobDefinition(JOB_NAME, """
                Checks every row of every table with a JSON column against its documented shape (the SQL functions \
                of sql/013_json_shapes.sql, the ones the shape constraints call) and writes the offending rows \
                (table, key, column, problem) and a summary per table to reports/validation/. Changes no data; \
                not restartable (run it again).""",
                DataValidationParameters.SPECS);
    }

    static final JobParametersBinder<DataValidationParameters> PARAMETERS =
            new JobParametersBinder<>(definition(), DataValidationParameters::from);

    /** What this job writes to the reports folder, for the retention. */
    @Bean
    ReportFamily validationReports() {
        return ValidationReport.FAMILY;
    }

    @Bean
    JobDefinition dataValidationJobDefinition() {
        return definition();
    }

    @Bean(JOB_NAME)
    Job dataValidationJob(JobRepository jobRepository, @Qualifier("dataValidationStep") Step dataValidationStep) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .validator(PARAMETERS.validator())
                // Every run reads everything: nothing to continue from.
                .preventRestart()
                .start(dataValidationStep)
                .build();
    }

    /** Job-scoped because its chunk size is a job parameter; {@link ChunkSteps} waits out a lost database. */
    @Bean
    @JobScope
    Step dataValidationStep(@Value("#{jobParameters}") Map<String, Object> jobParameters, ChunkSteps chunkSteps,
                            @Qualifier("dataValidationReader") ShapedRowReader dataValidationReader,
                            @Qualifier("dataValidationWriter") ValidationWriter dataValidationWriter) {
        // The writer is also a step listener (it commits the report after the step).
        return chunkSteps.<CheckedRow, CheckedRow>step(STEP_NAME, PARAMETERS.bind(jobParameters).chunkSize())
                .reader(dataValidationReader)
                .writer(dataValidationWriter)
                .build();
    }

    @Bean
    @StepScope
    ShapedRowReader dataValidationReader(@Value("#{jobParameters}") Map<String, Object> jobParameters,
                                         DataSource dataSource) {
        return new ShapedRowReader(dataSource, PARAMETERS.bind(jobParameters).chunkSize());
    }

    @Bean
    @StepScope
    ValidationWriter dataValidationWriter(@Value("#{stepExecution}") StepExecution stepExecution,
                                          DataSource dataSource, DatabaseTarget database, ReportLifecycle reports) {
        return new ValidationWriter(new JdbcTemplate(dataSource), reports, ValidationReport.key(Instant.now()),
                ReportedRun.of(stepExecution, definition(), database));
    }
}

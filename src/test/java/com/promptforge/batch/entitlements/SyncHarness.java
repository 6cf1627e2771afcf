package com.promptforge.batch.entitlements;

import com.promptforge.batch.PromptForgeApplication;
import com.promptforge.batch.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The application started against a test database, with the entitlement-sync job launched the way the
 * command line does (JobOperator, parameters as the job definition parses them). One per test class.
 */
final class SyncHarness implements AutoCloseable {

    private static final AtomicLong RUNS = new AtomicLong(System.currentTimeMillis());

    private final ConfigurableApplicationContext context;
    private final JobOperatorTestUtils launcher;
    private final Path reportsDir;

    private SyncHarness(ConfigurableApplicationContext context, Path reportsDir) {
        this.context = context;
        this.reportsDir = reportsDir;
        this.launcher = new JobOperatorTestUtils(context.getBean(JobOperator.class),
                context.getBean(JobRepository.class));
        launcher.setJob(context.getBean(EntitlementSyncJobConfiguration.JOB_NAME, Job.class));
    }

    static SyncHarness start(TestDatabase db) {
        Path reportsDir;
        try {
            reportsDir = Files.createTempDirectory("pf-reports");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.reports-dir", reportsDir.toString());
        ConfigurableApplicationContext context = new SpringApplicationBuilder(PromptForgeApplication.class)
                .web(WebApplicationType.NONE)
                .initializers(ctx -> ctx.getEnvironment().getPropertySources()
                        .addFirst(new MapPropertySource("test-overrides", properties)))
                .run();
        return new SyncHarness(context, reportsDir);
    }

    /** Runs the job to its end with the given {@code name=value} parameters (the rest at their defaults). */
    JobExecution run(String... parameters) {
        Map<String, String> given = new HashMap<>();
        for (String parameter : parameters) {
            String[] nameValue = parameter.split("=", 2);
            given.put(nameValue[0], nameValue[1]);
        }
        JobParametersBuilder builder = new JobParametersBuilder();
        EntitlementSyncJobConfiguration.definition().resolve(given, "test").forEach((name, value) -> {
            if (value instanceof Long number) {
                builder.addLong(name, number);
            } else if (value instanceof Boolean flag) {
                builder.addJobParameter(name, flag, Boolean.class);
            } else {
                builder.addString(name, value.toString());
            }
        });
        // A new job instance per run, as the command line makes one per launch.
        builder.addLong("test.run", RUNS.incrementAndGet());
        return run(builder.toJobParameters());
    }

    JobExecution run(JobParameters parameters) {
        try {
            return launcher.startJob(parameters);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    JobOperator jobOperator() {
        return context.getBean(JobOperator.class);
    }

    Path reportsDir() {
        return reportsDir;
    }

    /** The reconcile step's execution of a job execution. */
    static StepExecution step(JobExecution execution) {
        return execution.getStepExecutions().stream()
                .filter(step -> step.getStepName().equals(EntitlementSyncJobConfiguration.STEP_NAME))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no step " + EntitlementSyncJobConfiguration.STEP_NAME
                        + " in " + execution));
    }

    /** The workbook the execution wrote. */
    static Path report(JobExecution execution) {
        return Path.of(step(execution).getExecutionContext().getString(EntitlementSyncWriter.REPORT_KEY));
    }

    static long instanceId(JobExecution execution) {
        return execution.getJobInstance().getInstanceId();
    }

    /** Stops the application and deletes the reports it wrote. */
    @Override
    public void close() {
        context.close();
        try (var files = Files.walk(reportsDir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

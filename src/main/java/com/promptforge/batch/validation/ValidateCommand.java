package com.promptforge.batch.validation;

import com.promptforge.batch.core.BadInputException;
import com.promptforge.batch.core.CliCommand;
import com.promptforge.batch.core.ConsoleText;
import com.promptforge.batch.core.ExitCode;
import com.promptforge.batch.job.JobRunner;
import com.promptforge.batch.job.RunSummary;
import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * {@code validate}: runs the data-validation job in the foreground (progress lines, then its summary) and exits 1
 * when any row lacks its JSON shape. The command line starts it with the migrations applied only up to 013 (see
 * {@code CommandHelp.VALIDATE}), so that it also runs on a database where 014, which validates the shape
 * constraints, failed on existing rows: this command lists those rows.
 */
@Component
class ValidateCommand implements CliCommand {

    private final JobRunner runner;
    private final ObjectProvider<Flyway> flyway;

    ValidateCommand(JobRunner runner, ObjectProvider<Flyway> flyway) {
        this.runner = runner;
        this.flyway = flyway;
    }

    @Override
    public String name() {
        return "validate";
    }

    @Override
    public ExitCode run(List<String> arguments, PrintStream out) {
        if (!arguments.isEmpty()) {
            throw new BadInputException("validate: takes no arguments, got " + String.join(" ", arguments)
                    + " (to set the chunk size: run " + DataValidationJobConfiguration.JOB_NAME + " chunkSize=N)");
        }
        LocalDateTime launchTime = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        JobExecution execution = runner.run(DataValidationJobConfiguration.JOB_NAME, Map.of(), "validate", launchTime,
                ConsoleText.lines(out::println));
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            return ExitCode.FAILED;
        }
        StepExecution step = execution.getStepExecutions().stream()
                .filter(candidate -> candidate.getStepName().equals(DataValidationJobConfiguration.STEP_NAME))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("data-validation ran without its step"));
        long invalid = step.getExecutionContext().getLong(ValidationWriter.INVALID_ROWS_KEY, -1L);
        String report = step.getExecutionContext().getString(ValidationWriter.REPORT_KEY, "");
        String unapplied = unappliedMigrations();
        if (invalid != 0) {
            out.println((invalid < 0 ? "The validation counted nothing" : RunSummary.number(invalid)
                    + " row(s) do not have their JSON shape") + ": each is listed in " + report
                    + ". Fix or delete them" + (unapplied.isEmpty() ? "." : ", then run migrate (" + unapplied + ")."));
            return ExitCode.FAILED;
        }
        out.println("Every row has its JSON shape." + (unapplied.isEmpty() ? ""
                : " Not applied yet: " + unapplied + "; run migrate."));
        return ExitCode.COMPLETED;
    }

    /** The migrations this start-up did not apply (it stops before 014), e.g. "014_validate_json_shapes.sql". */
    private String unappliedMigrations() {
        Flyway migrations = flyway.getIfAvailable();
        if (migrations == null) {
            return "";
        }
        return Arrays.stream(migrations.info().all())
                .filter(info -> !info.getState().isApplied())
                .map(MigrationInfo::getScript)
                .map(script -> script.substring(script.lastIndexOf('/') + 1))
                .collect(Collectors.joining(", "));
    }
}

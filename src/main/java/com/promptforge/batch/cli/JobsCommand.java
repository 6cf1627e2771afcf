package com.promptforge.batch.cli;

import com.promptforge.batch.core.BadInputException;
import com.promptforge.batch.core.ExitCode;
import com.promptforge.batch.core.CliCommand;
import com.promptforge.batch.core.ConsoleText;
import com.promptforge.batch.job.JobCatalog;
import com.promptforge.batch.job.JobDefinition;
import com.promptforge.batch.job.JobRunner;
import com.promptforge.batch.job.RunSummary;
import com.promptforge.batch.schedule.JobSchedule;
import com.promptforge.batch.schedule.JobScheduleFiles;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/** {@code jobs}: each job, its schedule and next run, and its last executions. */
@Component
class JobsCommand implements CliCommand {

    static final int LAST_EXECUTIONS = 5;

    private static final DateTimeFormatter ZONED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final JobCatalog catalog;
    private final JobScheduleFiles files;
    private final JobRunner runner;

    JobsCommand(JobCatalog catalog, JobScheduleFiles files, JobRunner runner) {
        this.catalog = catalog;
        this.files = files;
        this.runner = runner;
    }

    @Override
    public String name() {
        return "jobs";
    }

    @Override
    public ExitCode run(List<String> arguments, PrintStream out) {
        if (!arguments.isEmpty()) {
            throw new BadInputException("jobs: takes no arguments, got " + String.join(" ", arguments));
        }
        Map<String, JobSchedule> schedules = files.load().stream()
                .collect(Collectors.toMap(JobSchedule::job, Function.identity()));
        out.println("Schedules from " + files.source() + "; times of executions in "
                + ZoneId.systemDefault().getId() + ".");
        if (catalog.definitions().isEmpty()) {
            out.println("No jobs are configured.");
        }
        for (JobDefinition job : catalog.definitions()) {
            out.println();
            List<String> description = new ArrayList<>();
            JobParameterHelp.wrap(job.name() + ": " + job.description().strip().replaceAll("\\s+", " "), "", "  ",
                    description);
            description.forEach(out::println);
            JobSchedule schedule = schedules.get(job.name());
            if (schedule == null) {
                out.println("  schedule: none (no " + job.name() + ".yml)");
            } else if (!schedule.enabled()) {
                out.println("  schedule: disabled in " + schedule.origin());
            } else {
                out.println("  schedule: " + schedule.cron() + " (" + schedule.zone().getId() + "), misfire "
                        + schedule.misfire().value() + ", from " + schedule.origin());
                out.println("  next run: " + schedule.nextFireTime(Instant.now()).map(ZONED::format).orElse("never"));
                if (!schedule.parameters().isEmpty()) {
                    out.println("  scheduled parameters: " + schedule.parameters().entrySet().stream()
                            .sorted(Map.Entry.comparingByKey())
                            .map(entry -> entry.getKey() + "=" + entry.getValue())
                            .collect(Collectors.joining(", ")));
                }
            }
            List<JobExecution> executions = runner.lastExecutions(job.name(), LAST_EXECUTIONS);
            if (executions.isEmpty()) {
                out.println("  last executions: none");
            } else {
                out.println("  last executions:");
                for (JobExecution execution : executions) {
                    out.println("    " + ConsoleText.safe(describe(execution)));
                }
            }
        }
        return ExitCode.COMPLETED;
    }

    private static String describe(JobExecution execution) {
        StringBuilder line = new StringBuilder(String.format("%-6d %-9s started %s", execution.getId(),
                execution.getStatus(), time(execution.getStartTime())));
        if (execution.getEndTime() != null && execution.getStartTime() != null) {
            line.append(", took ").append(RunSummary.duration(execution.getStartTime(), execution.getEndTime()));
        }
        if (execution.getStatus() == BatchStatus.FAILED) {
            line.append(": ").append(RunSummary.failure(execution));
        }
        return line.toString();
    }

    private static String time(LocalDateTime time) {
        return time == null ? "-" : LOCAL.format(time);
    }
}

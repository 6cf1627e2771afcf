package com.promptforge.batch.cli;

import com.promptforge.batch.core.BadInputException;
import com.promptforge.batch.core.ExitCode;
import com.promptforge.batch.core.CliCommand;
import com.promptforge.batch.core.ConsoleText;
import com.promptforge.batch.core.NameValueArguments;
import com.promptforge.batch.job.JobCatalog;
import com.promptforge.batch.job.JobRunner;
import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/** {@code run <job> [name=value ...]}: runs one job now, in the foreground. */
@Component
class RunCommand implements CliCommand {

    private final JobRunner runner;
    private final JobCatalog catalog;

    RunCommand(JobRunner runner, JobCatalog catalog) {
        this.runner = runner;
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "run";
    }

    @Override
    public ExitCode run(List<String> arguments, PrintStream out) {
        if (arguments.isEmpty()) {
            throw new BadInputException("run: no job given: expected " + catalog.expected()
                    + " (run <job> [name=value ...])");
        }
        String job = arguments.get(0);
        catalog.require(job, "run");
        Map<String, String> given = NameValueArguments.parse(arguments.subList(1, arguments.size()), "run",
                "dryRun=true");
        LocalDateTime launchTime = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        JobExecution execution = runner.run(job, given, "run", launchTime, ConsoleText.lines(out::println));
        return JobExitCodes.of(execution);
    }
}

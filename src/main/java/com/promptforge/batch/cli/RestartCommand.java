package com.promptforge.batch.cli;

import com.promptforge.batch.core.BadInputException;
import com.promptforge.batch.core.ExitCode;
import com.promptforge.batch.core.CliCommand;
import com.promptforge.batch.core.ConsoleText;
import com.promptforge.batch.job.JobRunner;
import java.io.PrintStream;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code restart <job>}: continues the job's last failed or stopped execution from where it stopped. */
@Component
class RestartCommand implements CliCommand {

    private final JobRunner runner;

    RestartCommand(JobRunner runner) {
        this.runner = runner;
    }

    @Override
    public String name() {
        return "restart";
    }

    @Override
    public ExitCode run(List<String> arguments, PrintStream out) {
        if (arguments.size() != 1) {
            throw new BadInputException("restart: expected exactly one job name (restart <job>), got "
                    + (arguments.isEmpty() ? "none" : String.join(" ", arguments)));
        }
        return JobExitCodes.of(runner.restart(arguments.get(0), ConsoleText.lines(out::println)));
    }
}

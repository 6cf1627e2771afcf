package com.promptforge.batch.cli;

import com.promptforge.batch.core.BadInputException;
import com.promptforge.batch.core.ExitCode;
import com.promptforge.batch.core.CliCommand;
import com.promptforge.batch.schedule.SchedulerDaemon;
import java.io.PrintStream;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code schedule}: the scheduler daemon, until SIGTERM. */
@Component
class ScheduleCommand implements CliCommand {

    private final SchedulerDaemon daemon;

    ScheduleCommand(SchedulerDaemon daemon) {
        this.daemon = daemon;
    }

    @Override
    public String name() {
        return "schedule";
    }

    @Override
    public ExitCode run(List<String> arguments, PrintStream out) throws Exception {
        if (!arguments.isEmpty()) {
            throw new BadInputException("schedule: takes no arguments, got " + String.join(" ", arguments)
                    + " (the schedules come from jobs/*.yml)");
        }
        daemon.runUntilClosed(out);
        return ExitCode.COMPLETED;
    }
}

package com.promptforge.batch.cli;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every command of the command line with its synopsis and description; {@code help} prints these. */
public enum CommandHelp {
    HELP("help", "help [command]", "Lists the commands, or explains one."),
    MIGRATE("migrate", "migrate", """
            Applies the database migrations (sql/NNN_*.sql, carried in the jar) to the embedded database or the
            one PF_DB_URL names, and prints what it applied. Every other command migrates first as well."""),
    QA("qa", "qa", """
            Runs the database self-tests, run_all_qa_tests(), and prints them as a table.
            Exit 0 when every test passes, 1 when any fails."""),
    RUN("run", "run <job> [name=value ...]", """
            Runs one job now, in the foreground: parameters given as name=value over the job's defaults, a
            progress line every few seconds (PF_PROGRESS_INTERVAL), and a summary at the end. A job runs once at
            a time on the whole database: a second run while one is running (here or on another machine) is
            refused. Ctrl-C or SIGTERM stops it at the next chunk boundary; continue it with restart.
            Exit 0 completed, 1 failed, stopped or refused, 2 unknown job or bad parameter."""),
    RESTART("restart", "restart <job>", """
            Continues the job's last execution from where it stopped, with its parameters, when it FAILED or was
            STOPPED, or was left running by a process that is gone (kill -9): that one is first marked FAILED.
            Exit 0 completed, 1 failed, stopped or refused, 2 unknown job or nothing to restart."""),
    JOBS("jobs", "jobs", """
            Lists each job: what it does, its schedule from jobs/*.yml (cron, zone, misfire, source file), its
            next run, and its last executions with their status. Checks the schedule files like schedule does
            (exit 2 naming the file, the field and the reason)."""),
    SCHEDULE("schedule", "schedule", """
            Runs the scheduler until SIGTERM: registers the jobs/*.yml schedules in the clustered Quartz store
            (a removed or disabled file unschedules its job, an edited one replaces its trigger) and fires them.
            Any number of schedule processes, on any machines, may share the database: each firing runs once.
            Health and metrics (Spring Boot Actuator: /actuator/health, /actuator/metrics, /actuator/quartz) on
            port PF_MANAGEMENT_PORT (default 8081). SIGTERM stops running jobs at their next chunk boundary
            (restartable) before it exits; PF_STOP_TIMEOUT (default 2m) bounds the wait.
            The schedules come from PF_JOBS_DIR, else ./jobs, else the defaults in the jar.""");

    private final String command;
    private final String synopsis;
    private final String description;

    CommandHelp(String command, String synopsis, String description) {
        this.command = command;
        this.synopsis = synopsis;
        this.description = description;
    }

    public String command() {
        return command;
    }

    public String synopsis() {
        return synopsis;
    }

    public String description() {
        return description;
    }

    public static Optional<CommandHelp> find(String name) {
        return Arrays.stream(values()).filter(help -> help.command.equals(name)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(CommandHelp::command).collect(Collectors.joining(", "));
    }

    /** Whether the command runs without a database (help is answered before the application starts). */
    public boolean needsDatabase() {
        return this != HELP;
    }
}

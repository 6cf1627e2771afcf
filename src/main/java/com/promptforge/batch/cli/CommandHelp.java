package com.promptforge.batch.cli;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every command of the command line with its synopsis and description; {@code help} prints these. */
public enum CommandHelp {
    HELP("help", "help [command]", "Lists the commands, or explains one."),
    DEMO("demo", "demo [orgs=300] [runs=150000]", """
            Shows the whole system on the embedded database, with no settings: one command for a newcomer.
            Starts the embedded PostgreSQL (or uses PF_DB_URL), applies the migrations, generates a modest data set
            (300 orgs and 150,000 runs unless orgs/runs say otherwise; a second demo reuses what is there), runs
            the entitlement sync with its progress line, then lists the files it wrote under reports/ and how to
            open them. The demo organization is the busiest generated one."""),
    GENERATE("generate", "generate orgs=N runs=M [seed=S] [until=yyyy-mm-dd] [anomalies=K] [sync=true]", """
            Fills an empty database with realistic synthetic tenants, then runs the entitlement sync over them.
            Organizations with owners, admins and members; subscriptions of every plan and status (trials ending,
            past_due, canceled ...); add-on, pack and licence grants, some expired or revoked; runs over the 90 days
            before 'until' (default today) with a daily and weekly rhythm, skewed across orgs (the busiest ~5%),
            modules and domains; scores for most completed runs (about half reach the export threshold of 80) and
            bundles for most export-ready ones. Set-based SQL with a line per phase. The same seed gives the same
            rows. anomalies=K plants K bundles of each kind the audit export flags (run_all_qa_tests() then fails
            on exactly those). Refused when the database holds organizations other than the seeded demo org.
            Exit 0 done; 1 refused or failed; 2 bad parameter; 3 no database."""),
    BENCH("bench", "bench [size=small|full] [rounds=N]", """
            Runs the benchmark suite and writes docs/benchmarks.md (or PF_BENCH_OUTPUT).
            On the embedded server it uses a database of its own (promptforge_bench), so the demo data is left
            alone; with PF_DB_URL the database must be empty or hold the suite's own data of that size. It generates
            its data (small: 1,000 orgs and 100,000 runs, a few minutes; full: 100,000 orgs and 10,000,000 runs, up
            to an hour), then runs each case after a warm-up N times (default 5 at small, 3 at full), beside its
            reference in the same run, and reports the median, the spread, the ratio to the reference and the peak
            heap. The machine (cores, memory, JVM, PostgreSQL) is written with the figures."""),
    MIGRATE("migrate", "migrate", """
            Applies the database migrations and prints what it applied.
            The migrations are sql/NNN_*.sql, carried in the jar; they go to the embedded database or to the
            one PF_DB_URL names. Every other command migrates first as well."""),
    QA("qa", "qa", """
            Runs the database self-tests, run_all_qa_tests(), and prints them as a table.
            Exit 0 when every test passes, 1 when any fails."""),
    VALIDATE("validate", "validate", """
            Checks every row of every table with a JSON column against its shape (sql/013_json_shapes.sql).
            Runs the job data-validation (in chunks, with a progress line, then its summary) and writes
            reports/validation/validation-<timestamp>.xlsx: each offending row (table, key, column, problem) and a
            summary per table. It applies the migrations only up to 013, so that it also runs where 014 (which
            validates the shape constraints) failed on existing rows: fix or delete the rows it lists, then migrate.
            Exit 0 when every row has its shape; 1 when any does not, or the job failed; 3 no database."""),
    RUN("run", "run <job> [name=value ...]", """
            Runs one job now, in the foreground, and prints its summary.
            Parameters are given as name=value over the job's defaults (listed below). A progress line comes every
            few seconds (PF_PROGRESS_INTERVAL, default 5s). A job runs once at a time on the whole database: a
            second run while one is running, here or on another machine, is refused. Ctrl-C or SIGTERM stops the
            job at its next chunk boundary; continue it with restart.
            Exit 0 completed; 1 failed, stopped or refused; 2 unknown job or bad parameter; 3 no database."""),
    RESTART("restart", "restart <job>", """
            Continues the job's last execution from where it stopped.
            Restarts it with its own parameters when it FAILED or was STOPPED, or when it was left running by a
            process that is gone (kill -9): that one is first marked FAILED.
            Exit 0 completed; 1 failed, stopped or refused; 2 unknown job or nothing to restart."""),
    JOBS("jobs", "jobs", """
            Lists each job with its schedule, next run and last executions.
            The schedules are read from jobs/*.yml (see schedule) and checked as strictly as schedule does: a bad
            file is exit 2, naming the file, the field and the reason."""),
    SCHEDULE("schedule", "schedule", """
            Runs the scheduler until SIGTERM, firing the jobs on their jobs/*.yml schedules.
            It registers the schedules in the clustered Quartz store: a removed or disabled file unschedules its
            job, an edited one replaces its trigger. Any number of schedule processes, on any machines, may share
            the database; each firing runs once, on one of them. Health and metrics (Spring Boot Actuator:
            /actuator/health, /actuator/metrics, /actuator/quartz) are served on PF_MANAGEMENT_PORT (default 8081)
            of 127.0.0.1 (PF_MANAGEMENT_ADDRESS opens it).
            SIGTERM stops running jobs at their next chunk boundary (restartable), waiting at most PF_STOP_TIMEOUT
            (default 2m), then exits.
            Schedules come from the folder PF_JOBS_DIR, else ./jobs, else the defaults in the jar; one file per
            job, named <job>.yml:
              job: entitlement-sync     # required, the file's name
              cron: "0 0 2 * * ?"       # required, Quartz: second minute hour day-of-month month day-of-week [year]
              zone: UTC                 # time zone of the cron (default UTC)
              enabled: true             # false unschedules it (default true)
              misfire: fire-once        # fire-once | skip: a firing missed while no scheduler ran (default fire-once)
              parameters: {}            # the job's parameters for scheduled runs (default: the job's defaults)"""),
    REQUESTS("requests", "requests [limit=50] | requests process", """
            Lists the audit exports requested by organizations' owners and admins, or works their queue once.
            An app files a request with one insert into public.audit_export_requests (org_id, period_from,
            period_to); the schedule daemon picks it up within PF_REQUEST_POLL_INTERVAL (default 30s), runs
            audit-export for that org and period, and writes the outcome into the row: succeeded with the report's
            key, SHA-256 and rows per sheet, or failed with the reason.
            requests lists the latest requests, newest first: id, org, period, status, created, finished, and the
            report key or the error. requests process claims queued requests one by one (several processes may run
            it at once: each request runs once), runs them and exits, for a deployment without the schedule
            daemon. Exit 0 done; 1 a request failed; 2 bad argument; 3 no database.""");

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

    /**
     * Settings the command's application starts with, under those given to the command line. validate migrates
     * only up to 013 (the shape functions and the NOT VALID constraints): 014 validates the constraints and fails
     * on existing bad rows, which validate is there to list. bench works in an embedded database of its own.
     */
    public Map<String, Object> startupProperties() {
        return switch (this) {
            case VALIDATE -> Map.of("spring.flyway.target", "013");
            // the suite fills its database with millions of rows: not the one the demo and the user work in
            case BENCH -> Map.of("pf.db.embedded-database", "promptforge_bench");
            default -> Map.of();
        };
    }
}

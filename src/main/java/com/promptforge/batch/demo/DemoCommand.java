package com.promptforge.batch.demo;

import com.promptforge.batch.core.CliCommand;
import com.promptforge.batch.core.ConsoleText;
import com.promptforge.batch.core.DurationText;
import com.promptforge.batch.core.ExitCode;
import com.promptforge.batch.core.NameValueArguments;
import com.promptforge.batch.db.DatabaseProperties;
import com.promptforge.batch.db.DatabaseTarget;
import com.promptforge.batch.db.MigrationRecorder;
import com.promptforge.batch.generator.DataGenerator;
import com.promptforge.batch.generator.GenerationSpec;
import com.promptforge.batch.job.JobParameterSpec;
import com.promptforge.batch.job.JobRunner;
import com.promptforge.batch.job.RunSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code demo}: the whole system in one command. The application has started the database (embedded unless
 * PF_DB_URL says otherwise) and applied the migrations; this generates a modest data set unless one is there
 * already, runs {@link DemoSteps#steps()} and lists the files they wrote under the reports folder.
 */
@Component
class DemoCommand implements CliCommand {

    private static final Logger log = LoggerFactory.getLogger(DemoCommand.class);

    /** The data set's size; a test makes it tiny. */
    static final List<JobParameterSpec> PARAMETERS = List.of(
            JobParameterSpec.integer("orgs", 300, 1, 100_000, "organizations to generate on a first demo"),
            JobParameterSpec.integer("runs", 150_000, 0, 10_000_000, "runs to generate on a first demo"));

    private final DataGenerator generator;
    private final JobRunner runner;
    private final MigrationRecorder migrations;
    private final DatabaseTarget target;
    private final JdbcTemplate jdbc;
    private final Path reportsDir;
    private final boolean embedded;

    DemoCommand(DataGenerator generator, JobRunner runner, MigrationRecorder migrations, DatabaseTarget target,
                JdbcTemplate jdbc, @Value("${pf.reports-dir}") String reportsDir, DatabaseProperties database) {
        this.embedded = database.embedded();
        this.generator = generator;
        this.runner = runner;
        this.migrations = migrations;
        this.target = target;
        this.jdbc = jdbc;
        this.reportsDir = Path.of(reportsDir);
    }

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public ExitCode run(List<String> arguments, PrintStream out) {
        Map<String, Object> size = JobParameterSpec.resolve(PARAMETERS,
                NameValueArguments.parse(arguments, "demo", "runs=20000"), "demo", "command demo");
        Instant started = Instant.now();
        out.println("== PromptForge demo");
        out.println("Database: " + target.describe() + ", schema at version "
                + (migrations.result() == null ? "?" : migrations.result().targetSchemaVersion)
                + (migrations.result() == null || migrations.result().migrationsExecuted == 0 ? ""
                : " (" + migrations.result().migrationsExecuted + " migrations applied now)"));

        out.println();
        long existing = generator.existingOrganizations();
        if (existing == 0) {
            out.println("== data: generating a modest data set (a second demo reuses it)");
            generator.generate(new GenerationSpec((Long) size.get("orgs"), (Long) size.get("runs"), 1,
                    LocalDate.now(ZoneOffset.UTC), 0), out::println);
        } else {
            out.println("== data: reusing the " + RunSummary.number(existing) + " organizations and "
                    + RunSummary.number(jdbc.queryForObject("select count(*) from public.runs", Long.class))
                    + " runs already there");
        }
        if (embedded) {
            StatementStatistics.enable(jdbc);
        }
        Map<String, Object> demoOrg = jdbc.queryForMap("""
                select o.id::text as id, o.slug
                  from public.organizations o
                 order by (select count(*) from public.runs r where r.org_id = o.id) desc, o.slug
                 limit 1""");
        DemoContext context = new DemoContext(ConsoleText.lines(out::println), runner, (String) demoOrg.get("id"),
                (String) demoOrg.get("slug"));
        out.println("Demo organization (the busiest): " + ConsoleText.safe(context.demoOrgSlug()) + " ("
                + context.demoOrgId() + ")");

        for (DemoStep step : DemoSteps.steps()) {
            out.println();
            out.println("== " + step.title());
            step.run(context);
        }

        out.println();
        out.println("== done in " + DurationText.compact(Duration.between(started, Instant.now())));
        List<Path> written = writtenSince(started);
        if (written.isEmpty()) {
            out.println("No files were written under " + reportsDir + ".");
        } else {
            out.println("Files written under " + reportsDir + ":");
            for (Path file : written) {
                out.println("  " + file + " (" + kilobytes(file) + " KB)");
            }
            out.println("Open a workbook with LibreOffice Calc, Excel or Numbers, e.g.: libreoffice --calc "
                    + written.get(0));
        }
        out.println("More: java -jar target/promptforge-batch.jar help (commands), qa (the database's self-tests), "
                + "jobs (schedules).");
        return ExitCode.COMPLETED;
    }

    private List<Path> writtenSince(Instant started) {
        if (!Files.isDirectory(reportsDir)) {
            return List.of();
        }
        FileTime since = FileTime.from(started.minusSeconds(1));
        try (Stream<Path> files = Files.walk(reportsDir)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .filter(file -> {
                        try {
                            return Files.getLastModifiedTime(file).compareTo(since) >= 0;
                        } catch (IOException e) {
                            return false; // gone since the listing (a retention, a replaced report): not written now
                        }
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long kilobytes(Path file) {
        try {
            return Math.max(1, Files.size(file) / 1024);
        } catch (IOException e) {
            log.warn("Could not read the size of {}: {}", file, e.toString(), e);
            return 0;
        }
    }
}

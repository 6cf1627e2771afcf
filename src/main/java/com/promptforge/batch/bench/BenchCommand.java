package com.promptforge.batch.bench;

import com.promptforge.batch.core.CliCommand;
import com.promptforge.batch.core.DurationText;
import com.promptforge.batch.core.ExitCode;
import com.promptforge.batch.core.NameValueArguments;
import com.promptforge.batch.db.DatabaseTarget;
import com.promptforge.batch.generator.DataGenerator;
import com.promptforge.batch.generator.GenerationSpec;
import com.promptforge.batch.job.JobParameterSpec;
import com.promptforge.batch.job.JobRefusedException;
import com.promptforge.batch.job.JobRunner;
import com.promptforge.batch.job.RunSummary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code bench [size=small|full] [rounds=N]}: generates the size's data (or reuses the suite's own data of that
 * size), runs {@link BenchmarkSuite#cases()} and writes docs/benchmarks.md. The command line starts it on an
 * embedded database of its own ({@code CommandHelp.BENCH}).
 */
@Component
class BenchCommand implements CliCommand {

    static final List<JobParameterSpec> PARAMETERS = List.of(
            JobParameterSpec.choice("size", "small", List.of("small", "full"),
                    "small: 1,000 orgs, 100,000 runs in 100 of them; full: 100,000 orgs, 10,000,000 runs in 10,000"),
            JobParameterSpec.optionalInteger("rounds", 1, 100, "measurements of each case and of its reference "
                    + "(default 5 at small, 3 at full, so that full ends within the hour)"));

    /** The data's seed: every benchmark run measures the same rows. */
    private static final long SEED = 42;

    private final DataGenerator generator;
    private final JobRunner runner;
    private final DataSource dataSource;
    private final DatabaseTarget target;
    private final Path output;

    BenchCommand(DataGenerator generator, JobRunner runner, DataSource dataSource, DatabaseTarget target,
                 @Value("${pf.bench.output}") String output) {
        this.generator = generator;
        this.runner = runner;
        this.dataSource = dataSource;
        this.target = target;
        this.output = Path.of(output);
    }

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public ExitCode run(List<String> arguments, PrintStream out) {
        Map<String, Object> values = JobParameterSpec.resolve(PARAMETERS,
                NameValueArguments.parse(arguments, "bench", "size=small"), "bench", "command bench");
        BenchmarkSize size = size(values);
        int rounds = rounds(values);
        long started = System.nanoTime();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        out.println("bench: size " + size.label() + " on " + target.describe());
        prepareData(size, jdbc, out);
        String database = jdbc.queryForObject("select 'PostgreSQL ' || current_setting('server_version')", String.class)
                + ", " + target.describe().replaceAll(" as \\S+$", "") + ", shared_buffers "
                + jdbc.queryForObject("select current_setting('shared_buffers')", String.class);
        String command = "java -jar target/promptforge-batch.jar bench size=" + size.label() + " rounds=" + rounds;
        List<BenchmarkResult> results = BenchmarkSuite.run(BenchmarkSuite.cases(), rounds,
                new BenchmarkEnvironment(dataSource, target, runner, out::println),
                soFar -> write(size, command, database, rounds, started, jdbc, soFar));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        out.println("bench: done in " + DurationText.compact(took) + "; the table is in " + output);
        return ExitCode.COMPLETED;
    }

    /** The size of {@link #PARAMETERS}' resolved values. */
    static BenchmarkSize size(Map<String, Object> values) {
        return BenchmarkSize.valueOf(((String) values.get("size")).toUpperCase(Locale.ROOT));
    }

    /** The rounds of {@link #PARAMETERS}' resolved values: as given, or the size's default. */
    static int rounds(Map<String, Object> values) {
        return values.containsKey("rounds") ? ((Long) values.get("rounds")).intValue() : size(values).rounds();
    }

    /** Writes the record and the page with the cases measured so far. */
    private void write(BenchmarkSize size, String command, String database, int rounds, long started,
                       JdbcTemplate jdbc, List<BenchmarkResult> results) {
        // counted after the cases: the entitlement rows are the sync's
        String data = String.format(Locale.ROOT,
                "%,d orgs, %,d runs in the first %,d, %,d scores, %,d bundles, %,d entitlement rows, seed %d",
                size.orgs(), size.runs(), size.runOrgs(),
                jdbc.queryForObject("select count(*) from public.prompt_scores", Long.class),
                jdbc.queryForObject("select count(*) from public.bundles", Long.class),
                jdbc.queryForObject("select count(*) from public.entitlements", Long.class), SEED);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        BenchmarkReport.write(output, BenchmarkRecord.of(size.label(),
                BenchmarkReport.about(command, took, data, database, rounds), results));
    }

    /** Generates the size's data on an empty database; reuses it when it is already there; refuses other data. */
    private void prepareData(BenchmarkSize size, JdbcTemplate jdbc, PrintStream out) {
        long orgs = generator.existingOrganizations();
        if (orgs == 0) {
            generator.generate(new GenerationSpec(size.orgs(), size.runs(), SEED,
                    LocalDate.now(ZoneOffset.UTC), 0, size.runOrgs()), out::println);
            return;
        }
        // every run but the seeded demo run is generated
        long runs = jdbc.queryForObject("select count(*) from public.runs where org_id <> cast(? as uuid)", Long.class,
                DataGenerator.SEEDED_DEMO_ORG);
        if (orgs != size.orgs() || runs != size.runs()) {
            throw new JobRefusedException("bench: the database holds " + RunSummary.number(orgs) + " orgs and "
                    + RunSummary.number(runs) + " runs, not the " + size.label() + " data set ("
                    + RunSummary.number(size.orgs()) + " orgs, " + RunSummary.number(size.runs())
                    + " runs): point PF_DB_URL at an empty database (the embedded bench database is "
                    + "promptforge_bench under PF_EMBEDDED_DIR)");
        }
        out.println("bench: reusing the " + size.label() + " data set already there (" + RunSummary.number(orgs)
                + " orgs, " + RunSummary.number(runs) + " runs)");
    }
}

package com.promptforge.batch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.generator.DataGenerator;
import com.promptforge.batch.generator.GenerationSpec;
import com.promptforge.batch.testing.TestDatabase;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The bench suite's {@link OrgRunStatsCase} alone (the suite cannot select a case), on generated data of
 * {@code benchmark.orgs} orgs (default 1,000) and {@code benchmark.runs} runs (default 1,000,000) in the first
 * {@code benchmark.runOrgs} (default 100): get_org_run_stats(busiest org, 7) beside its floor, and 018's definition
 * in the same rounds. Measures; asserts only that the figures are 018's.
 *
 * <pre>
 * ./mvnw test -Dtest=OrgRunStatsBenchmark -Dgroups=benchmark -DexcludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * The figures are in {@code target/surefire-reports/com.promptforge.batch.bench.OrgRunStatsBenchmark-output.txt}.
 */
@Tag("benchmark")
class OrgRunStatsBenchmark {

    private static final long ORGS = Long.getLong("benchmark.orgs", 1_000);
    private static final long RUNS = Long.getLong("benchmark.runs", 1_000_000);
    private static final long RUN_ORGS = Long.getLong("benchmark.runOrgs", 100);
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 5);

    @Test
    void measure() {
        try (TestDatabase db = TestDatabase.create("orgrunstats")) {
            new DataGenerator(db.dataSource()).generate(new GenerationSpec(ORGS, RUNS, 42,
                    LocalDate.now(ZoneOffset.UTC), 0, RUN_ORGS), System.out::println);
            OrgRunStatsCase benchmark = new OrgRunStatsCase();
            BenchmarkResult result = BenchmarkSuite.run(List.of(benchmark), ROUNDS,
                    new BenchmarkEnvironment(db.dataSource(), null, null, System.out::println), results -> { }).get(0);

            System.out.printf(Locale.ROOT, "%n%s: %,d orgs, %,d runs in the first %,d; %,d runs of the org in 7 days; "
                            + "medians of %d rounds of %s%n  022 (today): %.2f ms [%.2f-%.2f]%n  floor, the runs' "
                            + "aggregate alone: %.2f ms (022 is %.2fx it)%n  %s%n",
                    OrgRunStatsCase.NAME, ORGS, RUNS, RUN_ORGS, benchmark.volume(), ROUNDS, "EXPLAIN ANALYZE server times",
                    result.median(), result.min(), result.max(), result.referenceMedian(), result.ratio(),
                    benchmark.note());
            assertThat(benchmark.note()).endsWith("same figures");
        }
    }
}

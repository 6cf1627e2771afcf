package com.promptforge.batch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.job.CliResult;
import com.promptforge.batch.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code bench} through the command line on a database of its own: it generates the small data set, measures every
 * case beside its reference and writes the page and the size's record; bad parameters are refused.
 */
class BenchCommandTest {

    private static Map<String, Object> properties(TestDatabase db, Path page) throws IOException {
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.reports-dir", Files.createTempDirectory("pf-bench-reports").toString());
        properties.put("pf.jobs.progress-interval", "1h");
        properties.put("pf.bench.output", page.toString());
        return properties;
    }

    @Test
    void benchSmallMeasuresEveryCaseBesideItsReferenceAndWritesThePageAndItsRecord() throws IOException {
        Path page = Files.createTempDirectory("pf-bench").resolve("benchmarks.md");
        try (TestDatabase db = TestDatabase.create("bench-small")) {
            CliResult result = CliResult.run(properties(db, page), "bench", "size=small", "rounds=1");

            assertThat(result.exit()).as(result.toString()).isZero();
            String markdown = Files.readString(page);
            List<BenchmarkRecord.Row> rows = BenchmarkRecord.load(page, "small").orElseThrow().rows();
            assertThat(rows).extracting(BenchmarkRecord.Row::name)
                    .containsExactlyElementsOf(BenchmarkSuite.cases().stream().map(BenchmarkCase::name).toList());
            for (BenchmarkRecord.Row row : rows) {
                assertThat(row.median()).as(row.name()).isPositive();
                assertThat(row.verdict()).as(row.name()).matches("(met|MISSED).*");
                assertThat(markdown).contains("| " + row.name() + " |");
            }
            // each case checked that it and its reference did the same work
            assertThat(rows).filteredOn(row -> row.name().startsWith("entitlement sync, first"))
                    .singleElement().extracting(BenchmarkRecord.Row::note).asString().startsWith("same projection");
            assertThat(rows).filteredOn(row -> row.name().startsWith("RLS overhead"))
                    .singleElement().extracting(BenchmarkRecord.Row::note).asString().contains("both see the same rows");
            assertThat(rows).filteredOn(row -> row.name().equals(OrgRunStatsCase.NAME))
                    .singleElement().extracting(BenchmarkRecord.Row::note).asString().endsWith("same figures");
            // the audit export's volume is what the job wrote: runs of the period plus their bundles
            BenchmarkRecord.Row audit = rows.stream().filter(row -> row.name().startsWith("audit export")).findFirst()
                    .orElseThrow();
            assertThat(audit.volume()).isEqualTo(db.jdbc().queryForObject(
                    "select (select count(*) from public.runs) + (select count(*) from public.bundles)", Long.class));
            assertThat(audit.note()).contains("-Xmx256m: not run: the bench was not started with java -jar");
            assertThat(markdown).contains("## small", "1,000 orgs, 100,000 runs in the first 100",
                    "Needs a run of each size; so far only `small` has run.");
            assertThat(db.jdbc().queryForObject("select count(distinct org_id) from public.runs", Long.class))
                    .isEqualTo(101); // the first 100 and the seeded demo org
        }
    }

    @Test
    void anUnknownSizeExits2WithOneLineAndWritesNothing() throws IOException {
        Path page = Files.createTempDirectory("pf-bench").resolve("benchmarks.md");
        try (TestDatabase db = TestDatabase.create("bench-bad")) {
            CliResult result = CliResult.run(properties(db, page), "bench", "size=huge");

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.err().strip()).isEqualTo("bench: parameter size must be one of small|full, got 'huge'");
            assertThat(page.getParent()).isEmptyDirectory();
            assertThat(db.jdbc().queryForObject("select count(*) from public.organizations", Long.class)).isOne();
        }
    }
}

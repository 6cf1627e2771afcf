package com.promptforge.batch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/benchmarks.md from the records of both sizes: each size's table, and how every case grows. */
class BenchmarkReportTest {

    private static BenchmarkRecord record(String size, String written, double syncSeconds, long orgs,
                                          double gatingMs) {
        Map<String, String> about = new LinkedHashMap<>();
        about.put("command", "java -jar target/promptforge-batch.jar bench size=" + size + " rounds=3");
        about.put("written", written);
        about.put("took", "1 min");
        about.put("data", orgs + " orgs");
        return new BenchmarkRecord(size, about, List.of(
                new BenchmarkRecord.Row("gating lookup", "ms", gatingMs, gatingMs, gatingMs, "pk lookup", 0.02,
                        gatingMs / 0.02, "<= 0.5 ms", "met", 50, "Index | Only Scan", "", 0),
                new BenchmarkRecord.Row("entitlement sync, first full run", "s", syncSeconds, syncSeconds,
                        syncSeconds, "insert select", syncSeconds / 5, 5, "<= 90 s", "MISSED: ratio 5.00", 140,
                        "same projection", "orgs", orgs)));
    }

    @Test
    void aRecordReadsBackAsItWasSaved() throws IOException {
        Path page = Files.createTempDirectory("pf-report").resolve("benchmarks.md");
        BenchmarkRecord small = record("small", "2026-12-02 10:00 UTC", 0.8, 1_001, 0.035);

        small.save(page);

        assertThat(BenchmarkRecord.file(page, "small")).hasFileName("benchmarks-small.tsv");
        assertThat(BenchmarkRecord.load(page, "small")).contains(small);
        assertThat(BenchmarkRecord.load(page, "full")).isEmpty();
    }

    @Test
    void thePageShowsBothSizesAndHowEachCaseGrowsFromSmallToFull() throws IOException {
        Path page = Files.createTempDirectory("pf-report").resolve("benchmarks.md");
        BenchmarkReport.write(page, record("small", "2026-12-02 10:00 UTC", 0.8, 1_001, 0.035));

        BenchmarkReport.write(page, record("full", "2026-12-02 11:00 UTC", 96, 100_001, 0.042));

        String markdown = Files.readString(page);
        assertThat(markdown.indexOf("## full")).isPositive().isLessThan(markdown.indexOf("## small"));
        assertThat(markdown).contains("From two runs (small on 2026-12-02 10:00 UTC, full on 2026-12-02 11:00 UTC)");
        // time x 120.0, volume x 99.9, per-unit cost x 1.20; the lookup has no volume and should not grow
        assertThat(markdown).contains(
                "| entitlement sync, first full run | 0.800 s | 96.00 s | 120.0 | orgs | 1,001 | 100,001 | 99.9 | 1.20 |",
                "| gating lookup | 0.035 ms | 0.042 ms | 1.2 | (one lookup) | - | - | 1 | 1.20 |",
                "| Index \\| Only Scan |");
    }

    @Test
    void withOneSizeRunThePageSaysTheGrowthNeedsTheOther() throws IOException {
        Path page = Files.createTempDirectory("pf-report").resolve("benchmarks.md");

        BenchmarkReport.write(page, record("full", "2026-12-02 11:00 UTC", 96, 100_001, 0.042));

        assertThat(Files.readString(page)).contains("## full").doesNotContain("## small")
                .contains("Needs a run of each size; so far only `full` has run.");
    }
}

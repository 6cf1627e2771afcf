package com.promptforge.batch.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the cases in order: each is set up, warmed up (case and reference once each), then measured {@code rounds}
 * times alternately with its reference, so that both see the same machine load.
 */
final class BenchmarkSuite {

    private BenchmarkSuite() {
    }

    /** The cases, in the order they run and appear in docs/benchmarks.md: the one place to add one. */
    static List<BenchmarkCase> cases() {
        return List.of(
                new GatingLookupCase(),
                new EntitlementSyncFirstRunCase(),
                new EntitlementSyncUnchangedCase(),
                new UsageReportCase(),
                new AuditExportCase(),
                new RlsMemberListingCase(),
                new OrgRunStatsCase()
        );
    }

    /** {@code measured} is called after each case with the results so far, so a later failure loses none of them. */
    static List<BenchmarkResult> run(List<BenchmarkCase> cases, int rounds, BenchmarkEnvironment environment,
                                     java.util.function.Consumer<List<BenchmarkResult>> measured) {
        List<BenchmarkResult> results = new ArrayList<>();
        Map<String, BenchmarkResult> byName = new HashMap<>();
        for (BenchmarkCase benchmark : cases) {
            environment.out().accept("bench: " + benchmark.name() + ": set-up and warm-up");
            benchmark.setUp(environment);
            benchmark.measure(environment);
            boolean ownReference = !Double.isNaN(benchmark.measureReference(environment));
            List<Double> values = new ArrayList<>();
            List<Double> referenceValues = new ArrayList<>();
            long peak;
            try (HeapPeak heap = new HeapPeak()) {
                for (int round = 1; round <= rounds; round++) {
                    double value = benchmark.measure(environment);
                    values.add(value);
                    String line = String.format(Locale.ROOT, "bench: %s: round %d of %d: %s %s", benchmark.name(),
                            round, rounds, format(value), benchmark.unit());
                    if (ownReference) {
                        double reference = benchmark.measureReference(environment);
                        referenceValues.add(reference);
                        line += String.format(Locale.ROOT, ", reference %s %s", format(reference), benchmark.unit());
                    }
                    environment.out().accept(line);
                }
                peak = heap.bytes();
            }
            double referenceMedian = ownReference ? BenchmarkResult.median(referenceValues)
                    : benchmark.referenceCase() != null && byName.containsKey(benchmark.referenceCase())
                    ? byName.get(benchmark.referenceCase()).median() : Double.NaN;
            BenchmarkResult result = new BenchmarkResult(benchmark, values, referenceValues, referenceMedian, peak);
            benchmark.measured(result);
            results.add(result);
            byName.put(benchmark.name(), result);
            measured.accept(List.copyOf(results));
            environment.out().accept(String.format(Locale.ROOT, "bench: %s: median %s %s, ratio %s: %s",
                    benchmark.name(), format(result.median()), benchmark.unit(), format(result.ratio()),
                    benchmark.verdict(result)));
        }
        return results;
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
                : value >= 1 ? String.format(Locale.ROOT, "%.2f", value) : String.format(Locale.ROOT, "%.3f", value);
    }
}

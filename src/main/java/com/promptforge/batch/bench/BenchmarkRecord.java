package com.promptforge.batch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one {@code bench} run of one size measured, kept as a tab-separated file beside docs/benchmarks.md
 * ({@code benchmarks-small.tsv}, {@code benchmarks-full.tsv}), so that the page can show both sizes and how each
 * case grows from one to the other, whichever size ran last. {@code # key<TAB>value} lines describe the run, the
 * others are one case each.
 */
record BenchmarkRecord(String size, Map<String, String> about, List<Row> rows) {

    /** One case's figures, as the page shows them. */
    record Row(String name, String unit, double median, double min, double max, String reference,
               double referenceMedian, double ratio, String target, String verdict, long peakHeapMb, String note,
               String volumeUnit, long volume) {

        static Row of(BenchmarkResult result) {
            BenchmarkCase benchmark = result.benchmark();
            return new Row(benchmark.name(), benchmark.unit(), result.median(), result.min(), result.max(),
                    benchmark.referenceName(), result.referenceMedian(), result.ratio(), benchmark.target(),
                    benchmark.verdict(result), result.peakHeapBytes() / (1024 * 1024), benchmark.note(),
                    benchmark.volumeUnit(), benchmark.volume());
        }

        String toTsv() {
            return String.join("\t", clean(name), clean(unit), number(median), number(min), number(max),
                    clean(reference), number(referenceMedian), number(ratio), clean(target), clean(verdict),
                    Long.toString(peakHeapMb), clean(note), clean(volumeUnit), Long.toString(volume));
        }

        static Row parse(String line) {
            String[] f = line.split("\t", -1);
            if (f.length != 14) {
                throw new IllegalArgumentException("a benchmark row has 14 fields, this one " + f.length);
            }
            return new Row(f[0], f[1], parseNumber(f[2]), parseNumber(f[3]), parseNumber(f[4]), f[5],
                    parseNumber(f[6]), parseNumber(f[7]), f[8], f[9], Long.parseLong(f[10]), f[11], f[12],
                    Long.parseLong(f[13]));
        }
    }

    static BenchmarkRecord of(String size, Map<String, String> about, List<BenchmarkResult> results) {
        return new BenchmarkRecord(size, about, results.stream().map(Row::of).toList());
    }

    /** benchmarks-small.tsv beside benchmarks.md. */
    static Path file(Path page, String size) {
        String name = page.getFileName().toString().replaceFirst("\\.md$", "");
        return page.resolveSibling(name + "-" + size + ".tsv");
    }

    void save(Path page) {
        StringBuilder tsv = new StringBuilder();
        tsv.append("# size\t").append(size).append('\n');
        about.forEach((key, value) -> tsv.append("# ").append(clean(key)).append('\t').append(clean(value)).append('\n'));
        rows.forEach(row -> tsv.append(row.toTsv()).append('\n'));
        BenchmarkReport.writeWhole(file(page, size), tsv);
    }

    /** The record of {@code size} beside the page, if a run of that size wrote one. */
    static Optional<BenchmarkRecord> load(Path page, String size) {
        Path file = file(page, size);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Map<String, String> about = new LinkedHashMap<>();
            List<Row> rows = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith("# ")) {
                    String[] pair = line.substring(2).split("\t", 2);
                    about.put(pair[0], pair.length > 1 ? pair[1] : "");
                } else if (!line.isBlank()) {
                    rows.add(Row.parse(line));
                }
            }
            about.remove("size");
            return Optional.of(new BenchmarkRecord(size, about, rows));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("bench: " + file + " is not a benchmark record (" + e.getMessage()
                    + "): delete it and run bench size=" + size + " again", e);
        }
    }

    Optional<Row> row(String name) {
        return rows.stream().filter(row -> row.name().equals(name)).findFirst();
    }

    private static String clean(String value) {
        return value == null ? "" : value.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    /** Exactly as measured: a record read back equals the one saved. */
    private static String number(double value) {
        return Double.toString(value);
    }

    private static double parseNumber(String value) {
        return Double.parseDouble(value);
    }
}

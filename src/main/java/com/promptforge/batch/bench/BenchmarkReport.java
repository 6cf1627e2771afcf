package com.promptforge.batch.bench;

import com.promptforge.batch.job.RunSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** docs/benchmarks.md: the machine, the data, one table row per case; written to a temporary file, then moved. */
final class BenchmarkReport {

    private BenchmarkReport() {
    }

    static void write(Path file, String command, String data, String database, Duration took,
                      List<BenchmarkResult> results, int rounds) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Written by `").append(command).append("` on ")
                .append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
                .append(" in ").append(RunSummary.duration(took))
                .append(". Do not edit: run it again (see the README, Benchmarks).\n\n");
        md.append("| machine | |\n| --- | --- |\n");
        md.append("| cores | ").append(Runtime.getRuntime().availableProcessors()).append(" |\n");
        md.append("| memory | ").append(memory()).append(" |\n");
        md.append("| load average at the end | ").append(loadAverage()).append(" |\n");
        md.append("| JVM | ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(", max heap ")
                .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MB |\n");
        md.append("| database | ").append(database).append(" |\n");
        md.append("| data | ").append(data).append(" |\n\n");
        md.append("Each case: set-up, one warm-up of case and reference, then ").append(rounds)
                .append(" measurements of each, alternately. Median and spread (min-max) of the case; ratio = case"
                        + " median / reference median, both from this run. Peak heap: the JVM's heap use"
                        + " (MemoryMXBean, sampled every 10 ms) during the measurements, garbage included.\n\n");
        md.append("| case | median | spread | reference | reference median | ratio | target | verdict | peak heap | note |\n");
        md.append("| --- | ---: | ---: | --- | ---: | ---: | --- | --- | ---: | --- |\n");
        for (BenchmarkResult result : results) {
            BenchmarkCase benchmark = result.benchmark();
            String unit = " " + benchmark.unit();
            md.append("| ").append(benchmark.name())
                    .append(" | ").append(BenchmarkSuite.format(result.median())).append(unit)
                    .append(" | ").append(BenchmarkSuite.format(result.min())).append('-')
                    .append(BenchmarkSuite.format(result.max())).append(unit)
                    .append(" | ").append(benchmark.referenceName())
                    .append(" | ").append(Double.isNaN(result.referenceMedian()) ? "-"
                            : BenchmarkSuite.format(result.referenceMedian()) + unit)
                    .append(" | ").append(Double.isNaN(result.ratio()) ? "-"
                            : String.format(Locale.ROOT, "%.2f", result.ratio()))
                    .append(" | ").append(benchmark.target())
                    .append(" | ").append(benchmark.verdict(result))
                    .append(" | ").append(result.peakHeapBytes() / (1024 * 1024)).append(" MB")
                    .append(" | ").append(benchmark.note().replace("|", "\\|"))
                    .append(" |\n");
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, md, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String memory() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return String.format(Locale.ROOT, "%.1f GB", sun.getTotalMemorySize() / (1024.0 * 1024 * 1024));
        }
        return "unknown";
    }

    private static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f", load);
    }
}

package com.promptforge.batch.bench;

import com.promptforge.batch.core.DurationText;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** docs/benchmarks.md: per size the machine, the data and one table row per case, then the growth; written to a temporary file, then moved. */
final class BenchmarkReport {

    private BenchmarkReport() {
    }

    /**
     * Saves {@code current} beside the page and writes the page from the records of both sizes: the one just run
     * and the other size's latest, if any.
     */
    static void write(Path page, BenchmarkRecord current) {
        current.save(page);
        List<BenchmarkRecord> records = new ArrayList<>();
        for (BenchmarkSize size : List.of(BenchmarkSize.FULL, BenchmarkSize.SMALL)) {
            if (size.label().equals(current.size())) {
                records.add(current);
            } else {
                BenchmarkRecord.load(page, size.label()).ifPresent(records::add);
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Written by `java -jar target/promptforge-batch.jar bench size=small|full` (see the README, Benchmarks);"
                + " the latest run was `").append(current.about().get("command")).append("` on ")
                .append(current.about().get("written")).append(". Do not edit: run it again. Each size's figures are"
                        + " kept beside this page (`").append(BenchmarkRecord.file(page, "<size>").getFileName())
                .append("`), so the page shows both sizes and the growth from one to the other.\n\n");
        md.append("Each case: set-up, one warm-up of case and reference, then `rounds` measurements of each, alternately,"
                + " so that both see the same load. Median and spread (min-max) of the case; ratio = case median /"
                + " reference median, both from the same run. Peak heap: the JVM's heap use (MemoryMXBean, sampled every"
                + " 10 ms) during the measurements, garbage included. Verdicts compare with the issue's targets; a missed"
                + " one says by how much, and the README's Performance section says why.\n\n");
        for (BenchmarkRecord record : records) {
            section(md, record);
        }
        growth(md, records);
        writeWhole(page, md);
    }

    /** Writes {@code text} to a temporary file beside {@code file}, then moves it in: never a half-written file. */
    static void writeWhole(Path file, CharSequence text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The run's machine and data, then one row per case. */
    static Map<String, String> about(String command, Duration took, String data, String database, int rounds) {
        Map<String, String> about = new LinkedHashMap<>();
        about.put("command", command);
        about.put("written", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
        about.put("took", DurationText.compact(took));
        about.put("rounds", Integer.toString(rounds));
        about.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        about.put("memory", memory());
        about.put("load average at the end", loadAverage());
        about.put("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
        about.put("database", database);
        about.put("data", data);
        return about;
    }

    private static void section(StringBuilder md, BenchmarkRecord record) {
        Map<String, String> about = record.about();
        md.append("## ").append(record.size()).append("\n\n");
        md.append("`").append(about.get("command")).append("` on ").append(about.get("written")).append(", in ")
                .append(about.get("took")).append(".\n\n");
        md.append("| machine | |\n| --- | --- |\n");
        for (String key : List.of("cores", "memory", "load average at the end", "JVM", "database", "data")) {
            md.append("| ").append(key).append(" | ").append(cell(about.getOrDefault(key, "?"))).append(" |\n");
        }
        md.append("\n| case | median | spread | reference | reference median | ratio | target | verdict | peak heap | note |\n");
        md.append("| --- | ---: | ---: | --- | ---: | ---: | --- | --- | ---: | --- |\n");
        for (BenchmarkRecord.Row row : record.rows()) {
            String unit = " " + row.unit();
            md.append("| ").append(cell(row.name()))
                    .append(" | ").append(BenchmarkSuite.format(row.median())).append(unit)
                    .append(" | ").append(BenchmarkSuite.format(row.min())).append('-')
                    .append(BenchmarkSuite.format(row.max())).append(unit)
                    .append(" | ").append(cell(row.reference()))
                    .append(" | ").append(Double.isNaN(row.referenceMedian()) ? "-"
                            : BenchmarkSuite.format(row.referenceMedian()) + unit)
                    .append(" | ").append(Double.isNaN(row.ratio()) ? "-" : String.format(Locale.ROOT, "%.2f", row.ratio()))
                    .append(" | ").append(cell(row.target()))
                    .append(" | ").append(cell(row.verdict()))
                    .append(" | ").append(row.peakHeapMb()).append(" MB")
                    .append(" | ").append(cell(row.note()))
                    .append(" |\n");
        }
        md.append('\n');
    }

    /** How each case's time grows from small to full, beside how much more it touches. */
    private static void growth(StringBuilder md, List<BenchmarkRecord> records) {
        md.append("## Growth from small to full\n\n");
        if (records.size() < 2) {
            md.append("Needs a run of each size; so far only `").append(records.get(0).size()).append("` has run.\n");
            return;
        }
        BenchmarkRecord full = records.get(0);
        BenchmarkRecord small = records.get(1);
        md.append("From two runs (small on ").append(small.about().get("written")).append(", full on ")
                .append(full.about().get("written")).append("). Time x = full median / small median; volume x = how"
                        + " many more of what the case touches. Linear growth gives time x close to volume x"
                        + " (per-unit cost x close to 1); a lookup should not grow at all.\n\n");
        md.append("| case | small | full | time x | touches | small | full | volume x | per-unit cost x |\n");
        md.append("| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |\n");
        for (BenchmarkRecord.Row f : full.rows()) {
            small.row(f.name()).ifPresent(s -> {
                double time = f.median() / s.median();
                boolean hasVolume = s.volume() > 0 && f.volume() > 0;
                double volume = hasVolume ? (double) f.volume() / s.volume() : Double.NaN;
                md.append("| ").append(cell(f.name()))
                        .append(" | ").append(BenchmarkSuite.format(s.median())).append(' ').append(s.unit())
                        .append(" | ").append(BenchmarkSuite.format(f.median())).append(' ').append(f.unit())
                        .append(" | ").append(String.format(Locale.ROOT, "%.1f", time))
                        .append(" | ").append(hasVolume ? cell(f.volumeUnit()) : "(one lookup)")
                        .append(" | ").append(hasVolume ? String.format(Locale.ROOT, "%,d", s.volume()) : "-")
                        .append(" | ").append(hasVolume ? String.format(Locale.ROOT, "%,d", f.volume()) : "-")
                        .append(" | ").append(hasVolume ? String.format(Locale.ROOT, "%.1f", volume) : "1")
                        .append(" | ").append(String.format(Locale.ROOT, "%.2f", hasVolume ? time / volume : time))
                        .append(" |\n");
            });
        }
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
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

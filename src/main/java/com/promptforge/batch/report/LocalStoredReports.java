package com.promptforge.batch.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The reports folder ({@code PF_REPORTS_DIR}) as the reports command and retention see it: every workbook under it
 * (not hidden files, not sidecars), with the SHA-256 of its {@code .sha256} sidecar. The job and period come from
 * the report's name, as the jobs name their reports.
 */
public final class LocalStoredReports implements StoredReports {

    private static final Pattern WEEK = Pattern.compile(".*-(\\d{4}-W\\d{2})\\.xlsx");
    private static final Pattern DATES = Pattern.compile(".*-(\\d{4}-\\d{2}-\\d{2})-(\\d{4}-\\d{2}-\\d{2})\\.xlsx");
    private static final Pattern ORG = Pattern.compile("audit-(.+)-\\d{4}-\\d{2}-\\d{2}-\\d{4}-\\d{2}-\\d{2}\\.xlsx");

    private final Path reportsDir;

    public LocalStoredReports(Path reportsDir) {
        this.reportsDir = reportsDir;
    }

    @Override
    public String describe() {
        return "reports folder " + reportsDir;
    }

    @Override
    public List<StoredReport> list() {
        List<StoredReport> reports = new ArrayList<>();
        for (Path file : workbooks()) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                String key = key(file);
                reports.add(new StoredReport(key, jobOf(key), periodOf(key), attributes.size(),
                        attributes.lastModifiedTime().toInstant(), sidecarSha256(file).orElse("")));
            } catch (IOException e) {
                // gone meanwhile (retention, a replacing run)
            }
        }
        reports.sort(Comparator.comparing(StoredReport::created).reversed().thenComparing(StoredReport::key));
        return reports;
    }

    @Override
    public String location(String key) {
        return file(key).toString();
    }

    private String key(Path file) {
        return reportsDir.relativize(file).toString().replace('\\', '/');
    }

    private Path file(String key) {
        Path file = reportsDir.resolve(key).normalize();
        if (!file.startsWith(reportsDir.normalize()) || !Files.isRegularFile(file)) {
            throw new ReportStoreException("report store " + describe() + ": no report " + key
                    + " (reports lists them)");
        }
        return file;
    }

    @Override
    public Path download(String key, Path folder) {
        Path file = file(key);
        String expected = sidecarSha256(file).orElseThrow(() -> new ReportStoreException("report store "
                + describe() + ": " + key + " has no SHA-256 to check against (no valid " + key
                + Sha256Sidecar.SUFFIX + ")"));
        try {
            Files.createDirectories(folder);
            Path target = folder.resolve(file.getFileName());
            Path partial = folder.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".part");
            Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
            String actual = Sha256Sidecar.sha256(partial);
            if (!actual.equals(expected)) {
                Files.deleteIfExists(partial);
                throw new ReportStoreException("report store " + describe() + ": " + key + " does not match its SHA-256"
                        + " (expected " + expected + ", copied " + actual + "): nothing was kept");
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + file + " to " + folder, e);
        }
    }

    @Override
    public Optional<String> link(String key, Duration validFor) {
        return Optional.empty();
    }

    /** Deletes the workbooks last modified before {@code cutoff}, each with its sidecar. */
    @Override
    public List<String> deleteOlderThan(Instant cutoff, Predicate<String> ours, String why, Consumer<String> output) {
        List<String> deleted = new ArrayList<>();
        for (Path report : workbooks()) {
            if (!ours.test(key(report))) {
                continue;
            }
            try {
                Instant modified = Files.getLastModifiedTime(report).toInstant();
                if (modified.isBefore(cutoff) && Files.deleteIfExists(report)) {
                    Files.deleteIfExists(Sha256Sidecar.of(report)); // goes with its report
                    deleted.add(report.toString());
                    output.accept("Deleted report " + report + " (last modified " + TIME.format(modified) + ", " + why
                            + ")");
                }
            } catch (IOException e) {
                output.accept("Could not delete report " + report + ": " + e.getMessage());
            }
        }
        return deleted;
    }

    private List<Path> workbooks() {
        if (!Files.isDirectory(reportsDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(reportsDir)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> {
                        String name = file.getFileName().toString();
                        return name.endsWith(".xlsx") && !name.startsWith(".");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + reportsDir, e);
        }
    }

    private static Optional<String> sidecarSha256(Path file) {
        Path sidecar = Sha256Sidecar.of(file);
        try {
            String line = Files.isRegularFile(sidecar) ? Files.readString(sidecar).strip() : "";
            return line.matches("[0-9a-f]{64}\\s.*") ? Optional.of(line.substring(0, 64)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The job that names its reports so: usage/usage-report-..., audit/audit-..., entitlements/..., validation/... */
    static String jobOf(String key) {
        String folder = key.contains("/") ? key.substring(0, key.indexOf('/')) : "";
        return switch (folder) {
            case "usage" -> "usage-report";
            case "audit" -> "audit-export";
            case "entitlements" -> "entitlement-sync";
            case "validation" -> "data-validation";
            default -> folder;
        };
    }

    /** The period a report's name carries (an ISO week, or "from to to"), else the audit's org, else empty. */
    public static String periodOf(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        Matcher week = WEEK.matcher(name);
        if (week.matches()) {
            return week.group(1);
        }
        Matcher org = ORG.matcher(name);
        Matcher dates = DATES.matcher(name);
        if (dates.matches()) {
            return (org.matches() ? org.group(1) + " " : "") + dates.group(1) + " to " + dates.group(2);
        }
        return "";
    }
}

package com.promptforge.batch.bench;

import com.promptforge.batch.audit.AuditExportSql;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The audit export of every organization over the latest days that hold {@value #SCORED_RUNS} scored runs (all the
 * generated days when there are fewer), beside a bare JDBC + fastexcel loop of the same rows
 * ({@link AuditExportBareLoop}); {@code COPY (the same two queries) TO STDOUT (FORMAT csv)}, the client discarding
 * the bytes, is the floor, measured in the set-up and given in the note. The set-up also runs the export once in a
 * child JVM with {@code -Xmx256m} ({@link ConstrainedRun}). Rows/s = (runs + bundles exported) / the median.
 */
class AuditExportCase implements BenchmarkCase {

    private static final String JOB = "audit-export";
    private static final long SCORED_RUNS = 1_000_000;
    private static final double TARGET_ROWS_PER_SECOND = 40_000;
    private static final double TARGET_RATIO = 1.3;
    private static final String HEAP = "-Xmx256m";

    private LocalDate from;
    private LocalDate to;
    private long rows;
    private long scored;
    private double copySeconds;
    private String constrained = "";
    private Path bareFile;
    private double lastMedian = Double.NaN;

    @Override
    public String name() {
        return "audit export, every org, the latest days with 1,000,000 scored runs";
    }

    @Override
    public String target() {
        return ">= 40,000 rows/s under -Xmx256m, ratio <= 1.3";
    }

    @Override
    public String unit() {
        return "s";
    }

    @Override
    public String referenceName() {
        return "bare JDBC + fastexcel loop of the same rows (COPY to CSV as the floor: see note)";
    }

    @Override
    public String volumeUnit() {
        return "rows exported";
    }

    @Override
    public long volume() {
        return rows;
    }

    @Override
    public void setUp(BenchmarkEnvironment environment) {
        var jdbc = environment.jdbc();
        // the latest day d such that the days d..last hold SCORED_RUNS scored runs; the first day when none does
        to = jdbc.queryForObject("select max(created_at at time zone 'UTC')::date from public.runs", LocalDate.class);
        from = jdbc.queryForObject("""
                with days as (
                  select (r.created_at at time zone 'UTC')::date as day, count(*) as scored
                    from public.runs r join public.prompt_scores s on s.run_id = r.id
                   group by 1
                ), running as (
                  select day, sum(scored) over (order by day desc) as scored from days
                )
                select coalesce((select max(day) from running where scored >= ?), (select min(day) from days))""",
                LocalDate.class, SCORED_RUNS);
        rows = jdbc.queryForObject("""
                select (select count(*) from public.runs r where r.created_at >= ?::date and r.created_at < ?::date + 1)
                     + (select count(*) from public.bundles b join public.runs r on r.id = b.run_id
                         where r.created_at >= ?::date and r.created_at < ?::date + 1)""",
                Long.class, from, to, from, to);
        scored = jdbc.queryForObject("""
                select count(*) from public.runs r join public.prompt_scores s on s.run_id = r.id
                 where r.created_at >= ?::date and r.created_at < ?::date + 1""", Long.class, from, to);
        try {
            bareFile = Files.createTempFile("pf-bench-bare-loop", ".xlsx");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Double> copies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            copies.add(copyOut(environment));
        }
        copySeconds = BenchmarkResult.median(copies);
        environment.out().accept(String.format(Locale.ROOT, "bench: audit: %s to %s, %,d rows, COPY %.2f s; "
                + "one run in a child JVM with %s", from, to, rows, copySeconds, HEAP));
        constrained = ConstrainedRun.of(environment, HEAP, "run", JOB, "org=all", "from=" + from, "to=" + to)
                .describe();
    }

    @Override
    public double measure(BenchmarkEnvironment environment) {
        return environment.runJob(JOB, Map.of("org", "all", "from", from.toString(), "to", to.toString()));
    }

    @Override
    public double measureReference(BenchmarkEnvironment environment) {
        long started = System.nanoTime();
        try (Connection connection = environment.dataSource().getConnection()) {
            AuditExportBareLoop.write(connection, from, to, bareFile);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("bench: the bare audit loop failed: " + e.getMessage(), e);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private double copyOut(BenchmarkEnvironment environment) {
        long started = System.nanoTime();
        try (Connection connection = environment.dataSource().getConnection()) {
            PGConnection pg = connection.unwrap(PGConnection.class);
            for (String query : AuditExportSql.everyOrgWithoutEmails()) {
                pg.getCopyAPI().copyOut("copy (" + withValues(query, AuditExportSql.parameters(from, to))
                        + ") to stdout (format csv)", OutputStream.nullOutputStream());
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("bench: COPY of the audit queries failed: " + e.getMessage(), e);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /**
     * The query with its parameters' values written in: COPY takes no bind parameters. The values are the case's
     * own (dates, the threshold, no org), never input.
     */
    private static String withValues(String query, MapSqlParameterSource values) {
        String written = query;
        for (String name : values.getParameterNames()) {
            Object value = values.getValue(name);
            String literal = value == null ? "null" : value instanceof Number ? value.toString()
                    : "'" + value + "'::timestamptz";
            written = written.replaceAll("(?<![:\\w]):" + name + "\\b", Matcher.quoteReplacement(literal));
        }
        return written;
    }

    @Override
    public String verdict(BenchmarkResult result) {
        double perSecond = rows / result.median();
        List<String> missed = new ArrayList<>();
        if (perSecond < TARGET_ROWS_PER_SECOND) {
            missed.add(String.format(Locale.ROOT, "%,.0f rows/s", perSecond));
        }
        if (result.ratio() > TARGET_RATIO) {
            missed.add(String.format(Locale.ROOT, "ratio %.2f", result.ratio()));
        }
        if (!constrained.startsWith("completed")) {
            missed.add("not completed under " + HEAP);
        }
        return missed.isEmpty() ? String.format(Locale.ROOT, "met: %,.0f rows/s", perSecond)
                : "MISSED: " + String.join(", ", missed);
    }

    @Override
    public String note() {
        return String.format(Locale.ROOT, "%,d rows (runs + bundles; %,d scored runs), %s to %s; COPY floor %.2f s "
                        + "(the job %.1fx it); %s: %s", rows, scored, from, to, copySeconds,
                copySeconds > 0 ? lastMedian / copySeconds : Double.NaN, HEAP, constrained);
    }

    @Override
    public void measured(BenchmarkResult result) {
        lastMedian = result.median();
        try {
            Files.deleteIfExists(bareFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package com.promptforge.batch.bench;

import com.promptforge.batch.audit.AuditExportSql;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * The audit export of every organization over the generated days, beside its floor: the export's own two queries
 * as {@code COPY (...) TO STDOUT (FORMAT csv)}, the client discarding the bytes ({@link AuditExportSql#copyToCsv}).
 * The other reference, a bare JDBC + SXSSF loop of the same rows, is in the test tree's
 * {@code AuditExportBenchmark}; it is not repeated here. Rows/s = (runs + bundles exported) / the median.
 */
class AuditExportCase implements BenchmarkCase {

    private static final String JOB = "audit-export";
    private static final double TARGET_ROWS_PER_SECOND = 40_000;

    private LocalDate from;
    private LocalDate to;
    private long rows;

    @Override
    public String name() {
        return "audit export, every org, the generated days";
    }

    @Override
    public String target() {
        return ">= 40,000 rows/s (full, -Xmx256m)";
    }

    @Override
    public String unit() {
        return "s";
    }

    @Override
    public String referenceName() {
        return "COPY of the same two queries TO STDOUT csv (floor)";
    }

    @Override
    public void setUp(BenchmarkEnvironment environment) {
        var jdbc = environment.jdbc();
        from = jdbc.queryForObject("select min(created_at at time zone 'UTC')::date from public.runs", LocalDate.class);
        to = jdbc.queryForObject("select max(created_at at time zone 'UTC')::date from public.runs", LocalDate.class);
        rows = jdbc.queryForObject("""
                select (select count(*) from public.runs r where r.created_at >= ?::date and r.created_at < ?::date + 1)
                     + (select count(*) from public.bundles b join public.runs r on r.id = b.run_id
                         where r.created_at >= ?::date and r.created_at < ?::date + 1)""",
                Long.class, from, to, from, to);
    }

    @Override
    public double measure(BenchmarkEnvironment environment) {
        return environment.runJob(JOB, Map.of("org", "all", "from", from.toString(), "to", to.toString()));
    }

    @Override
    public double measureReference(BenchmarkEnvironment environment) {
        List<String> statements = AuditExportSql.copyToCsv(from, to);
        long started = System.nanoTime();
        try (Connection connection = environment.dataSource().getConnection()) {
            PGConnection pg = connection.unwrap(PGConnection.class);
            for (String statement : statements) {
                pg.getCopyAPI().copyOut(statement, OutputStream.nullOutputStream());
            }
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("bench: COPY of the audit queries failed: " + e.getMessage(), e);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    @Override
    public String verdict(BenchmarkResult result) {
        double perSecond = rows / result.median();
        return perSecond >= TARGET_ROWS_PER_SECOND ? String.format("met: %,.0f rows/s", perSecond)
                : String.format("MISSED: %,.0f rows/s", perSecond);
    }

    @Override
    public String note() {
        return String.format("%,d rows (runs + bundles), %s to %s; heap of this JVM, not -Xmx256m", rows, from, to);
    }
}

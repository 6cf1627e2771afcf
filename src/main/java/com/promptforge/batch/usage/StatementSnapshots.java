package com.promptforge.batch.usage;

import com.promptforge.batch.db.SqlResources;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * pg_stat_statements across reports: each report copies the cumulative counters of the current database into
 * usage.statement_counters (018) and reports the difference from the snapshot of an earlier week. The counters
 * are never reset, so other tools reading them see what they always saw.
 */
final class StatementSnapshots {

    static final String HOW_TO_ENABLE = "enable it with CREATE EXTENSION pg_stat_statements; (the server also needs "
            + "shared_preload_libraries = 'pg_stat_statements' and a restart; on Supabase it is preloaded: Database "
            + "-> Extensions -> pg_stat_statements)";

    static final String EXTENSION_SCHEMA = load("statements_extension_schema.sql");
    static final String COUNTERS = load("statement_counters_read.sql");
    private static final String STATS_RESET = load("statement_stats_reset.sql");
    static final String INSERT_SNAPSHOT = load("statement_snapshot_insert.sql");
    static final String INSERT_COUNTER = load("statement_counter_insert.sql");
    static final String BASELINE = load("statement_snapshot_baseline.sql");
    static final String DELTAS = load("statement_deltas.sql");
    private static final String EXPIRE = load("statement_snapshots_expire.sql");

    private static final int COUNTERS_PER_BATCH = 1_000;

    private StatementSnapshots() {
    }

    private static String load(String file) {
        return SqlResources.statement(StatementSnapshots.class, file);
    }

    /** What pg_stat_statements said at one moment, or why it said nothing. */
    record Reading(boolean available, String note, OffsetDateTime statsReset, List<Counter> counters) {

        static Reading unavailable(String note) {
            return new Reading(false, note, null, List.of());
        }
    }

    record Counter(long userId, long queryId, boolean topLevel, String role, String query, long calls,
                   double totalMs, long rows, long blocksHit, long blocksRead) {
    }

    /** Where the period of a report's statement figures starts. */
    record Baseline(Long snapshotId, OffsetDateTime takenAt, OffsetDateTime statsReset) {
    }

    /** Reads the counters (in the caller's read-only transaction). */
    static Reading read(JdbcTemplate jdbc) {
        List<String> schema = jdbc.queryForList(EXTENSION_SCHEMA, String.class);
        if (schema.isEmpty()) {
            return Reading.unavailable("pg_stat_statements is not installed in this database: " + HOW_TO_ENABLE);
        }
        String quoted = SqlResources.identifier(schema.get(0));
        List<Counter> counters = jdbc.query(COUNTERS.replace("{schema}", quoted), (row, n) -> new Counter(
                row.getLong("userid"), row.getLong("queryid"), row.getBoolean("toplevel"), row.getString("role_name"),
                row.getString("query"), row.getLong("calls"), row.getDouble("total_exec_time"), row.getLong("rows"),
                row.getLong("shared_blks_hit"), row.getLong("shared_blks_read")));
        OffsetDateTime statsReset = jdbc.queryForObject(STATS_RESET.replace("{schema}", quoted),
                OffsetDateTime.class);
        return new Reading(true, null, statsReset, counters);
    }

    /** Stores the reading as this week's snapshot (in a write transaction); returns its id. */
    static long store(NamedParameterJdbcTemplate jdbc, Reading reading, IsoWeek week, Long jobExecutionId) {
        long id = jdbc.queryForObject(INSERT_SNAPSHOT, new MapSqlParameterSource()
                .addValue("week_start", week.monday())
                .addValue("job_execution_id", jobExecutionId)
                .addValue("stats_reset", reading.statsReset())
                .addValue("available", reading.available())
                .addValue("note", reading.note()), (row, n) -> row.getLong("id"));
        List<Counter> counters = reading.counters();
        for (int from = 0; from < counters.size(); from += COUNTERS_PER_BATCH) {
            jdbc.batchUpdate(INSERT_COUNTER, counters.subList(from, Math.min(counters.size(), from + COUNTERS_PER_BATCH))
                    .stream().map(counter -> new MapSqlParameterSource()
                            .addValue("snapshot_id", id)
                            .addValue("userid", counter.userId())
                            .addValue("queryid", counter.queryId())
                            .addValue("toplevel", counter.topLevel())
                            .addValue("role_name", counter.role(), Types.VARCHAR)
                            .addValue("query", counter.query(), Types.VARCHAR)
                            .addValue("calls", counter.calls())
                            .addValue("total_exec_time_ms", counter.totalMs())
                            .addValue("rows", counter.rows())
                            .addValue("shared_blks_hit", counter.blocksHit())
                            .addValue("shared_blks_read", counter.blocksRead()))
                    .toArray(SqlParameterSource[]::new));
        }
        return id;
    }

    static Baseline baseline(NamedParameterJdbcTemplate jdbc, IsoWeek week) {
        List<Baseline> found = jdbc.query(BASELINE, new MapSqlParameterSource("week_start", week.monday()),
                (row, n) -> new Baseline(row.getLong("id"), row.getObject("taken_at", OffsetDateTime.class),
                        row.getObject("stats_reset", OffsetDateTime.class)));
        return found.isEmpty() ? new Baseline(null, null, null) : found.get(0);
    }

    /**
     * Deletes the snapshots of weeks before {@code keepFrom} but the one just taken and the report's baseline;
     * returns how many went.
     */
    static int expire(NamedParameterJdbcTemplate jdbc, LocalDate keepFrom, long currentId, Baseline baseline) {
        return jdbc.queryForList(EXPIRE, new MapSqlParameterSource()
                .addValue("keep_from", keepFrom)
                .addValue("current_id", currentId)
                .addValue("baseline_id", baseline.snapshotId(), java.sql.Types.BIGINT), Long.class).size();
    }

    static List<StatementDelta> deltas(NamedParameterJdbcTemplate jdbc, long snapshotId, Baseline baseline) {
        return jdbc.query(DELTAS, new MapSqlParameterSource()
                .addValue("snapshot_id", snapshotId)
                .addValue("baseline_id", baseline.snapshotId(), java.sql.Types.BIGINT), (row, n) -> new StatementDelta(
                row.getLong("queryid"), row.getString("role_name"), row.getString("query"), row.getLong("calls"),
                row.getDouble("total_ms"), row.getLong("rows"), row.getLong("blocks_hit"),
                row.getLong("blocks_read"), row.getLong("cumulative_calls"), row.getDouble("cumulative_ms")));
    }

}

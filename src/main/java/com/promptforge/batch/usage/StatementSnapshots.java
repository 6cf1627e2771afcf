package com.promptforge.batch.usage;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * pg_stat_statements across reports: each report copies the cumulative counters of the current database into
 * usage.statement_counters (018) and reports the difference from the snapshot of an earlier week. The counters
 * are never reset, so other tools reading them see what they always saw.
 */
final class StatementSnapshots {

    static final String HOW_TO_ENABLE = "enable it with CREATE EXTENSION pg_stat_statements; (the server also needs "
            + "shared_preload_libraries = 'pg_stat_statements' and a restart; on Supabase it is preloaded: Database "
            + "-> Extensions -> pg_stat_statements)";

    static final String EXTENSION_SCHEMA = """
            select n.nspname from pg_catalog.pg_extension e
              join pg_catalog.pg_namespace n on n.oid = e.extnamespace
             where e.extname = 'pg_stat_statements'
            """;

    /** The counters of this database's statements; {schema} is the extension's schema, quoted. */
    static final String COUNTERS = """
            select s.userid, s.queryid, s.toplevel, pg_catalog.pg_get_userbyid(s.userid) as role_name, s.query,
                   s.calls, s.total_exec_time, s.rows, s.shared_blks_hit, s.shared_blks_read
              from {schema}.pg_stat_statements s
             where s.dbid = (select oid from pg_catalog.pg_database where datname = pg_catalog.current_database())
               and s.queryid is not null
            """;

    static final String INSERT_SNAPSHOT = """
            insert into usage.statement_snapshots (week_start, job_execution_id, stats_reset, available, note)
            values (:week_start, :job_execution_id, :stats_reset, :available, :note)
            returning id, taken_at
            """;

    static final String INSERT_COUNTER = """
            insert into usage.statement_counters (snapshot_id, userid, queryid, toplevel, role_name, query, calls,
                                                  total_exec_time_ms, rows, shared_blks_hit, shared_blks_read)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    /** The snapshot the period starts at: the last usable one of an earlier week. */
    static final String BASELINE = """
            select id, taken_at, stats_reset from usage.statement_snapshots
             where available and week_start < :week_start
             order by week_start desc, id desc
             limit 1
            """;

    /**
     * This snapshot's counters minus the baseline's. A statement without a baseline row, with fewer calls than
     * its baseline row (evicted and re-entered), or counted since a reset after the baseline, counts whole.
     */
    static final String DELTAS = """
            select c.queryid, c.role_name, c.query,
                   c.calls - coalesce(p.calls, 0) as calls,
                   c.total_exec_time_ms - coalesce(p.total_exec_time_ms, 0) as total_ms,
                   c.rows - coalesce(p.rows, 0) as rows,
                   c.shared_blks_hit - coalesce(p.shared_blks_hit, 0) as blocks_hit,
                   c.shared_blks_read - coalesce(p.shared_blks_read, 0) as blocks_read,
                   c.calls as cumulative_calls, c.total_exec_time_ms as cumulative_ms
              from usage.statement_counters c
              join usage.statement_snapshots cur on cur.id = c.snapshot_id
              left join usage.statement_snapshots b on b.id = :baseline_id
              left join usage.statement_counters p
                     on p.snapshot_id = b.id and p.queryid = c.queryid and p.userid = c.userid
                    and p.toplevel = c.toplevel and p.calls <= c.calls
                    and cur.stats_reset is not distinct from b.stats_reset
             where c.snapshot_id = :snapshot_id
               and c.calls - coalesce(p.calls, 0) > 0
             order by total_ms desc, c.queryid
            """;

    private StatementSnapshots() {
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
        String quoted = jdbc.queryForObject("select quote_ident(?)", String.class, schema.get(0));
        List<Counter> counters = jdbc.query(COUNTERS.replace("{schema}", quoted), (row, n) -> new Counter(
                row.getLong("userid"), row.getLong("queryid"), row.getBoolean("toplevel"), row.getString("role_name"),
                row.getString("query"), row.getLong("calls"), row.getDouble("total_exec_time"), row.getLong("rows"),
                row.getLong("shared_blks_hit"), row.getLong("shared_blks_read")));
        OffsetDateTime statsReset = jdbc.queryForObject("select stats_reset from " + quoted + ".pg_stat_statements_info",
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
        jdbc.getJdbcTemplate().batchUpdate(INSERT_COUNTER, reading.counters(), 1_000, (statement, counter) -> {
            statement.setLong(1, id);
            statement.setLong(2, counter.userId());
            statement.setLong(3, counter.queryId());
            statement.setBoolean(4, counter.topLevel());
            statement.setString(5, counter.role());
            statement.setString(6, counter.query());
            statement.setLong(7, counter.calls());
            statement.setDouble(8, counter.totalMs());
            statement.setLong(9, counter.rows());
            statement.setLong(10, counter.blocksHit());
            statement.setLong(11, counter.blocksRead());
        });
        return id;
    }

    static Baseline baseline(NamedParameterJdbcTemplate jdbc, IsoWeek week) {
        List<Baseline> found = jdbc.query(BASELINE, new MapSqlParameterSource("week_start", week.monday()),
                (row, n) -> new Baseline(row.getLong("id"), row.getObject("taken_at", OffsetDateTime.class),
                        row.getObject("stats_reset", OffsetDateTime.class)));
        return found.isEmpty() ? new Baseline(null, null, null) : found.get(0);
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

package com.promptforge.batch.usage;

import com.promptforge.batch.db.OrganizationLookup;
import com.promptforge.batch.db.SqlResources;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The per-organization weekly figures: computed once per org and week into usage.org_weeks (018), read back
 * from there with the week before beside them, so a week stays reportable after its runs are deleted. With a read
 * replica they are computed there and stored on the primary.
 */
final class WeeklyUsage {

    static final String STORE_WEEK = load("org_weeks_store.sql");
    static final String COMPUTE_WEEK = load("org_weeks_compute.sql");
    static final String STORE_COMPUTED_WEEK = load("org_weeks_store_computed.sql");
    static final String READ_WEEK = load("org_weeks_read.sql");
    private static final String ORGS_WITHOUT_COMPLETE_WEEK = load("orgs_without_complete_week.sql");
    private static final String ANALYZE = load("org_weeks_analyze.sql");
    private static final String STORED_ORG = load("stored_org.sql");

    /** Orgs per statement that stores a week: bounds the database's memory (see {@link #store}). */
    static final int ORGS_PER_STATEMENT = 500;

    private final NamedParameterJdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate replica;
    private final int orgsPerStatement;

    /** Computed and stored on one database. */
    WeeklyUsage(NamedParameterJdbcTemplate jdbc) {
        this(jdbc, null, ORGS_PER_STATEMENT);
    }

    WeeklyUsage(NamedParameterJdbcTemplate jdbc, int orgsPerStatement) {
        this(jdbc, null, orgsPerStatement);
    }

    /** Stored with {@code jdbc} (the primary), computed with {@code replica} when not null (the read replica). */
    WeeklyUsage(NamedParameterJdbcTemplate jdbc, NamedParameterJdbcTemplate replica, int orgsPerStatement) {
        this.jdbc = jdbc;
        this.replica = replica;
        this.orgsPerStatement = orgsPerStatement;
    }

    /**
     * Stores the week's figures where they are not final yet, for one org or every org; returns the rows written.
     * Every org is done {@value #ORGS_PER_STATEMENT} orgs per statement: PostgreSQL keeps part of what each call
     * of get_org_run_stats_between allocates (its p95 is an ordered-set aggregate) until the statement that calls
     * it ends: one backend grew by 40 MB over 200,000 calls for small orgs (PostgreSQL 15), and one grouped
     * statement of the same figures over 100,000 orgs and two weeks (the benchmark's reference) grew past 20 GB
     * and was killed by the kernel. A slice of orgs bounds what one statement can hold.
     *
     * <p>On one database a slice is one statement that computes and stores. With a replica, the org ids and the
     * figures are read there and the figures travel as JSON to the primary's insert (the same figures, the same
     * shared part, {@code _org_week_figures.sql}); one statement is kept for the single database because the
     * round trip costs ~10 ms per slice of 500 orgs (measured: ~20% of the store at 20,000 orgs).
     */
    int store(IsoWeek week, UUID orgId, Long jobExecutionId) {
        NamedParameterJdbcTemplate reads = replica == null ? jdbc : replica;
        List<UUID> orgs = orgId != null ? List.of(orgId)
                : reads.queryForList(ORGS_WITHOUT_COMPLETE_WEEK, Map.of("week_start", week.monday()), UUID.class);
        int written = 0;
        for (int from = 0; from < orgs.size(); from += orgsPerStatement) {
            MapSqlParameterSource parameters = new MapSqlParameterSource()
                    .addValue("week_start", week.monday())
                    .addValue("week_begin", week.start())
                    .addValue("week_end", week.end())
                    .addValue("org_ids", orgs.subList(from, Math.min(orgs.size(), from + orgsPerStatement)))
                    .addValue("job_execution_id", jobExecutionId);
            if (replica == null) {
                written += jdbc.update(STORE_WEEK, parameters);
            } else {
                String figures = replica.queryForObject(COMPUTE_WEEK, parameters, String.class);
                written += jdbc.update(STORE_COMPUTED_WEEK, parameters.addValue("figures", figures));
            }
        }
        return written;
    }

    /**
     * Refreshes the planner's statistics of usage.org_weeks, which {@link #read} joins with itself right after
     * {@link #store} wrote up to two rows per org: with the statistics of a table that was (nearly) empty, the
     * planner chose a nested loop, and reading a first report of 100,000 orgs took minutes instead of a second.
     * Without ownership of the table PostgreSQL skips it with a warning.
     */
    void analyze() {
        jdbc.getJdbcTemplate().execute(ANALYZE);
    }

    /**
     * The organization a report's {@code org=} names: an existing one by id or slug, or, by id, one deleted since
     * whose stored weeks can still be reported.
     */
    static Optional<UUID> org(JdbcOperations jdbc, String idOrSlug) {
        Optional<UUID> found = new OrganizationLookup(jdbc).find(idOrSlug).map(OrganizationLookup.Organization::id);
        UUID id = OrganizationLookup.uuid(idOrSlug);
        if (found.isPresent() || id == null) {
            return found;
        }
        return new NamedParameterJdbcTemplate(jdbc).queryForList(STORED_ORG, Map.of("id", id), UUID.class).stream()
                .findFirst();
    }

    List<OrgUsage> read(IsoWeek week, UUID orgId) {
        return jdbc.query(READ_WEEK, new MapSqlParameterSource()
                .addValue("week_start", week.monday())
                .addValue("previous_start", week.previous().monday())
                .addValue("org_id", orgId), (row, n) -> orgUsage(row));
    }

    private static OrgUsage orgUsage(ResultSet row) throws SQLException {
        return new OrgUsage(row.getObject("org_id", UUID.class), row.getString("slug"), row.getString("name"),
                row.getLong("total_runs"), nullableLong(row, "previous_runs"), row.getLong("completed_runs"),
                row.getLong("failed_runs"), row.getLong("scored_runs"), row.getBigDecimal("avg_overall_score"),
                row.getBigDecimal("previous_avg_overall_score"), row.getLong("export_ready_runs"),
                row.getLong("bundles"), row.getLong("active_users"), nullableLong(row, "previous_active_users"),
                row.getLong("total_tokens"), nullableLong(row, "previous_tokens"),
                row.getBigDecimal("avg_duration_ms"), row.getBigDecimal("p95_duration_ms"),
                longs(row.getArray("runs_per_day")), row.getBoolean("complete"),
                row.getObject("computed_at", OffsetDateTime.class));
    }

    private static String load(String file) {
        return SqlResources.statement(WeeklyUsage.class, file);
    }

    private static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    private static long[] longs(Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        long[] result = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = ((Number) values[i]).longValue();
        }
        return result;
    }

}

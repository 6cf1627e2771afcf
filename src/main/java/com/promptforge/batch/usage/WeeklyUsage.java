package com.promptforge.batch.usage;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The per-organization weekly figures: computed once per org and week into usage.org_weeks (018), read back
 * from there with the week before beside them, so a week stays reportable after its runs are deleted.
 */
final class WeeklyUsage {

    /**
     * Computes and stores the figures of one week for the organizations :org_ids, except where a complete
     * row is already stored: a complete week is never recomputed. A row computed before the week ended is
     * recomputed. get_org_run_stats_between per org with a run or a bundle in the week (zeros for the others),
     * runs per day per org from the runs_org_created_idx index.
     */
    static final String STORE_WEEK = """
            insert into usage.org_weeks (week_start, org_id, org_slug, org_name, total_runs, completed_runs,
                                         failed_runs, scored_runs, avg_overall_score, export_ready_runs, bundles,
                                         active_users, total_tokens, avg_duration_ms, p95_duration_ms, runs_per_day,
                                         complete, computed_at, job_execution_id)
            select :week_start, o.id, o.slug, o.name, s.total_runs, s.completed_runs, s.failed_runs, s.scored_runs,
                   s.avg_overall_score, s.export_ready_runs, s.bundles, s.active_users, s.total_tokens,
                   s.avg_duration_ms, s.p95_duration_ms, d.runs_per_day,
                   -- final only once the week is over
                   :week_end <= now(), now(), :job_execution_id
              from public.organizations o
             cross join lateral (
                   select exists (select 1 from public.runs x where x.org_id = o.id and x.created_at >= :week_begin
                                     and x.created_at < :week_end)
                          or exists (select 1 from public.bundles b where b.org_id = o.id
                                        and b.created_at >= :week_begin and b.created_at < :week_end) as active) a
             -- an org without a run or a bundle in the week (no score either: scores go by their run's time) gets
             -- the function's row of zeros without a call
             cross join lateral (
                   select f.* from public.get_org_run_stats_between(o.id, :week_begin, :week_end) f where a.active
                   union all
                   select 0, 0, 0, 0, null, 0, 0, 0, 0, null, null where not a.active) s
             cross join lateral (
                   -- runs per day, Monday first; days without runs are 0
                   select array_agg(coalesce(r.runs, 0) order by g.day) as runs_per_day
                     from generate_series(0, 6) as g(day)
                     left join (select (floor(extract(epoch from (x.created_at - :week_begin)) / 86400))::int as day,
                                       count(*) as runs
                                  from public.runs x
                                 where x.org_id = o.id and x.created_at >= :week_begin and x.created_at < :week_end
                                 group by 1) r on r.day = g.day) d
             where o.id in (:org_ids)
               and not exists (select 1 from usage.org_weeks w
                                where w.week_start = :week_start and w.org_id = o.id and w.complete)
            on conflict (week_start, org_id) do update
               set org_slug = excluded.org_slug, org_name = excluded.org_name, total_runs = excluded.total_runs,
                   completed_runs = excluded.completed_runs, failed_runs = excluded.failed_runs,
                   scored_runs = excluded.scored_runs, avg_overall_score = excluded.avg_overall_score,
                   export_ready_runs = excluded.export_ready_runs, bundles = excluded.bundles,
                   active_users = excluded.active_users, total_tokens = excluded.total_tokens,
                   avg_duration_ms = excluded.avg_duration_ms, p95_duration_ms = excluded.p95_duration_ms,
                   runs_per_day = excluded.runs_per_day, complete = excluded.complete,
                   computed_at = excluded.computed_at, job_execution_id = excluded.job_execution_id
            """;

    /**
     * The stored week beside the week before, busiest first. Slug and name are the org's current ones
     * (joined here, not looked up per row), or the stored ones when the org is gone.
     */
    static final String READ_WEEK = """
            select w.org_id, coalesce(o.slug, w.org_slug) as slug, coalesce(o.name, w.org_name) as name,
                   w.total_runs, p.total_runs as previous_runs, w.completed_runs, w.failed_runs, w.scored_runs,
                   w.avg_overall_score, p.avg_overall_score as previous_avg_overall_score, w.export_ready_runs,
                   w.bundles, w.active_users, p.active_users as previous_active_users, w.total_tokens,
                   p.total_tokens as previous_tokens, w.avg_duration_ms, w.p95_duration_ms, w.runs_per_day,
                   w.complete, w.computed_at
              from usage.org_weeks w
              left join public.organizations o on o.id = w.org_id
              left join usage.org_weeks p on p.org_id = w.org_id and p.week_start = :previous_start
             where w.week_start = :week_start
               and (cast(:org_id as uuid) is null or w.org_id = :org_id)
             order by w.total_runs desc, 2, w.org_id
            """;

    /** Orgs per statement that stores a week: bounds the database's memory (see {@link #store}). */
    static final int ORGS_PER_STATEMENT = 500;

    private final NamedParameterJdbcTemplate jdbc;
    private final int orgsPerStatement;

    WeeklyUsage(NamedParameterJdbcTemplate jdbc) {
        this(jdbc, ORGS_PER_STATEMENT);
    }

    WeeklyUsage(NamedParameterJdbcTemplate jdbc, int orgsPerStatement) {
        this.jdbc = jdbc;
        this.orgsPerStatement = orgsPerStatement;
    }

    /**
     * Stores the week's figures where they are not final yet, for one org or every org; returns the rows written.
     * Every org is done {@value #ORGS_PER_STATEMENT} orgs per statement: PostgreSQL keeps part of what each call
     * of get_org_run_stats_between allocates (its p95 is an ordered-set aggregate) until the statement that calls
     * it ends: one backend grew by 40 MB over 200,000 calls for small orgs (PostgreSQL 15), and one grouped
     * statement of the same figures over 100,000 orgs and two weeks (the benchmark's reference) grew past 20 GB
     * and was killed by the kernel. A slice of orgs bounds what one statement can hold.
     */
    int store(IsoWeek week, UUID orgId, Long jobExecutionId) {
        List<UUID> orgs = orgId != null ? List.of(orgId)
                : jdbc.queryForList("select id from public.organizations order by id", Map.of(), UUID.class);
        int written = 0;
        for (int from = 0; from < orgs.size(); from += orgsPerStatement) {
            written += jdbc.update(STORE_WEEK, new MapSqlParameterSource()
                    .addValue("week_start", week.monday())
                    .addValue("week_begin", week.start())
                    .addValue("week_end", week.end())
                    .addValue("org_ids", orgs.subList(from, Math.min(orgs.size(), from + orgsPerStatement)))
                    .addValue("job_execution_id", jobExecutionId));
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
        jdbc.getJdbcTemplate().execute("analyze usage.org_weeks");
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

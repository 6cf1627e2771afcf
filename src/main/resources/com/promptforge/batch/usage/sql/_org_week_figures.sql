-- Shared part (included, not run alone) of org_weeks_store.sql and org_weeks_compute.sql: one row per organization
-- of :org_ids whose week :week_start (runs in [:week_begin, :week_end)) is not stored complete yet, with its
-- figures: get_org_run_stats_between per org with a run or a bundle in the week, runs per day per org from the
-- runs_org_created_idx index.
select o.id as org_id, o.slug as org_slug, o.name as org_name, s.total_runs, s.completed_runs, s.failed_runs,
       s.scored_runs, s.avg_overall_score, s.export_ready_runs, s.bundles, s.active_users, s.total_tokens,
       s.avg_duration_ms, s.p95_duration_ms, d.runs_per_day
  from public.organizations o
 cross join lateral (
       select exists (select 1 from public.runs x
                       where x.org_id = o.id and x.created_at >= :week_begin and x.created_at < :week_end)
              or exists (select 1 from public.bundles b
                          where b.org_id = o.id and b.created_at >= :week_begin and b.created_at < :week_end)
              as active) a
 -- an org without a run or a bundle in the week (so without a score: scores count by their run's time) gets the
 -- function's row of zeros without a call
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
   -- on a replica behind the primary the complete row may be missing: the store keeps the primary's then
   and not exists (select 1 from usage.org_weeks w
                    where w.week_start = :week_start and w.org_id = o.id and w.complete)

-- Computes and stores the figures of one ISO week (:week_start, the Monday; runs in [:week_begin, :week_end)) for
-- the organizations :org_ids, recording :job_execution_id, except where a complete row is already stored: a
-- complete week is never recomputed, a row computed before the week ended is. get_org_run_stats_between per org
-- with a run or a bundle in the week, runs per day per org from the runs_org_created_idx index. Run per slice of
-- orgs (WeeklyUsage.store says why).
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

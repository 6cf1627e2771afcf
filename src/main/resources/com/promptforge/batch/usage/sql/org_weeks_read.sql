-- The stored week :week_start beside the week before (:previous_start), one row per org (:org_id, or every org when
-- null), busiest first. Slug and name are the org's current ones (joined here, not looked up per row), or the
-- stored ones when the org is gone.
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

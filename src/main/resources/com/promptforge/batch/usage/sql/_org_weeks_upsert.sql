-- Shared part (included, not run alone) of org_weeks_store.sql and org_weeks_store_computed.sql: how a week's row
-- is stored over an earlier one. A complete week is never recomputed: a complete row already stored is kept as it
-- is; a row computed before the week ended is replaced.
on conflict (week_start, org_id) do update
   set org_slug = excluded.org_slug, org_name = excluded.org_name, total_runs = excluded.total_runs,
       completed_runs = excluded.completed_runs, failed_runs = excluded.failed_runs,
       scored_runs = excluded.scored_runs, avg_overall_score = excluded.avg_overall_score,
       export_ready_runs = excluded.export_ready_runs, bundles = excluded.bundles,
       active_users = excluded.active_users, total_tokens = excluded.total_tokens,
       avg_duration_ms = excluded.avg_duration_ms, p95_duration_ms = excluded.p95_duration_ms,
       runs_per_day = excluded.runs_per_day, complete = excluded.complete,
       computed_at = excluded.computed_at, job_execution_id = excluded.job_execution_id
 where not usage.org_weeks.complete

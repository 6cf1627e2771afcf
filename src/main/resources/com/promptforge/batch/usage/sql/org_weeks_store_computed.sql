-- Stores the figures org_weeks_compute.sql computed on the read replica (:figures, its JSON array) as the week
-- :week_start of each org, recording :job_execution_id; final (complete) when the week is over (:week_end).
insert into usage.org_weeks (week_start, org_id, org_slug, org_name, total_runs, completed_runs,
                             failed_runs, scored_runs, avg_overall_score, export_ready_runs, bundles,
                             active_users, total_tokens, avg_duration_ms, p95_duration_ms, runs_per_day,
                             complete, computed_at, job_execution_id)
select :week_start, f.org_id, f.org_slug, f.org_name, f.total_runs, f.completed_runs, f.failed_runs, f.scored_runs,
       f.avg_overall_score, f.export_ready_runs, f.bundles, f.active_users, f.total_tokens,
       f.avg_duration_ms, f.p95_duration_ms, f.runs_per_day,
       -- final only once the week is over
       :week_end <= now(), now(), :job_execution_id
  from jsonb_to_recordset(cast(:figures as jsonb))
       as f(org_id uuid, org_slug text, org_name text, total_runs bigint, completed_runs bigint, failed_runs bigint,
            scored_runs bigint, avg_overall_score numeric, export_ready_runs bigint, bundles bigint,
            active_users bigint, total_tokens bigint, avg_duration_ms numeric, p95_duration_ms numeric,
            runs_per_day bigint[])
-- include: _org_weeks_upsert.sql

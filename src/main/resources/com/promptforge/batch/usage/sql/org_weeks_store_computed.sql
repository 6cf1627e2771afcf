-- Stores the figures org_weeks_compute.sql computed on the read replica (:figures, its JSON array) as the week
-- :week_start of each org, recording :job_execution_id; final (complete) when the week is over (:week_end).
-- include: _org_weeks_insert.sql
  from jsonb_to_recordset(cast(:figures as jsonb))
       as f(org_id uuid, org_slug text, org_name text, total_runs bigint, completed_runs bigint, failed_runs bigint,
            scored_runs bigint, avg_overall_score numeric, export_ready_runs bigint, bundles bigint,
            active_users bigint, total_tokens bigint, avg_duration_ms numeric, p95_duration_ms numeric,
            runs_per_day bigint[])
-- include: _org_weeks_upsert.sql

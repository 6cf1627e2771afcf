-- Computes and stores the figures of one ISO week (:week_start, the Monday; runs in [:week_begin, :week_end)) for
-- the organizations :org_ids, recording :job_execution_id, except where a complete row is already stored: a
-- complete week is never recomputed, a row computed before the week ended is. One statement where the figures are
-- read on the primary (no PF_READ_DB_URL); with a read replica, org_weeks_compute.sql there and
-- org_weeks_store_computed.sql here. Run per slice of orgs (WeeklyUsage.store says why).
insert into usage.org_weeks (week_start, org_id, org_slug, org_name, total_runs, completed_runs,
                             failed_runs, scored_runs, avg_overall_score, export_ready_runs, bundles,
                             active_users, total_tokens, avg_duration_ms, p95_duration_ms, runs_per_day,
                             complete, computed_at, job_execution_id)
select :week_start, f.org_id, f.org_slug, f.org_name, f.total_runs, f.completed_runs, f.failed_runs, f.scored_runs,
       f.avg_overall_score, f.export_ready_runs, f.bundles, f.active_users, f.total_tokens,
       f.avg_duration_ms, f.p95_duration_ms, f.runs_per_day,
       -- final only once the week is over
       :week_end <= now(), now(), :job_execution_id
  from (
-- include: _org_week_figures.sql
       ) f
-- include: _org_weeks_upsert.sql

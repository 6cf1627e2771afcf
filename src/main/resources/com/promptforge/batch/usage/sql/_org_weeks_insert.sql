-- Shared part (included, not run alone) of org_weeks_store.sql and org_weeks_store_computed.sql: the insert of a
-- week's rows and their values, from the figures f that each statement's "from" gives (computed here, or read from
-- the replica's JSON), final (complete) only once the week is over (:week_end).
insert into usage.org_weeks (week_start, org_id, org_slug, org_name, total_runs, completed_runs,
                             failed_runs, scored_runs, avg_overall_score, export_ready_runs, bundles,
                             active_users, total_tokens, avg_duration_ms, p95_duration_ms, runs_per_day,
                             complete, computed_at, job_execution_id)
select :week_start, f.org_id, f.org_slug, f.org_name, f.total_runs, f.completed_runs, f.failed_runs, f.scored_runs,
       f.avg_overall_score, f.export_ready_runs, f.bundles, f.active_users, f.total_tokens,
       f.avg_duration_ms, f.p95_duration_ms, f.runs_per_day,
       -- final only once the week is over
       :week_end <= now(), now(), :job_execution_id

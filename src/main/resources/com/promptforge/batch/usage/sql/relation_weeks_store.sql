-- Stores this week's estimates of every table and index of the schemas :maintained (usage.table_estimates and
-- usage.index_estimates, 020) as the week :weekStart; a later report of the same week replaces them. Live
-- rows are pg_class.reltuples (as of the last VACUUM / ANALYZE, like the sizes).
-- Parameters: :weekStart, :maintained, :jobExecutionId.
insert into usage.relation_weeks (week_start, schema_name, relation_name, kind, table_name, total_bytes,
                                  bloat_bytes, live_rows, dead_rows, measured_at, job_execution_id)
select cast(:weekStart as date), t.schema_name, t.table_name, 'table', t.table_name,
       t.table_bytes + t.index_bytes + t.toast_bytes, t.bloat_bytes, t.live_rows_estimate, t.dead_rows, now(),
       cast(:jobExecutionId as bigint)
  from usage.table_estimates t
 where t.schema_name in (:maintained)
union all
select cast(:weekStart as date), i.schema_name, i.index_name, 'index', i.table_name, i.index_bytes, i.bloat_bytes, null, null,
       now(), cast(:jobExecutionId as bigint)
  from usage.index_estimates i
 where i.schema_name in (:maintained)
on conflict (week_start, schema_name, relation_name, kind) do update
   set table_name = excluded.table_name, total_bytes = excluded.total_bytes, bloat_bytes = excluded.bloat_bytes,
       live_rows = excluded.live_rows, dead_rows = excluded.dead_rows, measured_at = excluded.measured_at,
       job_execution_id = excluded.job_execution_id

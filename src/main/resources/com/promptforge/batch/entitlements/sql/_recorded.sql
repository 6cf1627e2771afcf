-- Shared part (included, not run alone) of changes_recorded_by_job_instance.sql and
-- change_groups_recorded_by_job_instance.sql: the result CTE of what the executions of the job instance
-- :jobInstanceId recorded, in the shape of _apply.sql's.
with result as (
  select 'change' as row_type, c.org_id, c.user_id, c.flag, c.source, c.source_ref, c.kind,
         c.old_value, c.new_value, c.old_valid_from, c.old_valid_until, c.new_valid_from, c.new_valid_until,
         c.changed_at as at, null::text as reason
    from public.entitlement_changes c
   where c.job_instance_id = :jobInstanceId
  union all
  select 'skip', s.org_id, null, null, null, null, null,
         null, null, null, null, null, null,
         s.skipped_at, s.reason
    from public.entitlement_sync_skips s
   where s.job_instance_id = :jobInstanceId
)

-- What earlier executions of the job instance :jobInstanceId recorded, in the shape of apply_chunk_changes.sql's
-- result: a restarted run's report starts with what the killed execution committed.
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
-- include: _named_result.sql

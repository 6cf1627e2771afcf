-- Shared part (included, not run alone) of apply_chunk_changes.sql and apply_chunk_changes_grouped.sql, after
-- _reconcile.sql: writes the chunk's differences to public.entitlements, records each change and skip
-- (entitlement_changes, entitlement_sync_skips, with :jobInstanceId and :jobExecutionId), and ends with the result
-- CTE of what it recorded, one row per change ('change') or skipped org ('skip').
,
removed as (
  delete from public.entitlements e
   using diff d
   where d.kind = 'removed' and e.id = d.entitlement_id
),
updated as (
  update public.entitlements e
     set value = d.new_value, valid_from = d.new_valid_from, valid_until = d.new_valid_until
    from diff d
   where d.kind = 'updated' and e.id = d.entitlement_id
),
added as (
  insert into public.entitlements (org_id, user_id, flag, value, source, source_ref, valid_from, valid_until)
  select d.org_id, d.user_id, d.flag, d.new_value, d.source, d.source_ref, d.new_valid_from, d.new_valid_until
    from diff d
   where d.kind = 'added'
),
logged as (
  insert into public.entitlement_changes (org_id, user_id, flag, source, source_ref, kind,
                                          old_value, new_value, old_valid_from, old_valid_until,
                                          new_valid_from, new_valid_until, job_instance_id, job_execution_id)
  select d.org_id, d.user_id, d.flag, d.source, d.source_ref, d.kind,
         d.old_value, d.new_value, d.old_valid_from, d.old_valid_until,
         d.new_valid_from, d.new_valid_until, :jobInstanceId, :jobExecutionId
    from diff d
  returning *
),
recorded_skip as (
  insert into public.entitlement_sync_skips (org_id, reason, job_instance_id, job_execution_id)
  select k.org_id, k.reason, :jobInstanceId, :jobExecutionId
    from skipped k
  returning *
)
,
result as (
  select 'change' as row_type, l.org_id, l.user_id, l.flag, l.source, l.source_ref, l.kind,
         l.old_value, l.new_value, l.old_valid_from, l.old_valid_until, l.new_valid_from, l.new_valid_until,
         l.changed_at as at, null::text as reason
    from logged l
  union all
  select 'skip', s.org_id, null, null, null, null, null,
         null, null, null, null, null, null,
         s.skipped_at, s.reason
    from recorded_skip s
)

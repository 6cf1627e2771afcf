-- Dry run: the changes and skips the chunk (:orgIds, uuid[]) would make with :graceDays days of grace for
-- past_due subscriptions; nothing written. Read first for every chunk: most chunks have nothing to change.
-- include: _reconcile.sql
,
result as (
  select 'change' as row_type, d.org_id, d.user_id, d.flag, d.source, d.source_ref, d.kind,
         d.old_value, d.new_value, d.old_valid_from, d.old_valid_until, d.new_valid_from, d.new_valid_until,
         now() as at, null::text as reason
    from diff d
  union all
  select 'skip', k.org_id, null, null, null, null, null,
         null, null, null, null, null, null,
         now(), k.reason
    from skipped k
)
-- include: _named_result.sql

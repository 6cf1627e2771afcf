-- Replication slots that are not in use, or that hold back at least :slotRetainedWalWarningBytes of WAL
-- (critical from :slotRetainedWalCriticalBytes, or when the server already marked the WAL lost): a slot keeps
-- every WAL segment its consumer has not confirmed, until the disk is full, and a logical slot also keeps
-- vacuum from removing dead catalog rows. Parameters: :slotRetainedWalWarningBytes, :slotRetainedWalCriticalBytes.
with slots as (
  select s.slot_name, s.slot_type, s.database, s.active, s.wal_status,
         pg_wal_lsn_diff(case when pg_is_in_recovery() then pg_last_wal_replay_lsn() else pg_current_wal_lsn() end,
                         s.restart_lsn)::bigint as retained_bytes
    from pg_replication_slots s
)
select case when s.wal_status in ('lost', 'unreserved') or coalesce(s.retained_bytes, 0) >= :slotRetainedWalCriticalBytes
            then 'critical' else 'warning' end as severity,
       format('replication slot %s', s.slot_name) as object_name,
       format('%s slot%s, %s, retains %s of WAL (wal_status %s)', s.slot_type,
              coalesce(' of database ' || s.database, ''), case when s.active then 'in use' else 'not in use' end,
              coalesce(pg_size_pretty(s.retained_bytes), 'no'), coalesce(s.wal_status, '-')) as evidence,
       format('SELECT pg_drop_replication_slot(%L);  -- once its consumer is gone for good', s.slot_name)
         as recommendation
  from slots s
 where not s.active or coalesce(s.retained_bytes, 0) >= :slotRetainedWalWarningBytes
 order by s.retained_bytes desc nulls last, s.slot_name

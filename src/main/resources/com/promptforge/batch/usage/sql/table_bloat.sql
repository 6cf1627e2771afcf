-- Tables whose heap holds at least :bloatMinBytes and :bloatMinShare of its pages beyond what the live rows
-- need (usage.table_estimates, 020: an estimate from pg_class and pg_stats, no table read). Dead space is
-- reused by later writes, but a table that stays this bloated is read slower and backed up bigger.
-- Parameters: :maintained, :bloatMinBytes, :bloatMinShare.
select 'warning' as severity, format('%I.%I', e.schema_name, e.table_name) as object_name,
       format('estimated bloat %s of %s (%s%%); %s live rows, %s dead; last vacuum %s',
              pg_size_pretty(e.bloat_bytes), pg_size_pretty(e.table_bytes),
              round(100.0 * e.bloat_bytes / e.table_bytes), e.live_rows_estimate, coalesce(e.dead_rows, 0),
              coalesce(to_char(greatest(e.last_vacuum, e.last_autovacuum) at time zone 'UTC',
                               'YYYY-MM-DD HH24:MI "UTC"'), 'never')) as evidence,
       format('VACUUM (ANALYZE) %I.%I;  -- makes the space reusable; to give it back: pg_repack, or VACUUM FULL '
              || '(ACCESS EXCLUSIVE lock for the whole rewrite)', e.schema_name, e.table_name) as recommendation
  from usage.table_estimates e
 where e.schema_name in (:maintained)
   and e.bloat_bytes >= :bloatMinBytes
   and e.bloat_bytes >= :bloatMinShare * e.table_bytes
 order by e.bloat_bytes desc

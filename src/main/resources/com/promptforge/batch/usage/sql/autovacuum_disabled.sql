-- Autovacuum switched off: for the whole server (critical: nothing is vacuumed or frozen but by hand), or for a
-- table with autovacuum_enabled = false (its dead rows pile up and it is only frozen by force).
-- Parameters: :maintained.
select 'critical' as severity, 'server setting autovacuum' as object_name,
       'autovacuum = off: no table is vacuumed, analyzed or frozen unless someone does it by hand' as evidence,
       'ALTER SYSTEM SET autovacuum = on; SELECT pg_reload_conf();' as recommendation
 where not current_setting('autovacuum')::boolean
union all
select 'warning', format('%I.%I', n.nspname, c.relname),
       format('autovacuum_enabled = false (%s); %s dead rows, %s modified since the last analyze; last vacuum %s',
              array_to_string(c.reloptions, ', '), coalesce(t.n_dead_tup, 0), coalesce(t.n_mod_since_analyze, 0),
              coalesce(to_char(greatest(t.last_vacuum, t.last_autovacuum) at time zone 'UTC',
                               'YYYY-MM-DD HH24:MI "UTC"'), 'never')),
       format('ALTER TABLE %I.%I RESET (autovacuum_enabled);  -- then VACUUM (ANALYZE) %I.%I;',
              n.nspname, c.relname, n.nspname, c.relname)
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
  left join pg_stat_all_tables t on t.relid = c.oid
 where n.nspname in (:maintained) and c.relkind in ('r', 'm')
   and exists (select 1 from pg_options_to_table(c.reloptions) o
                    where o.option_name = 'autovacuum_enabled' and not o.option_value::boolean)

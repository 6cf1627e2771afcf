-- Tables with at least :deadRowsMin dead rows making up :deadRowsMinShare of their rows: vacuum is not keeping
-- up (or cannot: an old transaction or replication slot holds them). Parameters: :maintained, :deadRowsMin,
-- :deadRowsMinShare.
select 'warning' as severity, format('%I.%I', t.schemaname, t.relname) as object_name,
       format('%s dead rows beside %s live (%s%%); last vacuum %s, last autovacuum %s; autovacuum %s',
              t.n_dead_tup, t.n_live_tup, round(100.0 * t.n_dead_tup / (t.n_live_tup + t.n_dead_tup)),
              coalesce(to_char(t.last_vacuum at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'), 'never'),
              coalesce(to_char(t.last_autovacuum at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'), 'never'),
              case when exists (select 1 from pg_options_to_table(c.reloptions) o
                    where o.option_name = 'autovacuum_enabled' and not o.option_value::boolean)
                   then 'off for this table' else 'on' end) as evidence,
       format('VACUUM (ANALYZE, VERBOSE) %I.%I;', t.schemaname, t.relname) as recommendation
  from pg_stat_all_tables t
  join pg_class c on c.oid = t.relid
 where t.schemaname in (:maintained)
   and t.n_dead_tup >= :deadRowsMin
   and t.n_dead_tup >= :deadRowsMinShare * (t.n_live_tup + t.n_dead_tup)
 order by t.n_dead_tup desc

-- Tables changed a lot since the planner's statistics were last gathered: at least :staleMinModifiedRows rows
-- and :staleMinModifiedShare of the table modified since the last ANALYZE, which is :staleMinDays days old or
-- never ran. Stale statistics give bad plans. Parameters: :maintained, :staleMinModifiedRows,
-- :staleMinModifiedShare, :staleMinDays.
select 'warning' as severity, format('%I.%I', t.schemaname, t.relname) as object_name,
       format('%s rows modified since the last analyze (%s live rows); last analyze %s, last autoanalyze %s',
              t.n_mod_since_analyze, t.n_live_tup,
              coalesce(to_char(t.last_analyze at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'), 'never'),
              coalesce(to_char(t.last_autoanalyze at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'), 'never'))
         as evidence,
       format('ANALYZE %I.%I;', t.schemaname, t.relname) as recommendation
  from pg_stat_all_tables t
 where t.schemaname in (:maintained)
   and t.n_mod_since_analyze >= :staleMinModifiedRows
   and t.n_mod_since_analyze >= :staleMinModifiedShare * greatest(t.n_live_tup, 1)
   and coalesce(greatest(t.last_analyze, t.last_autoanalyze), '-infinity') < now() - make_interval(days => :staleMinDays)
 order by t.n_mod_since_analyze desc

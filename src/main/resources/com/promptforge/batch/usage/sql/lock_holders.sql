-- After a check gave up on a lock (lock_timeout): the relations of the schemas checked that other sessions hold
-- in a mode that keeps readers out (ACCESS EXCLUSIVE), who holds each, since when, and who waits for it.
-- Parameters: :maintained.
select format('%I.%I', n.nspname, c.relname) as relation_name, l.pid, a.usename as role_name,
       coalesce(nullif(a.application_name, ''), '-') as application, a.state, a.xact_start, left(a.query, 200) as query,
       (select string_agg(w.pid::text, ', ' order by w.pid) from pg_stat_activity w
         where l.pid = any (pg_blocking_pids(w.pid))) as waiting_pids
  from pg_locks l
  join pg_class c on c.oid = l.relation
  join pg_namespace n on n.oid = c.relnamespace
  left join pg_stat_activity a on a.pid = l.pid
 where l.granted and l.mode = 'AccessExclusiveLock' and l.pid <> pg_backend_pid()
   and l.database = (select oid from pg_database where datname = current_database())
   and n.nspname in (:maintained)
 order by a.xact_start, 1

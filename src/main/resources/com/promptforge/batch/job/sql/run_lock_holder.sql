-- The application_name of the session holding the run lock :key ("pf-lock <job> <host>:<pid>"), when visible.
-- Advisory locks taken with one bigint key show it as classid (high 32 bits) and objid (low 32 bits), objsubid 1.
select a.application_name
  from pg_catalog.pg_locks l
  join pg_catalog.pg_stat_activity a on a.pid = l.pid
 where l.locktype = 'advisory' and l.granted and l.objsubid = 1
   and l.database = (select oid from pg_catalog.pg_database where datname = current_database())
   and ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended(:key, 0)

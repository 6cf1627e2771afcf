-- The schema pg_stat_statements is installed in (no row: not installed in this database).
select n.nspname from pg_catalog.pg_extension e
  join pg_catalog.pg_namespace n on n.oid = e.extnamespace
 where e.extname = 'pg_stat_statements'

-- Indexes left invalid by a failed CREATE INDEX CONCURRENTLY: maintained on every write, never used.
-- Parameters: :schemas.
select 'warning' as severity, format('%I.%I', n.nspname, c.relname) as object_name,
       format('invalid index: %s', pg_get_indexdef(x.indexrelid)) as evidence,
       format('REINDEX INDEX CONCURRENTLY %I.%I;', n.nspname, c.relname) as recommendation
  from pg_index x
  join pg_class c on c.oid = x.indexrelid
  join pg_namespace n on n.oid = c.relnamespace
 where n.nspname in (:schemas) and not x.indisvalid
 order by 2

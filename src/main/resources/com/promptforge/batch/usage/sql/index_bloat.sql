-- B-tree indexes with at least :bloatMinBytes and :bloatMinShare of their pages beyond what their entries need
-- (usage.index_estimates, 020: an estimate, no index read). Parameters: :maintained, :bloatMinBytes,
-- :bloatMinShare.
select 'warning' as severity, format('%I.%I', e.schema_name, e.index_name) as object_name,
       format('estimated bloat %s of %s (%s%%), on table %I.%I', pg_size_pretty(e.bloat_bytes),
              pg_size_pretty(e.index_bytes), round(100.0 * e.bloat_bytes / e.index_bytes), e.schema_name,
              e.table_name) as evidence,
       format('REINDEX INDEX CONCURRENTLY %I.%I;', e.schema_name, e.index_name) as recommendation
  from usage.index_estimates e
 where e.schema_name in (:maintained)
   and e.bloat_bytes >= :bloatMinBytes
   and e.bloat_bytes >= :bloatMinShare * e.index_bytes
 order by e.bloat_bytes desc

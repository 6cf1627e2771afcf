-- Every index of the schemas checked (:schemas), biggest first, for the Index usage sheet.
select i.schemaname, i.relname, i.indexrelname, pg_relation_size(i.indexrelid) as size_bytes,
       i.idx_scan, i.idx_tup_read, x.indisunique, x.indisprimary, x.indisvalid,
       pg_get_indexdef(i.indexrelid) as definition
  from pg_stat_user_indexes i
  join pg_index x on x.indexrelid = i.indexrelid
 where i.schemaname in (:schemas)
 order by size_bytes desc, 1, 2, 3

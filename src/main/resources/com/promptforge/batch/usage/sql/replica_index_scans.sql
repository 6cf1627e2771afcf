-- The read replica's own index scans (pg_stat_user_indexes counts each server's scans only), read on the replica
-- and handed to unused_indexes.sql on the primary.
select i.schemaname, i.indexrelname, i.idx_scan
  from pg_catalog.pg_stat_user_indexes i

-- Indexes never scanned since the statistics began (last reset, else the server's start), at least
-- :unusedIndexMinBytes big. Primary keys, unique indexes and indexes backing a constraint stay: they enforce
-- something. A warning only once the statistics are :statisticsMinDays days old; before, info ("too young").
-- With a read replica (PF_READ_DB_URL), whose pg_stat_user_indexes counts only its own scans, an index its readers
-- scan is used too: its scans come as :replicaSchemas, :replicaIndexes, :replicaScans (arrays side by side, read
-- there) and :replicaSince, when its statistics began (null: no replica; empty arrays).
-- Parameters: :schemas, :unusedIndexMinBytes, :statisticsMinDays, :replicaSchemas, :replicaIndexes, :replicaScans,
-- :replicaSince.
select case when now() - s.since >= make_interval(days => :statisticsMinDays)
            then 'warning' else 'info' end as severity,
       format('%I.%I', i.schemaname, i.indexrelname) as object_name,
       format('0 scans since %s%s (statistics %s old%s); %s, on table %I.%I',
              to_char(s.since at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'),
              case when cast(:replicaSince as timestamptz) is not null
                   then ' on the primary and on the read replica' else '' end,
              case when now() - s.since >= interval '1 day'
                   then floor(extract(epoch from now() - s.since) / 86400) || ' days'
                   else round(extract(epoch from now() - s.since) / 3600.0, 1) || ' hours' end,
              case when now() - s.since < make_interval(days => :statisticsMinDays)
                   then ': too young to be sure' else '' end,
              pg_size_pretty(pg_relation_size(i.indexrelid)), i.schemaname, i.relname)
         as evidence,
       format('DROP INDEX CONCURRENTLY %I.%I;', i.schemaname, i.indexrelname) as recommendation
  from pg_stat_user_indexes i
  join pg_index x on x.indexrelid = i.indexrelid
-- since when the statistics have been collected: the last reset, else the server's start; with a replica, the
-- later of its and this server's (greatest ignores a null)
 cross join (select greatest(coalesce((select d.stats_reset from pg_catalog.pg_stat_database d
                                        where d.datname = pg_catalog.current_database()),
                                      pg_catalog.pg_postmaster_start_time()),
                             cast(:replicaSince as timestamptz))) as s(since)
  left join unnest(cast(:replicaSchemas as text[]), cast(:replicaIndexes as text[]),
                   cast(:replicaScans as bigint[])) as r(schemaname, indexrelname, idx_scan)
         on r.schemaname = i.schemaname and r.indexrelname = i.indexrelname
 where i.schemaname in (:schemas)
   and i.idx_scan = 0
   and coalesce(r.idx_scan, 0) = 0
   and not x.indisunique and not x.indisprimary
   and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
   and pg_relation_size(i.indexrelid) >= :unusedIndexMinBytes
 order by pg_relation_size(i.indexrelid) desc, 2

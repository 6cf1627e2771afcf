-- Tables of at least :seqScanMinLiveRows rows whose scans use an index in less than
-- :seqScanMaxIndexUsePercent % of them: missing-index candidates. Parameters: :schemas, :seqScanMinLiveRows,
-- :seqScanMaxIndexUsePercent.
select 'warning' as severity, format('%I.%I', t.schemaname, t.relname) as object_name,
       format('%s sequential scans read %s rows, %s index scans (index used in %s%% of scans); '
              || '%s live rows, %s',
              t.seq_scan, t.seq_tup_read, coalesce(t.idx_scan, 0),
              round(100.0 * coalesce(t.idx_scan, 0) / (t.seq_scan + coalesce(t.idx_scan, 0)), 1),
              t.n_live_tup, pg_size_pretty(pg_relation_size(t.relid))) as evidence,
       format('-- find the statements that filter %I.%I in Query performance, EXPLAIN them, then: '
              || 'CREATE INDEX CONCURRENTLY ON %I.%I (<their filter columns>);',
              t.schemaname, t.relname, t.schemaname, t.relname) as recommendation
  from pg_stat_user_tables t
 where t.schemaname in (:schemas)
   and t.n_live_tup >= :seqScanMinLiveRows
   and t.seq_scan > 0
   and 100 * coalesce(t.idx_scan, 0) < :seqScanMaxIndexUsePercent * (t.seq_scan + coalesce(t.idx_scan, 0))
 order by t.seq_tup_read desc

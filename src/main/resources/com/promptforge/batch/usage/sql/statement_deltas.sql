-- The snapshot :snapshot_id's counters minus those of the baseline :baseline_id (null: none), statements with calls
-- in the period only, by time spent. A statement without a baseline row, with fewer calls than its baseline row
-- (evicted and re-entered), or counted since a reset after the baseline, counts whole.
select c.queryid, c.role_name, c.query,
       c.calls - coalesce(p.calls, 0) as calls,
       c.total_exec_time_ms - coalesce(p.total_exec_time_ms, 0) as total_ms,
       c.rows - coalesce(p.rows, 0) as rows,
       c.shared_blks_hit - coalesce(p.shared_blks_hit, 0) as blocks_hit,
       c.shared_blks_read - coalesce(p.shared_blks_read, 0) as blocks_read,
       c.calls as cumulative_calls, c.total_exec_time_ms as cumulative_ms
  from usage.statement_counters c
  join usage.statement_snapshots cur on cur.id = c.snapshot_id
  left join usage.statement_snapshots b on b.id = :baseline_id
  left join usage.statement_counters p
         on p.snapshot_id = b.id and p.queryid = c.queryid and p.userid = c.userid
        and p.toplevel = c.toplevel and p.calls <= c.calls
        and cur.stats_reset is not distinct from b.stats_reset
 where c.snapshot_id = :snapshot_id
   and c.calls - coalesce(p.calls, 0) > 0
 order by total_ms desc, c.queryid

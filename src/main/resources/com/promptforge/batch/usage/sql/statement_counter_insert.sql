-- Stores one statement's counters in the snapshot :snapshot_id.
insert into usage.statement_counters (snapshot_id, userid, queryid, toplevel, role_name, query, calls,
                                      total_exec_time_ms, rows, shared_blks_hit, shared_blks_read)
values (:snapshot_id, :userid, :queryid, :toplevel, :role_name, :query, :calls, :total_exec_time_ms, :rows,
        :shared_blks_hit, :shared_blks_read)

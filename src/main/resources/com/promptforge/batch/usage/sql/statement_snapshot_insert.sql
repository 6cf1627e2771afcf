-- Records one reading of pg_stat_statements for the week :week_start (:available false: it could not be read, and
-- :note says why); returns the snapshot's id.
insert into usage.statement_snapshots (week_start, job_execution_id, stats_reset, available, note)
values (:week_start, :job_execution_id, :stats_reset, :available, :note)
returning id, taken_at

-- Says that execution :execution of job :job still runs in process :pid on host :host, now (the server's clock).
-- The first beat of an execution inserts its row; every later one moves last_beat. A row another process wrote
-- for the same execution (it cannot run twice at once) is taken over: the latest beat tells who runs it.
insert into batch.job_heartbeats as h (job_execution_id, job_name, host, pid)
values (:execution, :job, :host, :pid)
on conflict (job_execution_id) do update
   set host = excluded.host,
       pid = excluded.pid,
       last_beat = clock_timestamp(),
       -- a beat from the same process keeps its start; one from another process starts anew
       started_at = case when h.host = excluded.host and h.pid = excluded.pid then h.started_at else now() end

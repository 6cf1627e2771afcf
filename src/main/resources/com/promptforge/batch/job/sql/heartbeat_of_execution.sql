-- The heartbeat of execution :execution, if any, with its age on the server's clock (milliseconds), so that the
-- clocks of the hosts do not matter.
select job_execution_id, job_name, host, pid, started_at, last_beat,
       (extract(epoch from clock_timestamp() - last_beat) * 1000)::bigint as age_ms
  from batch.job_heartbeats
 where job_execution_id = :execution

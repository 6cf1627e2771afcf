-- Removes the heartbeat of execution :execution when it ends, only if process :pid on host :host wrote it.
delete from batch.job_heartbeats
 where job_execution_id = :execution and host = :host and pid = :pid

-- The latest delivery to each channel a job notified, newest first: what the jobs command shows.
-- Parameters: :job (the job's name).
select distinct on (d.channel)
       d.channel, d.job_execution_id, d.outcome, d.delivered, d.attempts, d.error, d.attempted_at
  from batch.notification_deliveries d
 where d.job_name = :job
 order by d.channel, d.attempted_at desc, d.id desc

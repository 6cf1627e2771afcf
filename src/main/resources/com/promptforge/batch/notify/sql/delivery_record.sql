-- Records one delivery of an execution's outcome to one notify: channel, delivered or not.
-- Parameters: :job, :execution (job execution id), :outcome ('completed' | 'failed'), :channel (the channel's
-- label, never a webhook's full URL), :delivered, :attempts, :error (null when delivered).
insert into batch.notification_deliveries (job_name, job_execution_id, outcome, channel, delivered, attempts, error)
values (:job, :execution, :outcome, :channel, :delivered, :attempts, :error)

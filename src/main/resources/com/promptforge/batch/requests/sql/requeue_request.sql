-- Puts a claimed request back in the queue, as it was before the claim, when its export did not start (the job
-- was already running elsewhere) or was stopped by a shutdown: the next poll of any process takes it again.
-- Parameters: :id.
update public.audit_export_requests
   set status = 'queued', started_at = null
 where id = :id
   and status = 'running'

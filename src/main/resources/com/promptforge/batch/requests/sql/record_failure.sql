-- Writes a failed export into its request with the one-line reason. Only a running request changes.
-- Parameters: :id, :error.
update public.audit_export_requests
   set status = 'failed', finished_at = now(), error = :error
 where id = :id
   and status = 'running'

-- Fails the requests left running by a process that is gone (killed, crashed, cut off from the database) and
-- returns their ids. Parameters: :reason (the error written into each).
-- The process working on a request holds the request's session advisory lock (claim_next_request.sql); a running
-- request whose lock this statement can take has nobody working on it. The lock taken here is transaction-level:
-- it goes with this statement's transaction.
update public.audit_export_requests r
   set status = 'failed', finished_at = now(), error = :reason
 where r.status = 'running'
   and pg_try_advisory_xact_lock(hashtextextended('promptforge.audit_export_request:' || r.id::text, 0))
returning r.id

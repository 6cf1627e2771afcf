-- Releases this session's advisory lock on one request (taken by claim_next_request.sql) once its outcome is
-- written, before the connection goes back to the pool. Parameters: :id (the request).
select pg_advisory_unlock(hashtextextended('promptforge.audit_export_request:' || cast(:id as text), 0))

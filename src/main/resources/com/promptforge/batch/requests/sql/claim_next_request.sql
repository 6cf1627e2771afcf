-- Claims the oldest queued audit export request for this process: marks it running (started_at = now()) and
-- returns it with its organization's slug. No parameters.
-- FOR UPDATE SKIP LOCKED passes over a request that another process is claiming at this moment, so each request
-- is claimed by one process only.
-- locked: this session now holds the request's advisory lock, taken in the same statement (there is no moment when
-- the request is running and unlocked); it says "a live process works on it" until released
-- (release_request_lock.sql), and fail_abandoned_requests.sql fails a running request whose lock is free.
with next_request as (
  select q.id
    from public.audit_export_requests q
   where q.status = 'queued'
   order by q.created_at, q.id
   limit 1
   for update skip locked
)
update public.audit_export_requests r
   set status = 'running', started_at = now()
  from next_request n, public.organizations o
 where r.id = n.id
   and o.id = r.org_id
returning r.id, r.org_id, o.slug as org_slug, r.period_from, r.period_to, r.started_at,
          pg_try_advisory_lock(hashtextextended('promptforge.audit_export_request:' || r.id::text, 0)) as locked

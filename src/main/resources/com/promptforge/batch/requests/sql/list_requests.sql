-- The latest audit export requests, newest first, with their organization's slug, for the requests command.
-- Parameters: :limit (how many).
select r.id, o.slug as org_slug, r.period_from, r.period_to, r.status, r.created_at, r.finished_at,
       r.report_key, r.error
  from public.audit_export_requests r
  join public.organizations o on o.id = r.org_id
 order by r.created_at desc, r.id desc
 limit :limit

-- The second reference of the entitlement sync's first run: the same projection as entitlement_projection.sql
-- and, in the same statement, the change log row the job records for each row it adds (public.entitlement_changes,
-- kind 'added', as entitlements/sql/_apply.sql writes it), for every org at once. What it adds to the first
-- reference is what the change log costs (a second insert with two indexes and a foreign key checked per row); the
-- job still adds chunks, restart state, skip detection and the workbook.
with projected (org_id, user_id, flag, value, source, source_ref, valid_from, valid_until) as (
-- include: _entitlement_projection.sql
),
added as (
  insert into public.entitlements (org_id, user_id, flag, value, source, source_ref, valid_from, valid_until)
  select * from projected
  on conflict (org_id, user_id, flag, source, source_ref) do nothing
  returning *
)
insert into public.entitlement_changes (org_id, user_id, flag, source, source_ref, kind, new_value, new_valid_from,
                                        new_valid_until, job_instance_id, job_execution_id)
select a.org_id, a.user_id, a.flag, a.source, a.source_ref, 'added', a.value, a.valid_from, a.valid_until, 0, 0
  from added a

-- The reference of the entitlement sync's first run. The same projection as
-- the job computes (entitlements/sql/_reconcile.sql: effective plan with 7 grace days, live grants merged per
-- key), for every org in one INSERT ... SELECT ... ON CONFLICT, without what the job adds: chunks, restart state,
-- the change log, skip detection and the workbook.
insert into public.entitlements (org_id, user_id, flag, value, source, source_ref, valid_from, valid_until)
-- include: _entitlement_projection.sql
on conflict (org_id, user_id, flag, source, source_ref) do nothing

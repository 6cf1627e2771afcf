-- Shared part (included, not run alone): the last select of the statements that return changes. It reads their
-- result CTE, one row per change (row_type 'change') or skipped org ('skip'), and adds the org's slug and name and
-- the user's e-mail beside their ids, for the report, in this order.
select r.*, o.slug as org_slug, o.name as org_name, u.email::text as user_email
  from result r
  -- left: a change of an org deleted since is still reported
  left join public.organizations o on o.id = r.org_id
  -- auth.users: Supabase's users; a database without it finds no user (db.UserEmails)
  left join auth.users u on u.id = r.user_id
 order by r.org_id, r.row_type, r.user_id nulls first, r.flag, r.source, r.source_ref

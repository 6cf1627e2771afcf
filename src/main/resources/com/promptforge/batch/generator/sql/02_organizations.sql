-- generator/02_organizations.sql: organizations and their members (owners, admins, members).
-- Users are ids only (auth.users belongs to Supabase): user k of org n is pf_user(n, k); user 1 owns it.

insert into public.organizations (id, name, slug, created_by, created_at, updated_at)
select o.id, o.name, o.slug, o.owner_id, o.created_at, o.created_at
  from gen_org o
 order by o.n;

-- with triggers on, 002's trigger has already made created_by an owner: that row is left as it is
insert into public.org_members (org_id, user_id, role, created_at, updated_at)
select o.id,
       pg_temp.pf_user(o.n, k),
       case
         when k = 1 then 'owner'
         -- a co-owner in a fifth of the orgs of six or more
         when k = 2 and o.members >= 6 and pg_temp.pf_u(o.n, 8) < 0.2 then 'owner'
         -- about one admin in seven members
         when k <= 1 + ceil(o.members / 7.0) then 'admin'
         else 'member'
       end,
       o.created_at + (k - 1) * interval '3 days',
       o.created_at + (k - 1) * interval '3 days'
  from gen_org o
 cross join lateral generate_series(1, o.members) as k
 order by o.n, k
on conflict (org_id, user_id) do nothing;

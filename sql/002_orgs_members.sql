-- 002_orgs_members.sql
--
-- Sets up the tenants: organizations and their members (org_members) with the roles owner, admin
-- and member. Every tenant table of later migrations hangs off organizations (on delete cascade)
-- and its policies check membership through pf_is_org_member / pf_has_org_role (001), which read
-- org_members as security definer.
--
-- Rules enforced here:
--   * any signed-in user may create an organization (created_by = themselves) and becomes its
--     owner through a trigger; members read their organizations and fellow members;
--   * owners and admins rename an organization, only owners delete it;
--   * owners and admins manage members, but only owners create, demote or remove owners;
--   * an organization always keeps an owner: deleting or demoting the last owner fails with
--     "... last owner ...", except when the organization itself is being deleted.

-- ---------------------------------------------------------------------------------------------
-- tables
-- ---------------------------------------------------------------------------------------------
create table if not exists public.organizations (
  id          uuid        primary key default gen_random_uuid(),
  name        text        not null,
  slug        text        not null unique
              constraint organizations_slug_format_chk check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  created_by  uuid        default auth.uid(),
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);

comment on table public.organizations is
  'Tenants. The creator (created_by) becomes owner on insert (organizations_add_creator_as_owner).';

create table if not exists public.org_members (
  org_id      uuid        not null references public.organizations (id) on delete cascade,
  user_id     uuid        not null,
  role        text        not null
              constraint org_members_role_chk check (role in ('owner', 'admin', 'member')),
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  primary key (org_id, user_id)
);

comment on table public.org_members is
  'Members of an organization (user_id = auth.users id) with role owner, admin or member. An organization always keeps at least one owner.';

create or replace trigger organizations_set_updated_at
  before update on public.organizations
  for each row execute function public.set_updated_at();

create or replace trigger org_members_set_updated_at
  before update on public.org_members
  for each row execute function public.set_updated_at();

-- ---------------------------------------------------------------------------------------------
-- the creator becomes owner (security definer: a new org has no owner yet who could pass the
-- org_members insert policy)
-- ---------------------------------------------------------------------------------------------
create or replace function public.pf_add_org_creator_as_owner()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.created_by is not null then
    insert into public.org_members (org_id, user_id, role)
    values (new.id, new.created_by, 'owner')
    on conflict (org_id, user_id) do update set role = 'owner';
  end if;
  return null;
end
$$;

comment on function public.pf_add_org_creator_as_owner() is
  'Trigger function (after insert on organizations): makes created_by an owner of the new organization.';

create or replace trigger organizations_add_creator_as_owner
  after insert on public.organizations
  for each row execute function public.pf_add_org_creator_as_owner();

-- ---------------------------------------------------------------------------------------------
-- last-owner protection
-- ---------------------------------------------------------------------------------------------
create or replace function public.pf_protect_last_owner()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if old.role <> 'owner'
     or (tg_op = 'UPDATE' and new.role = 'owner' and new.org_id = old.org_id) then
    return null;
  end if;

  -- the organization itself is being deleted (cascade): nothing to protect
  if not exists (select 1 from public.organizations o where o.id = old.org_id) then
    return null;
  end if;

  -- serializes concurrent owner changes of one organization, so two owners cannot demote each
  -- other at the same time; the count below then sees the other transaction's committed change
  perform 1 from public.organizations o where o.id = old.org_id for no key update;

  if not exists (
    select 1
    from public.org_members m
    where m.org_id = old.org_id
      and m.role = 'owner'
  ) then
    raise exception 'cannot % the last owner of organization %', case tg_op when 'DELETE' then 'remove' else 'demote' end, old.org_id
      using errcode = '23514',
            hint = 'Make another member an owner first, or delete the organization.';
  end if;
  return null;
end
$$;

comment on function public.pf_protect_last_owner() is
  'Trigger function (after update/delete on org_members): refuses to leave an existing organization without an owner ("last owner").';

-- after row: runs once the whole statement's changes are visible, so deleting every owner in
-- one statement is caught too
create or replace trigger org_members_protect_last_owner
  after update or delete on public.org_members
  for each row execute function public.pf_protect_last_owner();

revoke all on function public.pf_add_org_creator_as_owner() from public, anon, authenticated;
revoke all on function public.pf_protect_last_owner() from public, anon, authenticated;
grant execute on function public.pf_add_org_creator_as_owner() to service_role;
grant execute on function public.pf_protect_last_owner() to service_role;

-- ---------------------------------------------------------------------------------------------
-- row level security
-- ---------------------------------------------------------------------------------------------
alter table public.organizations enable row level security;
alter table public.org_members enable row level security;

drop policy if exists organizations_select_member on public.organizations;
create policy organizations_select_member on public.organizations
  for select to authenticated
  using (
    public.pf_is_org_member(id)
    -- the creator within the creating transaction (now() = transaction start): lets
    -- insert ... returning pass before the owner row exists (returning is checked against this
    -- policy before the after-insert trigger runs). created_at cannot be updated by clients.
    or (created_by = (select auth.uid()) and created_at = now())
  );

drop policy if exists organizations_insert_self on public.organizations;
create policy organizations_insert_self on public.organizations
  for insert to authenticated
  with check (created_by = (select auth.uid()));

drop policy if exists organizations_update_admin on public.organizations;
create policy organizations_update_admin on public.organizations
  for update to authenticated
  using (public.pf_has_org_role(id, array['owner', 'admin']))
  with check (public.pf_has_org_role(id, array['owner', 'admin']));

drop policy if exists organizations_delete_owner on public.organizations;
create policy organizations_delete_owner on public.organizations
  for delete to authenticated
  using (public.pf_has_org_role(id, array['owner']));

drop policy if exists org_members_select_member on public.org_members;
create policy org_members_select_member on public.org_members
  for select to authenticated
  using (public.pf_is_org_member(org_id));

-- owner rows (the new row's role, or the old row's for update/delete) need an owner; other rows
-- need an owner or admin
drop policy if exists org_members_insert_admin on public.org_members;
create policy org_members_insert_admin on public.org_members
  for insert to authenticated
  with check (
    public.pf_has_org_role(org_id, case when role = 'owner' then array['owner'] else array['owner', 'admin'] end)
  );

drop policy if exists org_members_update_admin on public.org_members;
create policy org_members_update_admin on public.org_members
  for update to authenticated
  using (
    public.pf_has_org_role(org_id, case when role = 'owner' then array['owner'] else array['owner', 'admin'] end)
  )
  with check (
    public.pf_has_org_role(org_id, case when role = 'owner' then array['owner'] else array['owner', 'admin'] end)
  );

drop policy if exists org_members_delete_admin on public.org_members;
create policy org_members_delete_admin on public.org_members
  for delete to authenticated
  using (
    public.pf_has_org_role(org_id, case when role = 'owner' then array['owner'] else array['owner', 'admin'] end)
  );

-- ---------------------------------------------------------------------------------------------
-- privileges: column lists keep ids, creator and timestamps out of clients' hands
-- ---------------------------------------------------------------------------------------------
revoke all on table public.organizations, public.org_members from public, anon, authenticated;

grant select, delete on table public.organizations to authenticated;
grant insert (id, name, slug, created_by) on table public.organizations to authenticated;
grant update (name, slug) on table public.organizations to authenticated;

grant select, delete on table public.org_members to authenticated;
grant insert (org_id, user_id, role) on table public.org_members to authenticated;
grant update (role) on table public.org_members to authenticated;

grant all on table public.organizations, public.org_members to service_role;

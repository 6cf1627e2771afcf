-- 001_init_extensions_and_functions.sql
--
-- Sets up what every later migration relies on, so that the same files run unchanged on a
-- Supabase project and on plain PostgreSQL 15/17:
--   * the extensions pgcrypto (digest() for checksums in 005) and uuid-ossp;
--   * on plain PostgreSQL only, stand-ins for what Supabase already provides: the roles anon,
--     authenticated (nologin) and service_role (nologin bypassrls), and the schema auth with
--     auth.uid(), auth.jwt() and auth.role() reading the PostgREST JWT settings. Anything that
--     already exists (Supabase) is left alone, never replaced;
--   * default privileges: objects the migration user creates in public are not granted to anon or
--     authenticated (Supabase grants them everything by default), only to service_role; every
--     later file grants back what its policies need;
--   * public.set_updated_at(), the trigger function that maintains updated_at columns;
--   * the membership helpers pf_is_org_member / pf_has_org_role. They are security definer so that
--     policies can check membership without reading org_members under RLS themselves (no policy
--     recursion). Their table, org_members, comes in 002; plpgsql resolves it at call time.

-- ---------------------------------------------------------------------------------------------
-- extensions (trusted extensions: a database owner may create them without superuser; on
-- Supabase they already exist in schema extensions and this is a no-op)
-- ---------------------------------------------------------------------------------------------
create extension if not exists pgcrypto;
create extension if not exists "uuid-ossp";

-- ---------------------------------------------------------------------------------------------
-- Supabase roles, created only where missing
-- ---------------------------------------------------------------------------------------------
do $$
declare
  v_role text;
begin
  foreach v_role in array array['anon', 'authenticated', 'service_role'] loop
    if not exists (select 1 from pg_catalog.pg_roles where rolname = v_role) then
      begin
        if v_role = 'service_role' then
          execute format('create role %I nologin noinherit bypassrls', v_role);
        else
          execute format('create role %I nologin noinherit', v_role);
        end if;
        execute format('comment on role %I is %L', v_role,
                       'promptforge: plain-PostgreSQL stand-in for the Supabase role');
      exception
        -- roles are cluster-wide: another database's migration may have created it meanwhile
        when duplicate_object or unique_violation then
          raise notice 'role % already exists', v_role;
      end;
    end if;
  end loop;
end
$$;

-- the migration user may "set role" to each of them (the batch service and the tests do)
do $$
declare
  v_role text;
  -- from PostgreSQL 16 on, membership without the SET option does not allow "set role"
  v_mode text := case when current_setting('server_version_num')::integer >= 160000
                      then 'SET' else 'MEMBER' end;
begin
  foreach v_role in array array['anon', 'authenticated', 'service_role'] loop
    if not pg_catalog.pg_has_role(current_user, v_role, v_mode) then
      begin
        execute format('grant %I to %I', v_role, current_user);
      exception
        when insufficient_privilege then
          raise warning 'could not grant role % to %: %', v_role, current_user, sqlerrm;
      end;
    end if;
  end loop;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- schema auth and auth.uid() / auth.jwt() / auth.role(), created only where missing
-- ---------------------------------------------------------------------------------------------
do $$
begin
  if not exists (select 1 from pg_catalog.pg_namespace where nspname = 'auth') then
    create schema auth;
    comment on schema auth is 'promptforge: plain-PostgreSQL stand-in for the Supabase auth schema';
    grant usage on schema auth to anon, authenticated, service_role;
  end if;

  -- request.jwt.claims is set by PostgREST (json text); older versions set one setting per claim
  -- (request.jwt.claim.sub, ...). current_setting(..., true) is '' once a local setting has
  -- ended, so '' means "not set", like null. Existing functions are looked up in pg_proc rather
  -- than with to_regprocedure(), which raises an error without usage on the schema.
  if not exists (select 1 from pg_catalog.pg_proc p
                  where p.pronamespace = 'auth'::regnamespace and p.proname = 'jwt' and p.pronargs = 0) then
    create function auth.jwt()
    returns jsonb
    language sql
    stable
    as $f$
      select nullif(current_setting('request.jwt.claims', true), '')::jsonb
    $f$;
    comment on function auth.jwt() is
      'promptforge: plain-PostgreSQL stand-in for Supabase auth.jwt(): the request''s JWT claims, or NULL';
    grant execute on function auth.jwt() to anon, authenticated, service_role;
  end if;

  if not exists (select 1 from pg_catalog.pg_proc p
                  where p.pronamespace = 'auth'::regnamespace and p.proname = 'uid' and p.pronargs = 0) then
    create function auth.uid()
    returns uuid
    language sql
    stable
    as $f$
      select coalesce(
        nullif(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub', ''),
        nullif(current_setting('request.jwt.claim.sub', true), '')
      )::uuid
    $f$;
    comment on function auth.uid() is
      'promptforge: plain-PostgreSQL stand-in for Supabase auth.uid(): the JWT sub claim as uuid, or NULL';
    grant execute on function auth.uid() to anon, authenticated, service_role;
  end if;

  if not exists (select 1 from pg_catalog.pg_proc p
                  where p.pronamespace = 'auth'::regnamespace and p.proname = 'role' and p.pronargs = 0) then
    create function auth.role()
    returns text
    language sql
    stable
    as $f$
      select coalesce(
        nullif(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role', ''),
        nullif(current_setting('request.jwt.claim.role', true), '')
      )
    $f$;
    comment on function auth.role() is
      'promptforge: plain-PostgreSQL stand-in for Supabase auth.role(): the JWT role claim, or NULL';
    grant execute on function auth.role() to anon, authenticated, service_role;
  end if;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- default privileges of the migration user in schema public: nothing for anon/authenticated,
-- everything for service_role (as on Supabase). Functions stay executable by the pseudo-role public by default
-- (a global default): each file revokes execute explicitly where that must not be.
-- ---------------------------------------------------------------------------------------------
alter default privileges in schema public revoke all on tables from anon, authenticated;
alter default privileges in schema public revoke all on sequences from anon, authenticated;
alter default privileges in schema public revoke all on functions from anon, authenticated;
alter default privileges in schema public grant all on tables to service_role;
alter default privileges in schema public grant all on sequences to service_role;
alter default privileges in schema public grant execute on functions to service_role;

-- ---------------------------------------------------------------------------------------------
-- set_updated_at(): before-update trigger keeping updated_at current
-- ---------------------------------------------------------------------------------------------
create or replace function public.set_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end
$$;

comment on function public.set_updated_at() is
  'Trigger function: sets new.updated_at to now() (use as a before update ... for each row trigger).';

-- trigger functions need no execute privilege to fire, only to be attached
revoke all on function public.set_updated_at() from public, anon, authenticated;
grant execute on function public.set_updated_at() to service_role;

-- ---------------------------------------------------------------------------------------------
-- membership helpers for policies
-- ---------------------------------------------------------------------------------------------
create or replace function public.pf_is_org_member(p_org_id uuid)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return exists (
    select 1
    from public.org_members m
    where m.org_id = p_org_id
      and m.user_id = (select auth.uid())
  );
end
$$;

comment on function public.pf_is_org_member(uuid) is
  'True when auth.uid() is a member of the organization. SECURITY DEFINER: lets policies check membership without recursing into org_members RLS.';

create or replace function public.pf_has_org_role(p_org_id uuid, p_roles text[])
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return exists (
    select 1
    from public.org_members m
    where m.org_id = p_org_id
      and m.user_id = (select auth.uid())
      and m.role = any (p_roles)
  );
end
$$;

comment on function public.pf_has_org_role(uuid, text[]) is
  'True when auth.uid() is a member of the organization with one of the given roles (owner, admin, member). SECURITY DEFINER, for policies.';

revoke all on function public.pf_is_org_member(uuid) from public, anon;
revoke all on function public.pf_has_org_role(uuid, text[]) from public, anon;
grant execute on function public.pf_is_org_member(uuid) to authenticated, service_role;
grant execute on function public.pf_has_org_role(uuid, text[]) to authenticated, service_role;

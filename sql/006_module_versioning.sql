-- 006_module_versioning.sql
--
-- Sets up versioning of the prompt modules from 004: module_versions keeps every spec a module
-- has had under a semantic version (semver 2.0), exactly one of them is current per module, and
-- modules.spec always mirrors the current one, so runs keep reading modules.spec while editors
-- can publish new versions and roll back a bad one without losing history.
--
-- Writes go through two service_role-only functions that keep the invariants:
--   pf_publish_module_version(module, version, spec, changelog) -> new current version's id
--   pf_rollback_module_version(module, version)                  -> an earlier version is current again
-- Both lock the module row (for no key update: runs referencing the module are not blocked),
-- so concurrent publishes/rollbacks of one module are serialized.
-- Version order is semver 2.0 precedence (major.minor.patch numerically, then pre-release;
-- build metadata is ignored), computed by the helper pf_semver_compare(a, b).
-- anon and authenticated may read module_versions (the catalog is public); only service_role
-- writes the table or calls the functions.

-- ---------------------------------------------------------------------------------------------
-- module_versions
-- ---------------------------------------------------------------------------------------------
create table if not exists public.module_versions (
  id            uuid        primary key default gen_random_uuid(),
  module_id     text        not null references public.modules (id) on delete cascade,
  version       text        not null
                constraint module_versions_version_semver_chk check (
                  version ~ '^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(\.(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$'
                ),
  spec          jsonb       not null,
  status        text        not null
                constraint module_versions_status_chk check (status in ('draft', 'published', 'deprecated')),
  is_current    boolean     not null default false,
  changelog     text,
  created_at    timestamptz not null default now(),
  published_at  timestamptz,
  constraint module_versions_module_id_version_key unique (module_id, version)
);

-- at most one current version per module (publish/rollback keep it exactly one)
create unique index if not exists module_versions_one_current_idx
  on public.module_versions (module_id)
  where is_current;

comment on table public.module_versions is
  'Every spec a catalog module has had, under a semver 2.0 version; exactly one row per module is current and modules.spec mirrors it. Write through pf_publish_module_version / pf_rollback_module_version.';
comment on column public.module_versions.version is
  'Semantic version 2.0 (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]); ordered by pf_semver_compare.';
comment on column public.module_versions.is_current is
  'True for the one version whose spec is in modules.spec (unique per module via module_versions_one_current_idx).';

-- ---------------------------------------------------------------------------------------------
-- pf_semver_compare(a, b): -1, 0 or 1 by semver 2.0 precedence (build metadata ignored)
-- ---------------------------------------------------------------------------------------------
create or replace function public.pf_semver_compare(p_a text, p_b text)
returns integer
language plpgsql
immutable
strict
set search_path = ''
as $$
declare
  v_pattern constant text :=
    '^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)'
    '(?:-((?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*))?'
    '(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$';
  v_a     text[];
  v_b     text[];
  v_pre_a text[];
  v_pre_b text[];
  v_x     text;
  v_y     text;
  i       integer;
begin
  v_a := regexp_match(p_a, v_pattern);
  if v_a is null then
    raise exception 'invalid version "%": expected a semantic version MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD] (semver 2.0), e.g. 1.2.0', p_a
      using errcode = '22023';
  end if;
  v_b := regexp_match(p_b, v_pattern);
  if v_b is null then
    raise exception 'invalid version "%": expected a semantic version MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD] (semver 2.0), e.g. 1.2.0', p_b
      using errcode = '22023';
  end if;

  -- major, minor, patch: numerically (numeric, so arbitrarily long numbers compare correctly)
  for i in 1..3 loop
    if v_a[i]::numeric <> v_b[i]::numeric then
      return case when v_a[i]::numeric < v_b[i]::numeric then -1 else 1 end;
    end if;
  end loop;

  -- a version without pre-release ranks above the same version with one
  if v_a[4] is null and v_b[4] is null then
    return 0;
  elsif v_a[4] is null then
    return 1;
  elsif v_b[4] is null then
    return -1;
  end if;

  -- pre-release: dot-separated identifiers left to right; numeric ones compare numerically and
  -- rank below alphanumeric ones, alphanumeric ones compare in ASCII order; more identifiers win
  v_pre_a := string_to_array(v_a[4], '.');
  v_pre_b := string_to_array(v_b[4], '.');
  for i in 1..least(cardinality(v_pre_a), cardinality(v_pre_b)) loop
    v_x := v_pre_a[i];
    v_y := v_pre_b[i];
    continue when v_x = v_y;
    if v_x ~ '^[0-9]+$' and v_y ~ '^[0-9]+$' then
      return case when v_x::numeric < v_y::numeric then -1 else 1 end;
    elsif v_x ~ '^[0-9]+$' then
      return -1;
    elsif v_y ~ '^[0-9]+$' then
      return 1;
    else
      return case when v_x collate "C" < v_y collate "C" then -1 else 1 end;
    end if;
  end loop;
  return sign(cardinality(v_pre_a) - cardinality(v_pre_b))::integer;
end;
$$;

comment on function public.pf_semver_compare(text, text) is
  'Semver 2.0 precedence: -1 if a < b, 0 if equal (build metadata ignored), 1 if a > b; error on an invalid version.';

-- ---------------------------------------------------------------------------------------------
-- pf_publish_module_version: a new, greater version becomes current and published
-- ---------------------------------------------------------------------------------------------
create or replace function public.pf_publish_module_version(
  p_module_id text,
  p_version   text,
  p_spec      jsonb,
  p_changelog text
)
returns uuid
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_current  public.module_versions%rowtype;
  v_existing public.module_versions%rowtype;
  v_id       uuid;
begin
  -- the module must exist; lock it so publishes/rollbacks of one module run one at a time
  if p_module_id is null then
    raise exception 'unknown module: a module id (M01..M50) is required'
      using errcode = 'P0002';
  end if;
  perform 1 from public.modules m where m.id = p_module_id for no key update;
  if not found then
    raise exception 'unknown module "%": expected an existing module id (M01..M50)', p_module_id
      using errcode = 'P0002';
  end if;

  if p_version is null then
    raise exception 'invalid version for module %: version is required', p_module_id
      using errcode = '22023';
  end if;
  -- validates the format (raises 'invalid version ...')
  perform public.pf_semver_compare(p_version, p_version);

  if p_spec is null or jsonb_typeof(p_spec) <> 'object' then
    raise exception 'invalid spec for module % version %: expected a JSON object {objective, inputs, outputs, template}',
      p_module_id, p_version
      using errcode = '22023';
  end if;

  select * into v_current
    from public.module_versions mv
   where mv.module_id = p_module_id and mv.is_current;

  if found and public.pf_semver_compare(p_version, v_current.version) <= 0 then
    raise exception 'version % of module % is not greater than the current version %',
      p_version, p_module_id, v_current.version
      using errcode = '22023',
            hint = 'Publish a higher semantic version, or use pf_rollback_module_version to return to an earlier one.';
  end if;

  select * into v_existing
    from public.module_versions mv
   where mv.module_id = p_module_id and mv.version = p_version;

  if found and v_existing.status <> 'draft' then
    raise exception 'version % of module % already exists (status %)',
      p_version, p_module_id, v_existing.status
      using errcode = '23505';
  end if;

  -- un-mark the old current first: the partial unique index allows only one current row
  update public.module_versions mv
     set is_current = false
   where mv.module_id = p_module_id and mv.is_current;

  if v_existing.id is not null then
    -- promote the existing draft of that version
    update public.module_versions mv
       set spec         = p_spec,
           changelog    = coalesce(p_changelog, mv.changelog),
           status       = 'published',
           is_current   = true,
           published_at = now()
     where mv.id = v_existing.id
    returning mv.id into v_id;
  else
    insert into public.module_versions (module_id, version, spec, status, is_current, changelog, published_at)
    values (p_module_id, p_version, p_spec, 'published', true, p_changelog, now())
    returning id into v_id;
  end if;

  update public.modules m
     set spec = p_spec
   where m.id = p_module_id;

  return v_id;
end;
$$;

comment on function public.pf_publish_module_version(text, text, jsonb, text) is
  'Publishes a new version of a module (semver-greater than the current one, or promotes its draft); it becomes the one current version and modules.spec follows. service_role only.';

-- ---------------------------------------------------------------------------------------------
-- pf_rollback_module_version: an earlier published/deprecated version becomes current again
-- ---------------------------------------------------------------------------------------------
create or replace function public.pf_rollback_module_version(
  p_module_id text,
  p_version   text
)
returns void
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_current public.module_versions%rowtype;
  v_target  public.module_versions%rowtype;
begin
  if p_module_id is null then
    raise exception 'unknown module: a module id (M01..M50) is required'
      using errcode = 'P0002';
  end if;
  perform 1 from public.modules m where m.id = p_module_id for no key update;
  if not found then
    raise exception 'unknown module "%": expected an existing module id (M01..M50)', p_module_id
      using errcode = 'P0002';
  end if;

  if p_version is null then
    raise exception 'invalid version for module %: version is required', p_module_id
      using errcode = '22023';
  end if;
  perform public.pf_semver_compare(p_version, p_version);

  select * into v_target
    from public.module_versions mv
   where mv.module_id = p_module_id and mv.version = p_version;
  if not found then
    raise exception 'module % has no version %', p_module_id, p_version
      using errcode = 'P0002';
  end if;
  if v_target.status not in ('published', 'deprecated') then
    raise exception 'cannot roll module % back to version %: it is a %, only published or deprecated versions qualify',
      p_module_id, p_version, v_target.status
      using errcode = '22023';
  end if;

  select * into v_current
    from public.module_versions mv
   where mv.module_id = p_module_id and mv.is_current;
  if not found then
    raise exception 'cannot roll module % back: it has no current version', p_module_id
      using errcode = '22023';
  end if;
  if v_target.id = v_current.id then
    raise exception 'cannot roll module % back to version %: it is already the current version',
      p_module_id, p_version
      using errcode = '22023';
  end if;
  if public.pf_semver_compare(p_version, v_current.version) >= 0 then
    raise exception 'cannot roll module % back to version %: it is not earlier than the current version %',
      p_module_id, p_version, v_current.version
      using errcode = '22023';
  end if;

  update public.module_versions mv
     set is_current = false
   where mv.id = v_current.id;

  -- the current version is always a published one
  update public.module_versions mv
     set is_current   = true,
         status       = 'published',
         published_at = coalesce(mv.published_at, now())
   where mv.id = v_target.id;

  update public.modules m
     set spec = v_target.spec
   where m.id = p_module_id;
end;
$$;

comment on function public.pf_rollback_module_version(text, text) is
  'Makes an earlier published or deprecated version of a module current again (re-published); modules.spec follows. service_role only.';

-- ---------------------------------------------------------------------------------------------
-- row level security and privileges
-- ---------------------------------------------------------------------------------------------
alter table public.module_versions enable row level security;

drop policy if exists module_versions_select_all on public.module_versions;
create policy module_versions_select_all on public.module_versions
  for select to anon, authenticated using (true);

revoke all on table public.module_versions from public, anon, authenticated;
grant select on table public.module_versions to anon, authenticated;
grant all on table public.module_versions to service_role;

revoke execute on function public.pf_semver_compare(text, text) from public, anon, authenticated;
revoke execute on function public.pf_publish_module_version(text, text, jsonb, text) from public, anon, authenticated;
revoke execute on function public.pf_rollback_module_version(text, text) from public, anon, authenticated;
grant execute on function public.pf_semver_compare(text, text) to service_role;
grant execute on function public.pf_publish_module_version(text, text, jsonb, text) to service_role;
grant execute on function public.pf_rollback_module_version(text, text) to service_role;

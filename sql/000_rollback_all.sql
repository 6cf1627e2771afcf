-- 000_rollback_all.sql
--
-- Undoes the migrations 001.. (and Flyway's bookkeeping), so that a database can be migrated again
-- from scratch: migrate -> rollback -> migrate gives the same database. NOT a migration: it must
-- never be among Flyway's migrations (it drops Flyway's own history table) and
-- run_all_migrations.sql leaves it out. Run it by hand, as the owner of the objects (postgres on
-- Supabase, the migrating user on plain PostgreSQL), or paste it into the Supabase SQL editor:
--     psql -v ON_ERROR_STOP=1 -1 -f sql/000_rollback_all.sql
-- It destroys all PromptForge data (organizations, runs, bundles, ...). Every statement is
-- "if exists", so it also runs on a partly migrated database, and twice in a row.
--
-- What it removes, in reverse migration order:
--   * the schemas batch and quartz (Spring Batch / Quartz tables of the batch service, 023's
--     notification deliveries, 024's job heartbeats), cascade;
--   * public.flyway_schema_history, so that Flyway migrates again from version 1;
--   * every view, function, trigger function and table of the migrations, newest file first
--     (triggers, policies, indices, sequences and row types go with their tables). 008 only
--     inserted rows. Whoever adds a migration adds its drops here;
--   * on plain PostgreSQL only, the stand-ins 001 created for what Supabase provides:
--       - the functions auth.uid(), auth.jwt(), auth.role() whose comment starts with
--         'promptforge:' (Supabase's own are never touched);
--       - the schema auth, when it is ours: commented 'promptforge: ...', or (001 before it
--         commented the schema) uncommented, owned by the current user and empty once our
--         functions are gone, while the roles are our stand-ins too (i.e. not Supabase). It is
--         dropped without cascade: anything someone else put there keeps it;
--       - the default privileges 001 set in schema public for the stand-in roles, and whatever
--         the stand-in roles still hold in this database (schema public and objects left in it);
--       - the roles anon, authenticated, service_role, when commented 'promptforge: plain-PostgreSQL
--         stand-in for the Supabase role'. Roles are cluster-wide: when another database still uses
--         one, DROP ROLE fails and the role is kept with a NOTICE "kept role x: still used elsewhere".
-- What it leaves:
--   * the extensions pgcrypto and uuid-ossp (Supabase needs them; other schemas may use them), and
--     the schema extensions 021 moved them to on plain PostgreSQL;
--   * pg_stat_statements (no migration creates it);
--   * on Supabase, the default privileges 001 set for postgres in schema public (anon and
--     authenticated get nothing on new objects, service_role everything). They are stricter
--     than Supabase's factory defaults and 001 sets them again on the next migrate.
-- At the end it lists (WARNING) any table, view, sequence, function or type still in public that
-- no extension owns: on a database that only ever held PromptForge the list is empty.

-- ---------------------------------------------------------------------------------------------
-- batch service schemas (with 023's and 024's tables in batch) and Flyway's history
-- ---------------------------------------------------------------------------------------------
drop schema if exists quartz cascade;
drop schema if exists batch cascade;
drop table if exists public.flyway_schema_history cascade;

-- ---------------------------------------------------------------------------------------------
-- Later migrations: add their drops below this block, newest first.
-- QA tests registered by any migration (009 describes the registration): every
-- public.pf_qa_tests_NNN() and its probes public.pf_qa_probe_*()
-- ---------------------------------------------------------------------------------------------
do $$
declare
  v_fn regprocedure;
begin
  for v_fn in
    select p.oid::regprocedure
      from pg_catalog.pg_proc p
     where p.pronamespace = 'public'::pg_catalog.regnamespace
       and (p.proname ~ '^pf_qa_tests_[0-9]{3}$' or p.proname like 'pf\_qa\_probe\_%')
  loop
    execute format('drop function if exists %s cascade', v_fn);
  end loop;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- 022_run_stats_index_only.sql: the trigger functions that keep prompt_scores.run_created_at (cascade
-- takes their triggers; the column and the indexes go with their tables, get_org_run_stats_between with 018)
-- ---------------------------------------------------------------------------------------------
drop function if exists public.pf_follow_run_created_at() cascade;
drop function if exists public.pf_set_score_run_created_at() cascade;

-- ---------------------------------------------------------------------------------------------
-- 019_audit_export_requests.sql (its pf_json_shapes() replacement goes with 013 below, its QA
-- registration above)
-- ---------------------------------------------------------------------------------------------
drop table if exists public.audit_export_requests cascade;
drop function if exists public.pf_stamp_canceled_audit_export_request() cascade;
drop function if exists public.pf_limit_open_audit_export_requests() cascade;
drop function if exists public.pf_json_problem_audit_export_row_counts(jsonb, text) cascade;

-- ---------------------------------------------------------------------------------------------
-- 018_usage_snapshots.sql (get_org_run_stats, which it redefined, is dropped with 007 below)
-- ---------------------------------------------------------------------------------------------
drop schema if exists usage cascade;
drop function if exists public.get_org_run_stats_between(uuid, timestamptz, timestamptz) cascade;

-- ---------------------------------------------------------------------------------------------
-- 017_rls_once_per_statement.sql: the once-per-statement membership functions (cascade takes the
-- policies that call them; their tables go below anyway)
-- ---------------------------------------------------------------------------------------------
drop function if exists public.pf_my_org_ids(text[]) cascade;
drop function if exists public.pf_my_org_ids() cascade;

-- ---------------------------------------------------------------------------------------------
-- 016_fast_json_shape_checks.sql: new bodies of 013/015's shape functions (dropped with 013 below),
-- its QA registration above
-- ---------------------------------------------------------------------------------------------

-- ---------------------------------------------------------------------------------------------
-- 015_documented_bundle_formats.sql: its constraint goes with bundles (005), its replacement of
-- pf_json_problem_bundle_paths with 013's functions, its QA registration above
-- ---------------------------------------------------------------------------------------------

-- ---------------------------------------------------------------------------------------------
-- 014_validate_json_shapes.sql: validated constraints only
-- 013_json_shapes.sql: the shape functions; cascade takes the *_shape_chk constraints with them
-- (pf_validate_run(), which 013 replaced, is dropped with 005 below)
-- ---------------------------------------------------------------------------------------------
drop function if exists public.pf_json_shape_problems() cascade;
drop function if exists public.pf_json_shapes() cascade;
drop function if exists public.pf_json_problem_bundle_paths(text[], jsonb, text) cascade;
drop function if exists public.pf_json_problem_prompt_history_snapshot(jsonb, text) cascade;
drop function if exists public.pf_json_problem_run_telemetry_payload(text, jsonb, text) cascade;
drop function if exists public.pf_json_problem_run_parameters(jsonb, text) cascade;
drop function if exists public.pf_json_run_parameter_codes() cascade;
drop function if exists public.pf_json_problem_domain_compliance(jsonb, text) cascade;
drop function if exists public.pf_json_problem_domain_jargon(jsonb, text) cascade;
drop function if exists public.pf_json_problem_module_kpis(jsonb, text) cascade;
drop function if exists public.pf_json_problem_module_spec(jsonb, text, boolean) cascade;
drop function if exists public.pf_json_problem_module_vector(jsonb, text) cascade;
drop function if exists public.pf_json_problem_semver(jsonb, text) cascade;
drop function if exists public.pf_json_problem_count(jsonb, text) cascade;
drop function if exists public.pf_json_problem_text_list(jsonb, text, integer, boolean) cascade;
drop function if exists public.pf_json_problem_text(jsonb, text) cascade;
drop function if exists public.pf_json_problem_keys(jsonb, text, text[], text[]) cascade;
drop function if exists public.pf_json_check(text, text) cascade;
drop function if exists public.pf_json_show(jsonb) cascade;

-- ---------------------------------------------------------------------------------------------
-- 012_entitlement_changes.sql
-- ---------------------------------------------------------------------------------------------
drop table if exists public.entitlement_sync_skips cascade;
drop table if exists public.entitlement_changes cascade;

-- ---------------------------------------------------------------------------------------------
-- 009_qa_testing.sql
-- ---------------------------------------------------------------------------------------------
drop view if exists public.qa_verification_summary cascade;
drop function if exists public.run_all_qa_tests() cascade;

-- ---------------------------------------------------------------------------------------------
-- 008_seed_data.sql: rows only (they go with the tables)
-- ---------------------------------------------------------------------------------------------

-- ---------------------------------------------------------------------------------------------
-- 007_performance_indices.sql (its indices go with their tables)
-- ---------------------------------------------------------------------------------------------
drop function if exists public.analyze_query_performance() cascade;
drop view if exists public.qa_performance_check cascade;
drop function if exists public.get_org_run_stats(uuid, integer) cascade;

-- ---------------------------------------------------------------------------------------------
-- 006_module_versioning.sql
-- ---------------------------------------------------------------------------------------------
drop table if exists public.module_versions cascade;
drop function if exists public.pf_rollback_module_version(text, text) cascade;
drop function if exists public.pf_publish_module_version(text, text, jsonb, text) cascade;
drop function if exists public.pf_semver_compare(text, text) cascade;

-- ---------------------------------------------------------------------------------------------
-- 005_history_telemetry_scores.sql
-- ---------------------------------------------------------------------------------------------
drop table if exists public.bundles cascade;
drop table if exists public.prompt_scores cascade;
drop table if exists public.prompt_history cascade;
drop table if exists public.run_telemetry cascade;
drop table if exists public.runs cascade;
drop function if exists public.pf_check_bundle_run() cascade;
drop function if exists public.run_meets_export_threshold(uuid) cascade;
drop function if exists public.pf_prompt_history_append_only() cascade;
drop function if exists public.pf_set_prompt_history_checksum() cascade;
drop function if exists public.pf_check_run_org() cascade;
drop function if exists public.pf_validate_run() cascade;

-- ---------------------------------------------------------------------------------------------
-- 004_catalog_engine.sql
-- ---------------------------------------------------------------------------------------------
drop table if exists public.parameters cascade;
drop table if exists public.domains cascade;
drop table if exists public.modules cascade;

-- ---------------------------------------------------------------------------------------------
-- 003_billing_entitlements.sql
-- ---------------------------------------------------------------------------------------------
drop function if exists public.pf_apply_plan_entitlements(uuid, text) cascade;
drop view if exists public.entitlements_effective_user cascade;
drop view if exists public.entitlements_effective_org cascade;
drop table if exists public.entitlements cascade;
drop table if exists public.entitlement_grants cascade;
drop table if exists public.subscriptions cascade;
drop table if exists public.plan_entitlements cascade;
drop table if exists public.plans cascade;

-- ---------------------------------------------------------------------------------------------
-- 002_orgs_members.sql
-- ---------------------------------------------------------------------------------------------
drop table if exists public.org_members cascade;
drop table if exists public.organizations cascade;
drop function if exists public.pf_protect_last_owner() cascade;
drop function if exists public.pf_add_org_creator_as_owner() cascade;

-- ---------------------------------------------------------------------------------------------
-- 001_init_extensions_and_functions.sql: functions in public
-- ---------------------------------------------------------------------------------------------
drop function if exists public.pf_has_org_role(uuid, text[]) cascade;
drop function if exists public.pf_is_org_member(uuid) cascade;
drop function if exists public.set_updated_at() cascade;

-- ---------------------------------------------------------------------------------------------
-- 001: the plain-PostgreSQL stand-ins (auth functions and schema, default privileges, roles),
-- only where they are ours
-- ---------------------------------------------------------------------------------------------
do $$
declare
  c_marker       constant text := 'promptforge:';
  c_role_comment constant text := 'promptforge: plain-PostgreSQL stand-in for the Supabase role';
  v_our_roles    text[];
  v_role         text;
  v_fn           text;
  v_auth         oid;
  v_auth_comment text;
  v_acl          record;
  v_kind         text;
  v_detail       text;
begin
  -- the stand-in roles that 001 created (on Supabase: none)
  select coalesce(array_agg(r.rolname::text order by r.rolname), '{}')
    into v_our_roles
    from pg_catalog.pg_roles r
   where r.rolname in ('anon', 'authenticated', 'service_role')
     and pg_catalog.shobj_description(r.oid, 'pg_authid') = c_role_comment;

  -- auth.uid(), auth.jwt(), auth.role(): dropped only when 001 created them (comment marker)
  select n.oid, pg_catalog.obj_description(n.oid, 'pg_namespace')
    into v_auth, v_auth_comment
    from pg_catalog.pg_namespace n
   where n.nspname = 'auth';

  if v_auth is not null then
    for v_fn in
      select p.oid::pg_catalog.regprocedure::text
        from pg_catalog.pg_proc p
       where p.pronamespace = v_auth
         and p.proname in ('uid', 'jwt', 'role')
         and pg_catalog.obj_description(p.oid, 'pg_proc') like c_marker || '%'
    loop
      execute 'drop function ' || v_fn;
      raise notice 'dropped stand-in function %', v_fn;
    end loop;

    -- the schema: ours when marked, or (unmarked) owned by us, now empty, and not on Supabase
    if coalesce(v_auth_comment like c_marker || '%', false)
       or (v_auth_comment is null
           and cardinality(v_our_roles) > 0
           and (select n.nspowner from pg_catalog.pg_namespace n where n.oid = v_auth)
               = (select r.oid from pg_catalog.pg_roles r where r.rolname = current_user)
           and not exists (select 1 from pg_catalog.pg_depend d
                            where d.refclassid = 'pg_catalog.pg_namespace'::pg_catalog.regclass
                              and d.refobjid = v_auth and d.deptype = 'n')) then
      begin
        drop schema auth;  -- no cascade: whatever someone else put there keeps it
        raise notice 'dropped stand-in schema auth';
      exception when dependent_objects_still_exist then
        raise notice 'kept schema auth: it still contains objects that are not ours';
      end;
    else
      raise notice 'kept schema auth: not created by PromptForge (Supabase, or created before 001)';
    end if;
  end if;

  if cardinality(v_our_roles) = 0 then
    raise notice 'kept roles anon, authenticated, service_role: not PromptForge stand-ins (Supabase)';
    return;
  end if;

  -- default privileges in this database that name the stand-in roles (001 granted service_role
  -- everything on new objects in public, and revoked anon/authenticated): they would keep the
  -- roles alive
  for v_acl in
    select distinct pg_catalog.pg_get_userbyid(d.defaclrole) as owner,
           n.nspname, d.defaclobjtype, g.rolname
      from pg_catalog.pg_default_acl d
      left join pg_catalog.pg_namespace n on n.oid = d.defaclnamespace
      cross join lateral pg_catalog.aclexplode(d.defaclacl) a
      join pg_catalog.pg_roles g on g.oid = a.grantee
     where g.rolname = any (v_our_roles)
  loop
    v_kind := case v_acl.defaclobjtype when 'r' then 'tables' when 'S' then 'sequences'
                                       when 'f' then 'functions' when 'T' then 'types'
                                       when 'n' then 'schemas' end;
    begin
      execute format('alter default privileges for role %I %s revoke all on %s from %I',
                     v_acl.owner,
                     case when v_acl.nspname is null then '' else format('in schema %I', v_acl.nspname) end,
                     v_kind, v_acl.rolname);
    exception when insufficient_privilege then
      raise notice 'kept default privileges of % for %: %', v_acl.owner, v_acl.rolname, sqlerrm;
    end;
  end loop;

  foreach v_role in array v_our_roles loop
    -- privileges on this database, on schema public and on what is left in it (e.g. an
    -- extension created after 001 picked up 001's default grant to service_role)
    execute format('revoke all on all tables in schema public from %I', v_role);
    execute format('revoke all on all sequences in schema public from %I', v_role);
    execute format('revoke all on all routines in schema public from %I', v_role);
    execute format('revoke all on schema public from %I', v_role);
    -- 021's schema extensions (kept: it holds the extensions) grants them usage
    if exists (select 1 from pg_catalog.pg_namespace where nspname = 'extensions') then
      execute format('revoke all on schema extensions from %I', v_role);
    end if;
    execute format('revoke all on database %I from %I', pg_catalog.current_database(), v_role);
    begin
      execute format('drop role %I', v_role);
      raise notice 'dropped stand-in role %', v_role;
    exception
      when dependent_objects_still_exist then
        get stacked diagnostics v_detail = pg_exception_detail;
        raise notice 'kept role %: still used elsewhere', v_role
          using detail = coalesce(v_detail, sqlerrm);
      when insufficient_privilege then
        raise notice 'kept role %: %', v_role, sqlerrm;
    end;
  end loop;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- check: nothing left in public that no extension owns
-- ---------------------------------------------------------------------------------------------
do $$
declare
  v_left text;
begin
  select string_agg(o.kind || ' ' || o.name, ', ' order by o.kind, o.name)
    into v_left
    from (
      select case c.relkind when 'r' then 'table' when 'p' then 'table' when 'v' then 'view'
                            when 'm' then 'materialized view' when 'S' then 'sequence'
                            when 'f' then 'foreign table' else 'relation' end as kind,
             c.relname::text as name, 'pg_catalog.pg_class'::pg_catalog.regclass as classid, c.oid
        from pg_catalog.pg_class c
       where c.relnamespace = 'public'::pg_catalog.regnamespace
         and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
      union all
      select 'function', p.oid::pg_catalog.regprocedure::text, 'pg_catalog.pg_proc'::pg_catalog.regclass, p.oid
        from pg_catalog.pg_proc p
       where p.pronamespace = 'public'::pg_catalog.regnamespace
      union all
      select 'type', t.typname::text, 'pg_catalog.pg_type'::pg_catalog.regclass, t.oid
        from pg_catalog.pg_type t
       where t.typnamespace = 'public'::pg_catalog.regnamespace
         and t.typtype in ('e', 'd', 'r', 'm')          -- enums, domains, ranges (row types go with their relations)
    ) o
   where not exists (select 1 from pg_catalog.pg_depend d
                      where d.classid = o.classid and d.objid = o.oid and d.deptype = 'e');
  if v_left is not null then
    raise warning 'rollback: still in schema public (not created by PromptForge migrations, or new ones this file does not know): %', v_left;
  else
    raise notice 'rollback: schema public holds no PromptForge object';
  end if;
end
$$;

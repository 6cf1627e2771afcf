-- 009_qa_testing.sql
--
-- Sets up the self-check of the database: public.run_all_qa_tests() runs every QA test against the
-- live catalog and data and returns one row per test (category, test_name, status PASS|FAIL,
-- details); public.qa_verification_summary counts them per category. Operators run it after every
-- deployment (Supabase SQL editor or the batch service) to prove that the contract of
-- docs/DATABASE.md holds on *this* database: RLS isolation, entitlements, scoring and bundles,
-- performance, data integrity and security.
--
-- How the tests work:
--   - Every test reads pg_catalog or the tables themselves; none compares constants with constants,
--     so each one can really FAIL (details then name the offending objects or rows).
--   - Each test runs in its own subtransaction: an error (a missing table, a broken function)
--     becomes a FAIL row carrying the error text; the rest of the suite still runs.
--   - Three behaviour probes write test rows (an isolation probe as `authenticated` and `anon`, the
--     plan-entitlement function, the bundle export gate) and then raise a private error
--     (SQLSTATE PFQA0) that rolls their subtransaction back: they leave no row, no setting and no
--     role change behind. The isolation probe switches role with SET LOCAL ROLE, which PostgreSQL
--     checks against the *session* user: 001 grants the migrating user the three roles, and on
--     Supabase postgres/authenticator are members of them. Because the probes write, call the suite
--     in a read-write transaction.
--   - pg_stat_statements is optional: the Performance test calls analyze_query_performance(),
--     which must answer either with statements or with its single "not available" row; the details
--     say which. What is tested is that the function works on this server, not that the extension
--     is installed (a managed project decides that, not the migrations).
--   - public.flyway_schema_history (created by Flyway, not by us) is exempt from the RLS/policy tests
--     but has its own Security test: anon and authenticated must hold no privilege on it.
--     Objects owned by extensions (pgcrypto, uuid-ossp, pg_stat_statements in public on plain
--     PostgreSQL) are left out of the catalog checks.
--   - Some tests use the demo tenant of 008 (org ...0001, its scored run and bundle): where it has
--     been deleted they FAIL saying the demo data is missing.
--   - The probe's set_config('request.jwt.claims', ..., true) is undone with its subtransaction;
--     if the session had never set request.jwt.claims, it reads '' afterwards instead of NULL
--     (PostgreSQL keeps the placeholder), which auth.uid() treats as "not set".
--
-- How migrations register their tests (the suite is not one function that later files edit):
--   - A migration NNN that adds objects registers its own tests by creating
--         public.pf_qa_tests_NNN() returns table (id integer, category text, test_name text, query text)
--     (no arguments; NNN = its three-digit file number). Each row is one test: a stable id, one of the
--     categories, a name, and a query that returns one row (ok boolean, details text). This file
--     registers 101-612 (without 512-514) in pf_qa_tests_009(); 013 registers 512-514 of its JSON shapes in
--     pf_qa_tests_013(). So 001-009 alone runs 009's tests, and each later file brings its own.
--   - run_all_qa_tests() discovers every such function of schema public, in file-number order, and
--     runs the tests in id order. A later migration replaces an earlier test by registering the same
--     id (the highest file number wins) and retires one by registering the id with a null query:
--     it never edits an earlier file. A registration function that fails is one FAIL row naming it.
--   - The probes are functions of their own (pf_qa_probe_rls, pf_qa_probe_plan_entitlements,
--     pf_qa_probe_bundle) whose test query is select * from public.pf_qa_probe_...().
--   - 000_rollback_all.sql drops every pf_qa_tests_NNN() and pf_qa_probe_*() it finds, whatever
--     migration created it.
--
-- The function is SECURITY INVOKER: it sees what its caller sees, so run it as the database owner
-- (postgres) or service_role; anon and authenticated cannot execute it, nor read the summary view.

-- ---------------------------------------------------------------------------------------------
-- 009's tests: (id, category, test_name, query); the query returns one row (ok, details)
-- ---------------------------------------------------------------------------------------------
create or replace function public.pf_qa_tests_009()
returns table (id integer, category text, test_name text, query text)
language sql
immutable
set search_path = ''
as $fn$
  select x.id, x.category, x.test_name, x.query
    from (values
      -- =====================================================================================
      -- RLS isolation
      -- =====================================================================================
      (101, 'RLS isolation', 'RLS enabled on every table in public', $q$
        with ours as (
          select c.relname, c.relrowsecurity
            from pg_catalog.pg_class c
           where c.relnamespace = 'public'::pg_catalog.regnamespace
             and c.relkind in ('r', 'p')
             and c.relname <> 'flyway_schema_history'
             and not exists (select 1 from pg_catalog.pg_depend d
                              where d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                                and d.objid = c.oid and d.deptype = 'e'))
        select count(*) filter (where not relrowsecurity) = 0 and count(*) > 0,
               coalesce('RLS disabled on: ' || string_agg(relname, ', ' order by relname) filter (where not relrowsecurity),
                        count(*) || ' tables, all with RLS enabled')
          from ours
      $q$),
      (102, 'RLS isolation', 'every table in public has at least one policy', $q$
        with ours as (
          select c.oid, c.relname
            from pg_catalog.pg_class c
           where c.relnamespace = 'public'::pg_catalog.regnamespace
             and c.relkind in ('r', 'p')
             and c.relname <> 'flyway_schema_history'
             and not exists (select 1 from pg_catalog.pg_depend d
                              where d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                                and d.objid = c.oid and d.deptype = 'e')),
        bad as (
          select o.relname from ours o
           where not exists (select 1 from pg_catalog.pg_policy p where p.polrelid = o.oid))
        select count(*) = 0,
               coalesce('no policy on: ' || string_agg(relname, ', ' order by relname),
                        (select count(*) from pg_catalog.pg_policy p join ours o on o.oid = p.polrelid)
                          || ' policies on ' || (select count(*) from ours) || ' tables')
          from bad
      $q$),
      (103, 'RLS isolation', 'every policy is restricted TO a role (none TO PUBLIC)', $q$
        select count(*) = 0,
               coalesce('policies TO PUBLIC: ' || string_agg(c.relname || '.' || p.polname, ', ' order by c.relname, p.polname),
                        'all policies name their roles')
          from pg_catalog.pg_policy p
          join pg_catalog.pg_class c on c.oid = p.polrelid
         where c.relnamespace = 'public'::pg_catalog.regnamespace
           and 0::pg_catalog.oid = any (p.polroles)
      $q$),
      (104, 'RLS isolation', 'no policy for anon outside the public catalog tables', $q$
        select count(*) = 0,
               coalesce('anon policies on tenant tables: ' || string_agg(c.relname || '.' || p.polname, ', ' order by c.relname, p.polname),
                        'anon policies only on plans, plan_entitlements, modules, domains, parameters, module_versions')
          from pg_catalog.pg_policy p
          join pg_catalog.pg_class c on c.oid = p.polrelid
         where c.relnamespace = 'public'::pg_catalog.regnamespace
           and c.relname not in ('plans', 'plan_entitlements', 'modules', 'domains', 'parameters', 'module_versions')
           and (0::pg_catalog.oid = any (p.polroles)
                or exists (select 1 from pg_catalog.pg_roles r where r.rolname = 'anon' and r.oid = any (p.polroles)))
      $q$),
      (105, 'RLS isolation', 'policies call (select auth.uid()), never a bare auth.uid()/auth.jwt()/auth.role()', $q$
        with pol as (
          select c.relname || '.' || p.polname as name,
                 coalesce(pg_catalog.pg_get_expr(p.polqual, p.polrelid), '') || ' ' ||
                 coalesce(pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid), '') as expr
            from pg_catalog.pg_policy p
            join pg_catalog.pg_class c on c.oid = p.polrelid
           where c.relnamespace = 'public'::pg_catalog.regnamespace)
        select count(*) filter (where pg_catalog.regexp_replace(expr, '\( SELECT auth\.(uid|jwt|role)\(\) AS \w+\)', '', 'g')
                                      ~ 'auth\.(uid|jwt|role)\(\)') = 0,
               coalesce('bare auth.*() call (evaluated per row) in: '
                          || string_agg(name, ', ' order by name)
                               filter (where pg_catalog.regexp_replace(expr, '\( SELECT auth\.(uid|jwt|role)\(\) AS \w+\)', '', 'g')
                                             ~ 'auth\.(uid|jwt|role)\(\)'),
                        count(*) filter (where expr ~ 'auth\.uid\(\)') || ' of ' || count(*)
                          || ' policies read auth.uid(), all through (select auth.uid())')
          from pol
      $q$),
      (106, 'RLS isolation', 'no policy reads org_members directly (membership only via helpers)', $q$
        -- policies of other tables: any dependency on org_members (PostgreSQL records the columns a
        -- subquery uses); policies of org_members itself: a reference in the expression text
        -- (search_path is empty here, so a subquery deparses as public.org_members)
        with bad as (
          select c.relname || '.' || p.polname as name
            from pg_catalog.pg_policy p
            join pg_catalog.pg_class c on c.oid = p.polrelid
           where c.relnamespace = 'public'::pg_catalog.regnamespace
             and p.polrelid <> 'public.org_members'::pg_catalog.regclass
             and exists (select 1 from pg_catalog.pg_depend d
                          where d.classid = 'pg_catalog.pg_policy'::pg_catalog.regclass and d.objid = p.oid
                            and d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
                            and d.refobjid = 'public.org_members'::pg_catalog.regclass)
          union
          select 'org_members.' || p.polname
            from pg_catalog.pg_policy p
           where p.polrelid = 'public.org_members'::pg_catalog.regclass
             and (coalesce(pg_catalog.pg_get_expr(p.polqual, p.polrelid), '') || ' ' ||
                  coalesce(pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid), '')) ~ 'org_members')
        select count(*) = 0,
               coalesce('policies reading org_members: ' || string_agg(name, ', ' order by name),
                        'no policy reads public.org_members; membership goes through pf_is_org_member/pf_has_org_role')
          from bad
      $q$),
      (107, 'RLS isolation', 'probe: an authenticated member sees and changes only their own org; anon sees nothing', $q$select * from public.pf_qa_probe_rls()$q$),

      -- =====================================================================================
      -- Entitlements
      -- =====================================================================================
      (201, 'Entitlements', 'canonical flags: pilot neither, pro canExportPDF only, enterprise both', $q$
        with want(plan_code, flag, value) as (values
               ('pilot', 'canExportPDF', false), ('pilot', 'hasAPI', false),
               ('pro', 'canExportPDF', true),    ('pro', 'hasAPI', false),
               ('enterprise', 'canExportPDF', true), ('enterprise', 'hasAPI', true)),
        bad as (
          select w.plan_code || '.' || w.flag || ' = ' || coalesce(pe.value::text, 'missing') || ' (want ' || w.value || ')' as msg
            from want w
            left join public.plan_entitlements pe on pe.plan_code = w.plan_code and pe.flag = w.flag
           where pe.value is distinct from w.value)
        select count(*) = 0,
               coalesce(string_agg(msg, '; ' order by msg), 'pilot: none, pro: canExportPDF, enterprise: canExportPDF + hasAPI')
          from bad
      $q$),
      (202, 'Entitlements', 'plan flag matrix matches the contract and every plan defines every flag', $q$
        with want(plan_code, flag, value) as (
          select p, f, case p when 'pilot' then false
                              when 'enterprise' then true
                              else f in ('canExportPDF', 'canExportDOCX', 'hasTeamWorkspace') end
            from unnest(array['pilot', 'pro', 'enterprise']) p,
                 unnest(array['canExportPDF', 'hasAPI', 'canExportDOCX', 'hasTeamWorkspace', 'hasAuditLog', 'hasSSO']) f),
        wrong as (
          select w.plan_code || '.' || w.flag || ' = ' || coalesce(pe.value::text, 'missing') as msg
            from want w
            left join public.plan_entitlements pe on pe.plan_code = w.plan_code and pe.flag = w.flag
           where pe.value is distinct from w.value),
        plans as (select code from public.plans),
        flags as (select distinct flag from public.plan_entitlements),
        holes as (
          select p.code || '.' || f.flag || ' undefined' as msg
            from plans p cross join flags f
           where not exists (select 1 from public.plan_entitlements pe where pe.plan_code = p.code and pe.flag = f.flag)),
        bad as (select msg from wrong union all select msg from holes)
        select count(*) = 0 and (select count(*) from plans) = 3,
               coalesce(string_agg(msg, '; ' order by msg),
                        (select count(*) from plans) || ' plans x ' || (select count(*) from flags) || ' flags, as documented')
          from bad
      $q$),
      (203, 'Entitlements', 'gating index entitlements_gating_idx on entitlements (org_id, flag)', $q$
        with ix as (
          select i.indexrelid, i.indrelid, i.indisvalid,
                 array(select a.attname::text
                         from unnest(i.indkey::int2[]) with ordinality k(attnum, ord)
                         join pg_catalog.pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
                        where k.ord <= i.indnkeyatts
                        order by k.ord) as keys
            from pg_catalog.pg_index i
           where i.indexrelid = pg_catalog.to_regclass('public.entitlements_gating_idx'))
        select coalesce(bool_and(indrelid = 'public.entitlements'::pg_catalog.regclass and indisvalid
                                 and keys[1:2] = array['org_id', 'flag']), false),
               coalesce(string_agg(pg_catalog.pg_get_indexdef(indexrelid)
                                   || case when indisvalid then '' else ' (INVALID)' end, '; '),
                        'index public.entitlements_gating_idx is missing')
          from ix
      $q$),
      (204, 'Entitlements', 'effective-entitlement views exist and are security_invoker', $q$
        with want(name) as (values ('entitlements_effective_org'), ('entitlements_effective_user')),
        v as (
          select w.name, c.oid, c.relkind,
                 coalesce(c.reloptions && array['security_invoker=true', 'security_invoker=on', 'security_invoker=1',
                                                'security_invoker=yes'], false) as invoker
            from want w
            left join pg_catalog.pg_class c
              on c.relname = w.name and c.relnamespace = 'public'::pg_catalog.regnamespace)
        select count(*) filter (where oid is null or relkind <> 'v' or not invoker) = 0,
               coalesce(string_agg(name || case when oid is null then ' missing' when relkind <> 'v' then ' not a view'
                                                else ' not security_invoker' end, '; ')
                          filter (where oid is null or relkind <> 'v' or not invoker),
                        'both views are security_invoker')
          from v
      $q$),
      (205, 'Entitlements', 'no entitlement or grant ends before it starts', $q$
        with bad as (
          select 'entitlements ' || e.id as msg from public.entitlements e
           where e.valid_until < e.valid_from
          union all
          select 'entitlement_grants ' || g.id from public.entitlement_grants g
           where g.valid_until < g.valid_from)
        select count(*) = 0,
               coalesce(count(*) || ' rows with valid_until < valid_from: ' || string_agg(msg, ', ' order by msg),
                        (select count(*) from public.entitlements) || ' entitlements and '
                          || (select count(*) from public.entitlement_grants) || ' grants have valid windows')
          from bad
      $q$),
      (206, 'Entitlements', 'plan rows of every org match their plan definition', $q$
        with plan_rows as (
          select e.org_id, e.user_id, e.source_ref, e.flag, e.value
            from public.entitlements e where e.source = 'plan'),
        orgs as (select distinct org_id, source_ref from plan_rows),
        want as (
          select o.org_id, o.source_ref, pe.flag, pe.value
            from orgs o join public.plan_entitlements pe on pe.plan_code = o.source_ref),
        mismatch as (
          select coalesce(w.org_id, h.org_id) || ' ' || coalesce(w.source_ref, h.source_ref) || '.' || coalesce(w.flag, h.flag)
                   || ': ' || coalesce(h.value::text, 'missing') || ' (plan says ' || coalesce(w.value::text, 'nothing') || ')' as msg
            from want w
            full join (select * from plan_rows where user_id is null) h
              on h.org_id = w.org_id and h.source_ref = w.source_ref and h.flag = w.flag
           where w.value is distinct from h.value
          union all
          select org_id || ': plan rows of ' || count(distinct source_ref) || ' plans'
            from orgs group by org_id having count(distinct source_ref) > 1
          union all
          select org_id || ': per-user plan row for ' || flag from plan_rows where user_id is not null)
        select count(*) = 0,
               coalesce(count(*) || ' mismatches: ' || string_agg(msg, '; ' order by msg),
                        (select count(*) from plan_rows) || ' plan rows over ' || (select count(*) from orgs)
                          || ' orgs, all equal to plan_entitlements')
          from mismatch
      $q$),
      (207, 'Entitlements', 'orgs with a subscription in force carry that plan''s rows', $q$
        -- in force as the entitlement sync reads it: active or trialing, its period (or trial) not ended
        -- and no cancel_at passed; past_due grace is left out because its length is a job parameter
        with s as (
          select s.org_id, s.plan_code from public.subscriptions s
           where s.status in ('active', 'trialing')
             and (s.cancel_at is null or s.cancel_at > now())
             and coalesce(case when s.status = 'trialing' then coalesce(s.trial_end, s.current_period_end)
                               else s.current_period_end end, 'infinity') > now()
             and exists (select 1 from public.plans p where p.code = s.plan_code)),
        bad as (
          select s.org_id || ' (' || s.plan_code || ')' as msg from s
           where not exists (select 1 from public.entitlements e
                              where e.org_id = s.org_id and e.source = 'plan' and e.source_ref = s.plan_code)
              or exists (select 1 from public.entitlements e
                          where e.org_id = s.org_id and e.source = 'plan' and e.source_ref <> s.plan_code))
        select count(*) = 0 and (select count(*) from s) > 0,
               coalesce('plan rows missing or of another plan: ' || string_agg(msg, ', ' order by msg),
                        (select count(*) from s) || ' subscriptions in force, plan rows in line')
          from bad
      $q$),
      (208, 'Entitlements', 'demo org (pro) gates through entitlements_effective_org: PDF on, API off', $q$
        with g as (
          select (select bool_or(value) from public.entitlements_effective_org
                   where org_id = '00000000-0000-4000-8000-000000000001' and flag = 'canExportPDF') as pdf,
                 (select bool_or(value) from public.entitlements_effective_org
                   where org_id = '00000000-0000-4000-8000-000000000001' and flag = 'hasAPI') as api)
        select pdf is true and coalesce(api, false) is false,
               'canExportPDF=' || coalesce(pdf::text, 'none') || ', hasAPI=' || coalesce(api::text, 'none')
          from g
      $q$),
      (209, 'Entitlements', 'probe: pf_apply_plan_entitlements is idempotent and rejects an unknown plan', $q$select * from public.pf_qa_probe_plan_entitlements()$q$),

      -- =====================================================================================
      -- Scoring and bundles
      -- =====================================================================================
      (301, 'Scoring and bundles', 'overall = (clarity + execution + (100 - ambiguity) + alignment + business_fit) / 5 on every score', $q$
        with bad as (
          select s.run_id, s.overall,
                 round((s.clarity + s.execution + (100 - s.ambiguity) + s.alignment + s.business_fit) / 5.0, 2) as want
            from public.prompt_scores s)
        select count(*) filter (where overall is distinct from want) = 0 and count(*) > 0,
               coalesce('wrong overall: ' || string_agg(run_id || ' ' || overall || ' <> ' || want, ', ')
                                               filter (where overall is distinct from want),
                        count(*) || ' scores recomputed, all equal')
          from bad
      $q$),
      (302, 'Scoring and bundles', 'prompt_scores.overall is a stored generated column', $q$
        select coalesce(bool_and(a.attgenerated = 's'), false),
               coalesce(string_agg(case when a.attgenerated = 's'
                                        then 'generated always as ' || pg_catalog.pg_get_expr(d.adbin, d.adrelid) || ' stored'
                                        else 'overall is a plain column' end, ''),
                        'column public.prompt_scores.overall is missing')
          from pg_catalog.pg_attribute a
          left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
         where a.attrelid = 'public.prompt_scores'::pg_catalog.regclass and a.attname = 'overall' and not a.attisdropped
      $q$),
      (303, 'Scoring and bundles', 'score components within 0..100', $q$
        select count(*) = 0,
               coalesce('out of range: ' || string_agg(s.run_id::text, ', '),
                        (select count(*) from public.prompt_scores) || ' scores in range')
          from public.prompt_scores s
         where not (s.clarity between 0 and 100 and s.execution between 0 and 100 and s.ambiguity between 0 and 100
                    and s.alignment between 0 and 100 and s.business_fit between 0 and 100)
      $q$),
      (304, 'Scoring and bundles', 'every bundle''s run is scored and meets the export threshold (80)', $q$
        with b as (
          select b.id, b.run_id, s.overall, public.run_meets_export_threshold(b.run_id) as meets
            from public.bundles b
            left join public.prompt_scores s on s.run_id = b.run_id)
        select count(*) filter (where overall is null or overall < 80 or meets is not true) = 0,
               coalesce('bundles below threshold: ' || string_agg(id || ' (run ' || run_id || ', overall ' || coalesce(overall::text, 'unscored') || ')', ', ')
                                                        filter (where overall is null or overall < 80 or meets is not true),
                        count(*) || ' bundles, all runs export-ready')
          from b
      $q$),
      (305, 'Scoring and bundles', 'bundles and scores belong to their run''s org', $q$
        with bad as (
          select 'bundle ' || b.id as msg from public.bundles b join public.runs r on r.id = b.run_id
           where b.org_id <> r.org_id
          union all
          select 'score of run ' || s.run_id from public.prompt_scores s join public.runs r on r.id = s.run_id
           where s.org_id <> r.org_id)
        select count(*) = 0,
               coalesce('cross-org rows: ' || string_agg(msg, ', ' order by msg),
                        (select count(*) from public.bundles) || ' bundles and ' || (select count(*) from public.prompt_scores)
                          || ' scores match their run''s org')
          from bad
      $q$),
      (306, 'Scoring and bundles', 'bundle checksums are sha256:<64 hex> and formats are pdf|docx|md|json', $q$
        select count(*) = 0,
               coalesce('bad bundles: ' || string_agg(b.id::text, ', '),
                        (select count(*) from public.bundles) || ' bundles well-formed')
          from public.bundles b
         where b.checksum !~ '^sha256:[0-9a-f]{64}$'
            or coalesce(cardinality(b.formats), 0) = 0
            or not (b.formats <@ array['pdf', 'docx', 'md', 'json'])
      $q$),
      (307, 'Scoring and bundles', 'run_meets_export_threshold: true for the demo run (86), false for an unknown run', $q$
        with demo as (
          select r.id from public.runs r
           where r.org_id = '00000000-0000-4000-8000-000000000001'
             and exists (select 1 from public.prompt_scores s where s.run_id = r.id)
           order by r.created_at limit 1)
        select (select public.run_meets_export_threshold(id) from demo) is true
               and coalesce(public.run_meets_export_threshold(gen_random_uuid()), false) is false,
               'demo run ' || coalesce((select id::text from demo), 'missing') || ': '
                 || coalesce((select public.run_meets_export_threshold(id)::text from demo), 'null')
                 || ', unknown run: ' || coalesce(public.run_meets_export_threshold(gen_random_uuid())::text, 'null')
      $q$),
      (308, 'Scoring and bundles', 'demo run scores 85/88/15/90/82 give overall 86', $q$
        select coalesce(bool_or(s.clarity = 85 and s.execution = 88 and s.ambiguity = 15 and s.alignment = 90
                                and s.business_fit = 82 and s.overall = 86), false),
               coalesce(string_agg(s.clarity || '/' || s.execution || '/' || s.ambiguity || '/' || s.alignment || '/'
                                   || s.business_fit || ' -> ' || s.overall, '; '), 'demo org has no scored run')
          from public.prompt_scores s
         where s.org_id = '00000000-0000-4000-8000-000000000001'
      $q$),
      (309, 'Scoring and bundles', 'probe: the bundle trigger refuses unscored, below-threshold and cross-org runs', $q$select * from public.pf_qa_probe_bundle()$q$),

      -- =====================================================================================
      -- Performance
      -- =====================================================================================
      (401, 'Performance', 'expected indices exist with their key columns (003, 006, 007)', $q$
        with want(name, tbl, keys, partial) as (values
               ('entitlements_gating_idx',             'entitlements',       'org_id,flag',             false),
               ('module_versions_one_current_idx',     'module_versions',    'module_id',               true),
               ('org_members_user_org_idx',            'org_members',        'user_id,org_id',          false),
               ('org_members_owners_idx',              'org_members',        'org_id',                  true),
               ('entitlement_grants_org_flag_idx',     'entitlement_grants', 'org_id,flag',             false),
               ('entitlement_grants_source_ref_idx',   'entitlement_grants', 'source,source_ref',       false),
               ('subscriptions_status_period_end_idx', 'subscriptions',      'status,current_period_end', false),
               ('runs_org_created_idx',                'runs',               'org_id,created_at',       false),
               ('runs_user_created_idx',               'runs',               'user_id,created_at',      false),
               ('runs_org_completed_idx',              'runs',               'org_id,completed_at',     true),
               ('runs_queue_idx',                      'runs',               'created_at',              true),
               ('runs_module_idx',                     'runs',               'module_id',               false),
               ('runs_domain_idx',                     'runs',               'domain_code',             false),
               ('run_telemetry_run_created_idx',       'run_telemetry',      'run_id,created_at',       false),
               ('run_telemetry_org_created_idx',       'run_telemetry',      'org_id,created_at',       false),
               ('prompt_history_run_created_idx',      'prompt_history',     'run_id,created_at',       false),
               ('prompt_history_org_created_idx',      'prompt_history',     'org_id,created_at',       false),
               ('prompt_scores_org_created_idx',       'prompt_scores',      'org_id,created_at',       false),
               ('bundles_run_idx',                     'bundles',            'run_id',                  false),
               ('bundles_org_created_idx',             'bundles',            'org_id,created_at',       false)),
        got as (
          select w.*, i.indexrelid, i.indisvalid, i.indpred is not null as is_partial, c.relname as on_table,
                 (select string_agg(a.attname, ',' order by k.ord)
                    from unnest(i.indkey::int2[]) with ordinality k(attnum, ord)
                    join pg_catalog.pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
                   where k.ord <= i.indnkeyatts) as got_keys
            from want w
            left join pg_catalog.pg_class ic
              on ic.relname = w.name and ic.relnamespace = 'public'::pg_catalog.regnamespace and ic.relkind = 'i'
            left join pg_catalog.pg_index i on i.indexrelid = ic.oid
            left join pg_catalog.pg_class c on c.oid = i.indrelid),
        bad as (
          select name || case when indexrelid is null then ' missing'
                              when on_table <> tbl then ' is on ' || on_table || ', not ' || tbl
                              when got_keys is distinct from keys then ' has keys (' || coalesce(got_keys, '') || '), want (' || keys || ')'
                              when is_partial <> partial then case when partial then ' is not partial' else ' is partial' end
                              else ' is INVALID' end as msg
            from got
           where indexrelid is null or on_table <> tbl or got_keys is distinct from keys
              or is_partial <> partial or not indisvalid)
        select count(*) = 0,
               coalesce(string_agg(msg, '; ' order by msg), (select count(*) from want) || ' expected indices present and valid')
          from bad
      $q$),
      (402, 'Performance', 'every foreign key has an index on its leading columns', $q$
        with fk as (
          select c.conrelid, c.conname, c.conkey, cl.relname
            from pg_catalog.pg_constraint c
            join pg_catalog.pg_class cl on cl.oid = c.conrelid
           where c.contype = 'f' and cl.relnamespace = 'public'::pg_catalog.regnamespace),
        bad as (
          select fk.relname || '(' || (select string_agg(a.attname, ', ' order by k.o)
                                          from unnest(fk.conkey) with ordinality k(n, o)
                                          join pg_catalog.pg_attribute a on a.attrelid = fk.conrelid and a.attnum = k.n)
                 || ') [' || fk.conname || ']' as msg
            from fk
           where not exists (
                   select 1 from pg_catalog.pg_index i
                    where i.indrelid = fk.conrelid and i.indisvalid and i.indpred is null
                      and i.indnkeyatts >= cardinality(fk.conkey)
                      and (select array_agg(x order by x) from unnest((i.indkey::int2[])[0:cardinality(fk.conkey) - 1]) x)
                          = (select array_agg(x order by x) from unnest(fk.conkey) x)))
        select count(*) = 0,
               coalesce('unindexed foreign keys: ' || string_agg(msg, ', ' order by msg),
                        (select count(*) from fk) || ' foreign keys, all covered')
          from bad
      $q$),
      (403, 'Performance', 'no invalid or duplicate index in public', $q$
        with ix as (
          select i.*, c.relname
            from pg_catalog.pg_index i
            join pg_catalog.pg_class c on c.oid = i.indrelid
           where c.relnamespace = 'public'::pg_catalog.regnamespace),
        bad as (
          select 'invalid: ' || indexrelid::pg_catalog.regclass::text as msg from ix where not indisvalid
          union all
          select 'duplicates on ' || relname || ': ' || string_agg(indexrelid::pg_catalog.regclass::text, ' = ' order by indexrelid::pg_catalog.regclass::text)
            from ix
           group by indrelid, relname, indkey::text, indclass::text, indcollation::text,
                    coalesce(pg_catalog.pg_get_expr(indexprs, indrelid), ''), coalesce(pg_catalog.pg_get_expr(indpred, indrelid), '')
          having count(*) > 1)
        select count(*) = 0,
               coalesce(string_agg(msg, '; ' order by msg), (select count(*) from ix) || ' indices, none invalid or duplicated')
          from bad
      $q$),
      (404, 'Performance', 'qa_performance_check view answers with USED|UNUSED|LOW and lists the gating index', $q$
        with v as (select * from public.qa_performance_check)
        select count(*) > 0
               and count(*) filter (where usage_status is null or usage_status not in ('USED', 'UNUSED', 'LOW')) = 0
               and count(*) filter (where index_name::text in ('entitlements_gating_idx', 'public.entitlements_gating_idx')) = 1,
               count(*) || ' indices: '
                 || count(*) filter (where usage_status = 'USED') || ' USED, '
                 || count(*) filter (where usage_status = 'LOW') || ' LOW, '
                 || count(*) filter (where usage_status = 'UNUSED') || ' UNUSED'
                 || coalesce(', bad usage_status: ' || string_agg(distinct coalesce(usage_status, 'null'), ', ')
                               filter (where usage_status is null or usage_status not in ('USED', 'UNUSED', 'LOW')), '')
                 || case when count(*) filter (where index_name::text in ('entitlements_gating_idx', 'public.entitlements_gating_idx')) = 1
                         then '' else ', entitlements_gating_idx not listed' end
          from v
      $q$),
      (405, 'Performance', 'get_org_run_stats(demo org) returns one consistent row', $q$
        with s as (select * from public.get_org_run_stats('00000000-0000-4000-8000-000000000001', 36500))
        select count(*) = 1
               and bool_and(total_runs >= completed_runs and total_runs >= failed_runs and total_runs >= scored_runs
                            and scored_runs >= export_ready_runs and total_runs >= 1 and scored_runs >= 1
                            and export_ready_runs >= 1 and bundles >= 1),
               coalesce(string_agg('total ' || total_runs || ', completed ' || completed_runs || ', scored ' || scored_runs
                                   || ', export-ready ' || export_ready_runs || ', bundles ' || bundles
                                   || ', avg overall ' || coalesce(avg_overall_score::text, 'null'), '; '), 'no row')
          from s
      $q$),
      (406, 'Performance', 'analyze_query_performance() answers (statements, or its not-available row)', $q$
        with a as (select * from public.analyze_query_performance())
        select count(*) >= 1
               or exists (select 1 from pg_catalog.pg_extension where extname = 'pg_stat_statements'),
               count(*) || ' rows; pg_stat_statements '
                 || case when exists (select 1 from pg_catalog.pg_extension where extname = 'pg_stat_statements')
                         then 'installed' else 'not installed (function reports its absence)' end
          from a
      $q$),

      -- =====================================================================================
      -- Data integrity
      -- =====================================================================================
      (501, 'Data integrity', '50 modules M01..M50', $q$
        with want as (select 'M' || lpad(n::text, 2, '0') as id from generate_series(1, 50) n),
        bad as (
          select coalesce(w.id, m.id) || case when m.id is null then ' missing' else ' unexpected' end as msg
            from want w full join public.modules m on m.id = w.id
           where w.id is null or m.id is null)
        select count(*) = 0,
               coalesce(string_agg(msg, ', ' order by msg), (select count(*) from public.modules) || ' modules')
          from bad
      $q$),
      (502, 'Data integrity', '25 domains (CORE 25)', $q$
        select count(*) = 25, count(*) || ' domains' from public.domains
      $q$),
      (503, 'Data integrity', 'each module has exactly one current version, and it is published', $q$
        with m as (
          select m.id,
                 (select count(*) from public.module_versions v where v.module_id = m.id and v.is_current) as cur,
                 (select count(*) from public.module_versions v where v.module_id = m.id and v.is_current and v.status <> 'published') as unpublished
            from public.modules m)
        select count(*) filter (where cur <> 1 or unpublished > 0) = 0 and count(*) > 0,
               coalesce('modules with ' || string_agg(id || ': ' || cur || ' current' || case when unpublished > 0 then ' (not published)' else '' end, ', ' order by id)
                                          filter (where cur <> 1 or unpublished > 0),
                        count(*) || ' modules, one published current version each')
          from m
      $q$),
      (504, 'Data integrity', 'modules.spec equals the current version''s spec', $q$
        select count(*) = 0,
               coalesce('spec differs from current version: ' || string_agg(m.id, ', ' order by m.id),
                        'every modules.spec mirrors its current module_versions row')
          from public.modules m
          join public.module_versions v on v.module_id = m.id and v.is_current
         where m.spec is distinct from v.spec
      $q$),
      (505, 'Data integrity', 'parameters hold exactly the documented codes of the five dimensions', $q$
        with want(dimension, code) as (
          select 'scale', unnest(array['individual', 'team', 'department', 'enterprise']) union all
          select 'urgency', unnest(array['low', 'medium', 'high', 'critical']) union all
          select 'complexity', unnest(array['simple', 'moderate', 'complex', 'expert']) union all
          select 'resources', unnest(array['minimal', 'limited', 'standard', 'extensive']) union all
          select 'application', unnest(array['strategy', 'operations', 'analysis', 'communication', 'innovation'])),
        bad as (
          select coalesce(w.dimension, p.dimension) || '.' || coalesce(w.code, p.code)
                   || case when p.code is null then ' missing' else ' unexpected' end as msg
            from want w full join public.parameters p on p.dimension = w.dimension and p.code = w.code
           where w.code is null or p.code is null)
        select count(*) = 0,
               coalesce(string_agg(msg, ', ' order by msg), (select count(*) from public.parameters) || ' codes over 5 dimensions')
          from bad
      $q$),
      (506, 'Data integrity', 'every run''s parameters: exactly the five dimensions, each a known code', $q$
        with r as (
          select r.id, r.parameters,
                 jsonb_typeof(r.parameters) = 'object'
                 and (select array_agg(k order by k) from jsonb_object_keys(r.parameters) k)
                     = array['application', 'complexity', 'resources', 'scale', 'urgency']
                 and not exists (
                       select 1 from jsonb_each(r.parameters) e
                        where jsonb_typeof(e.value) <> 'string'
                           or not exists (select 1 from public.parameters p
                                           where p.dimension = e.key and p.code = e.value #>> '{}')) as ok
            from public.runs r)
        select count(*) filter (where not ok) = 0,
               coalesce('bad parameters on runs: ' || string_agg(id || ' ' || parameters::text, '; ') filter (where not ok),
                        count(*) || ' runs with valid parameters')
          from r
      $q$),
      (507, 'Data integrity', 'prompt_history checksums match sha256 of the snapshot', $q$
        select count(*) filter (where h.checksum is distinct from
                                  'sha256:' || encode(pg_catalog.sha256(convert_to(h.snapshot::text, 'UTF8')), 'hex')) = 0,
               coalesce('checksum mismatch: ' || string_agg(h.id::text, ', ')
                          filter (where h.checksum is distinct from
                                    'sha256:' || encode(pg_catalog.sha256(convert_to(h.snapshot::text, 'UTF8')), 'hex')),
                        count(*) || ' history rows verified')
          from public.prompt_history h
      $q$),
      (508, 'Data integrity', 'every organization has at least one owner', $q$
        select count(*) = 0,
               coalesce('orgs without owner: ' || string_agg(o.slug, ', ' order by o.slug),
                        (select count(*) from public.organizations) || ' orgs, each with an owner')
          from public.organizations o
         where not exists (select 1 from public.org_members m where m.org_id = o.id and m.role = 'owner')
      $q$),
      (509, 'Data integrity', 'telemetry and history rows belong to their run''s org', $q$
        with bad as (
          select 'telemetry ' || t.id as msg from public.run_telemetry t join public.runs r on r.id = t.run_id
           where t.org_id <> r.org_id
          union all
          select 'history ' || h.id from public.prompt_history h join public.runs r on r.id = h.run_id
           where h.org_id <> r.org_id)
        select count(*) = 0,
               coalesce('cross-org rows: ' || string_agg(msg, ', ' order by msg), 'telemetry and history match their runs')
          from bad
      $q$),
      (510, 'Data integrity', 'module vectors: the 7 dimensions, each a number in [0, 1]', $q$
        with m as (
          select m.id,
                 jsonb_typeof(m.vector) = 'object'
                 and (select array_agg(k order by k) from jsonb_object_keys(m.vector) k)
                     = array['actionability', 'clarity', 'constraints', 'context', 'creativity', 'specificity', 'structure']
                 and not exists (select 1 from jsonb_each(m.vector) e
                                  where jsonb_typeof(e.value) <> 'number'
                                     or (e.value #>> '{}')::numeric not between 0 and 1) as ok
            from public.modules m
           where jsonb_typeof(m.vector) = 'object')
        select count(*) filter (where not ok) = 0
               and (select count(*) from public.modules x where jsonb_typeof(x.vector) <> 'object') = 0,
               coalesce('bad vectors: ' || string_agg(id, ', ' order by id) filter (where not ok),
                        count(*) || ' module vectors valid')
          from m
      $q$),
      (511, 'Data integrity', 'demo org seeded: slug demo, active pro subscription, owner ...a1', $q$
        select coalesce(bool_and(o.slug = 'demo' and s.plan_code = 'pro' and s.status = 'active' and m.role = 'owner'), false),
               coalesce(string_agg('slug ' || o.slug || ', plan ' || coalesce(s.plan_code, 'none') || ' ' || coalesce(s.status, '')
                                   || ', demo user ' || coalesce(m.role, 'not a member'), '; '), 'demo org missing')
          from public.organizations o
          left join public.subscriptions s on s.org_id = o.id
          left join public.org_members m on m.org_id = o.id and m.user_id = '00000000-0000-4000-8000-0000000000a1'
         where o.id = '00000000-0000-4000-8000-000000000001'
      $q$),

      -- =====================================================================================
      -- Security
      -- =====================================================================================
      (601, 'Security', 'membership helpers are SECURITY DEFINER with search_path pinned to empty', $q$
        with want(name) as (values ('pf_is_org_member'), ('pf_has_org_role')),
        f as (
          select w.name, p.oid, p.prosecdef,
                 coalesce('search_path=""' = any (p.proconfig), false) as pinned
            from want w
            left join pg_catalog.pg_proc p on p.proname = w.name and p.pronamespace = 'public'::pg_catalog.regnamespace)
        select count(*) filter (where oid is null or not prosecdef or not pinned) = 0,
               coalesce(string_agg(name || case when oid is null then ' missing' when not prosecdef then ' not SECURITY DEFINER'
                                                else ' search_path not pinned to empty' end, '; ')
                          filter (where oid is null or not prosecdef or not pinned),
                        count(*) || ' helpers: SECURITY DEFINER, search_path=""')
          from f
      $q$),
      (602, 'Security', 'every SECURITY DEFINER function in public pins search_path', $q$
        select count(*) filter (where not coalesce(exists (select 1 from unnest(p.proconfig) c where c like 'search\_path=%'), false)) = 0,
               coalesce('SECURITY DEFINER without search_path: '
                          || string_agg(p.oid::pg_catalog.regprocedure::text, ', ')
                               filter (where not coalesce(exists (select 1 from unnest(p.proconfig) c where c like 'search\_path=%'), false)),
                        count(*) || ' SECURITY DEFINER functions, all with a pinned search_path')
          from pg_catalog.pg_proc p
         where p.pronamespace = 'public'::pg_catalog.regnamespace and p.prosecdef
      $q$),
      (603, 'Security', 'anon and authenticated cannot execute the privileged functions', $q$
        with want(name) as (values ('pf_apply_plan_entitlements'), ('pf_publish_module_version'),
                                   ('pf_rollback_module_version'), ('analyze_query_performance')),
        f as (
          select w.name, p.oid
            from want w
            left join pg_catalog.pg_proc p on p.proname = w.name and p.pronamespace = 'public'::pg_catalog.regnamespace),
        bad as (
          select name || ' missing' as msg from f where oid is null
          union all
          select f.oid::pg_catalog.regprocedure::text || ' executable by ' || r.rolname
            from f cross join (values ('anon'), ('authenticated')) r(rolname)
           where f.oid is not null and pg_catalog.has_function_privilege(r.rolname, f.oid, 'EXECUTE'))
        select count(*) = 0,
               coalesce(string_agg(msg, '; ' order by msg), (select count(*) from f) || ' functions closed to anon and authenticated')
          from bad
      $q$),
      (604, 'Security', 'membership helpers: executable by authenticated and service_role, not by anon', $q$
        with f as (
          select p.oid from pg_catalog.pg_proc p
           where p.pronamespace = 'public'::pg_catalog.regnamespace and p.proname in ('pf_is_org_member', 'pf_has_org_role')),
        bad as (
          select p.oid::pg_catalog.regprocedure::text || ' executable by anon' as msg from f p
           where pg_catalog.has_function_privilege('anon', p.oid, 'EXECUTE')
          union all
          select p.oid::pg_catalog.regprocedure::text || ' not executable by ' || r
            from f p cross join unnest(array['authenticated', 'service_role']) r
           where not pg_catalog.has_function_privilege(r, p.oid, 'EXECUTE'))
        select count(*) = 0 and (select count(*) from f) = 2,
               coalesce(string_agg(msg, '; ' order by msg), (select count(*) from f) || ' helpers: authenticated and service_role only')
          from bad
      $q$),
      (605, 'Security', 'no function in public is executable by anon or PUBLIC (extensions aside)', $q$
        select count(*) = 0,
               coalesce('executable by anon/PUBLIC: ' || string_agg(p.oid::pg_catalog.regprocedure::text, ', ' order by p.oid::pg_catalog.regprocedure::text),
                        (select count(*) from pg_catalog.pg_proc x
                          where x.pronamespace = 'public'::pg_catalog.regnamespace
                            and not exists (select 1 from pg_catalog.pg_depend d
                                             where d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
                                               and d.objid = x.oid and d.deptype = 'e'))
                          || ' functions, none open to anon or PUBLIC')
          from pg_catalog.pg_proc p
         where p.pronamespace = 'public'::pg_catalog.regnamespace
           and not exists (select 1 from pg_catalog.pg_depend d
                            where d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass and d.objid = p.oid and d.deptype = 'e')
           and (pg_catalog.has_function_privilege('anon', p.oid, 'EXECUTE')
                or exists (select 1 from pg_catalog.aclexplode(coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))) a
                            where a.grantee = 0 and a.privilege_type = 'EXECUTE'))
      $q$),
      (606, 'Security', 'anon holds no INSERT/UPDATE/DELETE/TRUNCATE on any table in public (extensions aside)', $q$
        select count(*) = 0,
               coalesce('anon can write: ' || string_agg(c.relname, ', ' order by c.relname), 'anon can write no table')
          from pg_catalog.pg_class c
         where c.relnamespace = 'public'::pg_catalog.regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'f')
           and pg_catalog.has_table_privilege('anon', c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE')
           and not exists (select 1 from pg_catalog.pg_depend d
                            where d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass and d.objid = c.oid and d.deptype = 'e')
      $q$),
      (607, 'Security', 'no table, view or sequence in public grants anything to PUBLIC (extensions aside)', $q$
        select count(*) = 0,
               coalesce('granted to PUBLIC: ' || string_agg(distinct c.relname, ', '), 'nothing granted to PUBLIC')
          from pg_catalog.pg_class c
          cross join lateral pg_catalog.aclexplode(c.relacl) a
         where c.relnamespace = 'public'::pg_catalog.regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
           and a.grantee = 0
           and not exists (select 1 from pg_catalog.pg_depend d
                            where d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass and d.objid = c.oid and d.deptype = 'e')
      $q$),
      (608, 'Security', 'authenticated cannot write billing or catalog tables', $q$
        with t(name) as (values ('plans'), ('plan_entitlements'), ('subscriptions'), ('entitlement_grants'), ('entitlements'),
                                ('modules'), ('domains'), ('parameters'), ('module_versions')),
        bad as (
          select t.name || case when pg_catalog.to_regclass('public.' || t.name) is null then ' missing' else ' writable' end as msg
            from t
           where pg_catalog.to_regclass('public.' || t.name) is null
              or pg_catalog.has_table_privilege('authenticated', pg_catalog.to_regclass('public.' || t.name),
                                                'INSERT, UPDATE, DELETE, TRUNCATE'))
        select count(*) = 0, coalesce(string_agg(msg, ', ' order by msg), '9 tables read-only for authenticated')
          from bad
      $q$),
      (609, 'Security', 'every view in public is security_invoker (extensions aside)', $q$
        select count(*) = 0,
               coalesce('views running with owner rights: ' || string_agg(c.relname, ', ' order by c.relname),
                        (select count(*) from pg_catalog.pg_class v
                          where v.relnamespace = 'public'::pg_catalog.regnamespace and v.relkind = 'v'
                            and not exists (select 1 from pg_catalog.pg_depend d
                                             where d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                                               and d.objid = v.oid and d.deptype = 'e')) || ' views, all security_invoker')
          from pg_catalog.pg_class c
         where c.relnamespace = 'public'::pg_catalog.regnamespace and c.relkind = 'v'
           and not coalesce(c.reloptions && array['security_invoker=true', 'security_invoker=on', 'security_invoker=1',
                                                  'security_invoker=yes'], false)
           and not exists (select 1 from pg_catalog.pg_depend d
                            where d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass and d.objid = c.oid and d.deptype = 'e')
      $q$),
      (610, 'Security', 'flyway_schema_history (if present) is closed to anon and authenticated', $q$
        select coalesce(bool_and(not pg_catalog.has_table_privilege('anon', c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE')
                                 and not pg_catalog.has_table_privilege('authenticated', c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE')), true),
               coalesce(string_agg(case when pg_catalog.has_table_privilege('anon', c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE')
                                          or pg_catalog.has_table_privilege('authenticated', c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE')
                                        then 'anon/authenticated hold privileges on public.flyway_schema_history (revoke them)'
                                        else 'present, closed' end, ''),
                        'absent (migrations not applied by Flyway into public)')
          from pg_catalog.pg_class c
         where c.relnamespace = 'public'::pg_catalog.regnamespace and c.relname = 'flyway_schema_history'
      $q$),
      (611, 'Security', 'QA objects closed to anon and authenticated', $q$
        with bad as (
          select 'run_all_qa_tests() executable by ' || r as msg
            from unnest(array['anon', 'authenticated']) r
           where pg_catalog.has_function_privilege(r, 'public.run_all_qa_tests()'::pg_catalog.regprocedure, 'EXECUTE')
          union all
          select 'qa_verification_summary readable by ' || r
            from unnest(array['anon', 'authenticated']) r
           where pg_catalog.has_table_privilege(r, 'public.qa_verification_summary'::pg_catalog.regclass, 'SELECT'))
        select count(*) = 0, coalesce(string_agg(msg, '; ' order by msg), 'only the owner and service_role run the QA suite')
          from bad
      $q$),
      (612, 'Security', 'private schemas batch and quartz (if present) are closed to anon, authenticated and PUBLIC', $q$
        with sch as (
          select n.oid, n.nspname from pg_catalog.pg_namespace n where n.nspname in ('batch', 'quartz')),
        bad as (
          select s.nspname || ': ' || r || ' has USAGE' as msg
            from sch s cross join unnest(array['anon', 'authenticated']) r
           where pg_catalog.has_schema_privilege(r, s.oid, 'USAGE')
          union all
          select s.nspname || ': USAGE granted to PUBLIC'
            from sch s join pg_catalog.pg_namespace n on n.oid = s.oid
           cross join lateral pg_catalog.aclexplode(coalesce(n.nspacl, pg_catalog.acldefault('n', n.nspowner))) a
           where a.grantee = 0 and a.privilege_type = 'USAGE'
          union all
          select s.nspname || '.' || c.relname || ': privileges for ' || r
            from sch s join pg_catalog.pg_class c on c.relnamespace = s.oid and c.relkind in ('r', 'p', 'v', 'm', 'S')
           cross join unnest(array['anon', 'authenticated']) r
           where case when c.relkind = 'S' then pg_catalog.has_sequence_privilege(r, c.oid, 'USAGE, SELECT, UPDATE')
                      else pg_catalog.has_table_privilege(r, c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE') end)
        select count(*) = 0,
               coalesce(string_agg(msg, '; ' order by msg),
                        coalesce(nullif((select string_agg(nspname, ' and ' order by nspname) from sch), '') || ' closed',
                                 'absent (batch service schemas not created)'))
          from bad
      $q$)
      ) as x(id, category, test_name, query)
$fn$;

-- test 107: two throw-away orgs A and B, then act as owner A (authenticated) and as anon; rolled back
create or replace function public.pf_qa_probe_rls()
returns table (ok boolean, details text)
language plpgsql
volatile
security invoker
set search_path = ''
as $fn$
declare
  v_ok       boolean;
  v_details  text;
  v_msg      text;
  v_n        bigint;
  v_tbl      text;
  v_user_a   uuid;
  v_user_b   uuid;
  v_org_a    uuid;
  v_org_b    uuid;
  v_tenant   text[];
begin
        -- Two throw-away orgs A and B with owners A and B, then act as owner A (authenticated) and
        -- as anon. Everything is undone by the PFQA0 error at the end.
        begin
          v_msg := '';
          v_user_a := gen_random_uuid();
          v_user_b := gen_random_uuid();
          insert into public.organizations (name, slug, created_by)
          values ('QA probe A', 'qa-probe-a-' || left(replace(v_user_a::text, '-', ''), 16), v_user_a)
          returning id into v_org_a;
          insert into public.organizations (name, slug, created_by)
          values ('QA probe B', 'qa-probe-b-' || left(replace(v_user_b::text, '-', ''), 16), v_user_b)
          returning id into v_org_b;
          if not exists (select 1 from public.org_members m
                          where m.org_id = v_org_a and m.user_id = v_user_a and m.role = 'owner') then
            v_msg := v_msg || 'creator did not become owner of the new org; ';
          end if;

          select coalesce(array_agg(c.relname::text order by c.relname), '{}') into v_tenant
            from pg_catalog.pg_class c
            join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped
           where c.relnamespace = 'public'::pg_catalog.regnamespace and c.relkind in ('r', 'p', 'v', 'm')
             and not exists (select 1 from pg_catalog.pg_depend d
                              where d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                                and d.objid = c.oid and d.deptype = 'e');

          perform pg_catalog.set_config('request.jwt.claims',
                    pg_catalog.json_build_object('sub', v_user_a, 'role', 'authenticated')::text, true);
          set local role authenticated;

          if (select auth.uid()) is distinct from v_user_a then
            v_msg := v_msg || 'auth.uid() does not read request.jwt.claims; ';
          end if;
          select count(*) into v_n from public.organizations;
          if v_n <> 1 then v_msg := v_msg || 'member A sees ' || v_n || ' orgs (want 1); '; end if;
          select count(*) into v_n from public.organizations o where o.id = v_org_a;
          if v_n <> 1 then v_msg := v_msg || 'member A cannot see their own org; '; end if;
          select count(*) into v_n from public.org_members;
          if v_n <> 1 then v_msg := v_msg || 'member A sees ' || v_n || ' memberships (want 1); '; end if;
          update public.organizations o set name = 'QA probe hijack' where o.id = v_org_b;
          get diagnostics v_n = row_count;
          if v_n <> 0 then v_msg := v_msg || 'member A renamed org B; '; end if;
          delete from public.org_members m where m.org_id = v_org_b;
          get diagnostics v_n = row_count;
          if v_n <> 0 then v_msg := v_msg || 'member A deleted members of org B; '; end if;
          begin
            insert into public.org_members (org_id, user_id, role) values (v_org_b, v_user_a, 'owner');
            v_msg := v_msg || 'member A joined org B as owner; ';
          exception when insufficient_privilege then
            null;  -- refused, as it should be
          end;
          -- every table and view of public with an org_id column (later migrations' too)
          foreach v_tbl in array v_tenant
          loop
            begin
              execute format('select count(*) from public.%I t where t.org_id <> $1', v_tbl) into v_n using v_org_a;
              if v_n <> 0 then v_msg := v_msg || 'member A sees ' || v_n || ' rows of ' || v_tbl || ' of other orgs; '; end if;
            exception when insufficient_privilege then
              null;  -- not readable at all: nothing leaks either
            end;
          end loop;

          -- anon: no tenant row at all (either refused outright or filtered to nothing)
          set local role anon;
          perform pg_catalog.set_config('request.jwt.claims', '', true);
          foreach v_tbl in array array['organizations'] || v_tenant
          loop
            begin
              execute format('select count(*) from public.%I', v_tbl) into v_n;
              if v_n <> 0 then v_msg := v_msg || 'anon sees ' || v_n || ' rows of ' || v_tbl || '; '; end if;
            exception when insufficient_privilege then
              null;
            end;
          end loop;
          begin
            insert into public.organizations (name, slug) values ('QA probe anon', 'qa-probe-anon-' || left(replace(v_user_b::text, '-', ''), 16));
            v_msg := v_msg || 'anon created an org; ';
          exception when insufficient_privilege then
            null;
          end;

          raise exception using errcode = 'PFQA0', message = v_msg;
        exception when sqlstate 'PFQA0' then
          v_ok := sqlerrm = '';
          v_details := case when v_ok
                            then 'member of A saw only A and changed nothing in B; anon saw no tenant row; '
                                 || cardinality(v_tenant) || ' tables/views with org_id checked (probe rolled back)'
                            else rtrim(sqlerrm, '; ') || ' (probe rolled back)' end;
        end;
  return query select v_ok, v_details;
end;
$fn$;

-- test 209: pf_apply_plan_entitlements on a throw-away org: enterprise -> pro -> pro, unknown plan; rolled back
create or replace function public.pf_qa_probe_plan_entitlements()
returns table (ok boolean, details text)
language plpgsql
volatile
security invoker
set search_path = ''
as $fn$
declare
  v_ok       boolean;
  v_details  text;
  v_msg      text;
  v_org_a    uuid;
  v_sum      text;
begin
        begin
          v_msg := '';
          insert into public.organizations (name, slug)
          values ('QA probe plan', 'qa-probe-plan-' || left(replace(gen_random_uuid()::text, '-', ''), 16))
          returning id into v_org_a;
          perform public.pf_apply_plan_entitlements(v_org_a, 'enterprise');
          perform public.pf_apply_plan_entitlements(v_org_a, 'pro');
          select string_agg(e.flag || '=' || e.value, ',' order by e.flag) into v_sum
            from public.entitlements e where e.org_id = v_org_a and e.source = 'plan';
          perform public.pf_apply_plan_entitlements(v_org_a, 'pro');
          if v_sum is distinct from (select string_agg(e.flag || '=' || e.value, ',' order by e.flag)
                                       from public.entitlements e where e.org_id = v_org_a and e.source = 'plan') then
            v_msg := v_msg || 'second apply of pro changed the rows; ';
          end if;
          if v_sum is distinct from (select string_agg(pe.flag || '=' || pe.value, ',' order by pe.flag)
                                       from public.plan_entitlements pe where pe.plan_code = 'pro') then
            v_msg := v_msg || 'rows after enterprise -> pro are ' || coalesce(v_sum, 'none') || '; ';
          end if;
          if exists (select 1 from public.entitlements e
                      where e.org_id = v_org_a and e.source = 'plan' and e.source_ref <> 'pro') then
            v_msg := v_msg || 'enterprise rows left behind; ';
          end if;
          begin
            perform public.pf_apply_plan_entitlements(v_org_a, 'qa-no-such-plan');
            v_msg := v_msg || 'unknown plan accepted; ';
          exception when others then
            if sqlerrm not like 'unknown plan code "qa-no-such-plan"%' then
              v_msg := v_msg || 'unknown plan error reads: ' || sqlerrm || '; ';
            end if;
          end;
          raise exception using errcode = 'PFQA0', message = v_msg;
        exception when sqlstate 'PFQA0' then
          v_ok := sqlerrm = '';
          v_details := case when v_ok
                            then 'enterprise -> pro -> pro leaves exactly pro''s flags; unknown plan refused (probe rolled back)'
                            else rtrim(sqlerrm, '; ') || ' (probe rolled back)' end;
        end;
  return query select v_ok, v_details;
end;
$fn$;

-- test 309: the bundle trigger's refusals (unscored, below 80, other org) and its acceptance; rolled back
create or replace function public.pf_qa_probe_bundle()
returns table (ok boolean, details text)
language plpgsql
volatile
security invoker
set search_path = ''
as $fn$
declare
  v_ok       boolean;
  v_details  text;
  v_msg      text;
  v_org_b    uuid;
  v_run      uuid;
  v_demo_org constant uuid := '00000000-0000-4000-8000-000000000001';
  v_demo_run uuid;
begin
        begin
          v_msg := '';
          select r.id into v_demo_run
            from public.runs r
           where r.org_id = v_demo_org
             and exists (select 1 from public.prompt_scores s where s.run_id = r.id)
           order by r.created_at limit 1;
          if v_demo_run is null then
            raise exception 'no scored demo run to copy';
          end if;
          -- an unscored copy of the demo run
          insert into public.runs (org_id, user_id, module_id, domain_code, parameters, status)
          select r.org_id, r.user_id, r.module_id, r.domain_code, r.parameters, 'completed'
            from public.runs r where r.id = v_demo_run
          returning id into v_run;
          begin
            insert into public.bundles (run_id, org_id, formats, paths, checksum, license_notice)
            values (v_run, v_demo_org, array['pdf'], '{"pdf": "bundles/qa-probe.pdf"}'::jsonb, 'sha256:' || repeat('0', 64), 'QA probe');
            v_msg := v_msg || 'bundle accepted for an unscored run; ';
          exception when others then
            if sqlerrm !~* 'scor' then v_msg := v_msg || 'unscored run refused for another reason: ' || sqlerrm || '; '; end if;
          end;
          -- below the threshold: overall (50 + 50 + 50 + 50 + 50) / 5 = 50
          insert into public.prompt_scores (run_id, org_id, clarity, execution, ambiguity, alignment, business_fit)
          values (v_run, v_demo_org, 50, 50, 50, 50, 50);
          begin
            insert into public.bundles (run_id, org_id, formats, paths, checksum, license_notice)
            values (v_run, v_demo_org, array['pdf'], '{"pdf": "bundles/qa-probe.pdf"}'::jsonb, 'sha256:' || repeat('0', 64), 'QA probe');
            v_msg := v_msg || 'bundle accepted for a run scored 50; ';
          exception when others then
            if sqlerrm !~* 'threshold' then v_msg := v_msg || 'run scored 50 refused for another reason: ' || sqlerrm || '; '; end if;
          end;
          -- a bundle for the export-ready demo run but filed under another org
          insert into public.organizations (name, slug)
          values ('QA probe other', 'qa-probe-other-' || left(replace(gen_random_uuid()::text, '-', ''), 16))
          returning id into v_org_b;
          begin
            insert into public.bundles (run_id, org_id, formats, paths, checksum, license_notice)
            values (v_demo_run, v_org_b, array['pdf'], '{"pdf": "bundles/qa-probe.pdf"}'::jsonb, 'sha256:' || repeat('0', 64), 'QA probe');
            v_msg := v_msg || 'bundle accepted under another org; ';
          exception when others then
            if sqlerrm !~* 'organi[sz]ation' then v_msg := v_msg || 'other-org bundle refused for another reason: ' || sqlerrm || '; '; end if;
          end;
          -- positive control: the export-ready demo run in its own org is accepted
          begin
            insert into public.bundles (run_id, org_id, formats, paths, checksum, license_notice)
            values (v_demo_run, v_demo_org, array['pdf'], '{"pdf": "bundles/qa-probe.pdf"}'::jsonb, 'sha256:' || repeat('0', 64), 'QA probe');
          exception when others then
            v_msg := v_msg || 'bundle refused for the export-ready demo run: ' || sqlerrm || '; ';
          end;
          raise exception using errcode = 'PFQA0', message = v_msg;
        exception when sqlstate 'PFQA0' then
          v_ok := sqlerrm = '';
          v_details := case when v_ok
                            then 'refused: unscored run, run scored 50, other org; accepted: demo run (probe rolled back)'
                            else rtrim(sqlerrm, '; ') || ' (probe rolled back)' end;
        end;
  return query select v_ok, v_details;
end;
$fn$;

-- ---------------------------------------------------------------------------------------------
-- run_all_qa_tests(): every registered test, in id order, each in its own subtransaction
-- ---------------------------------------------------------------------------------------------
create or replace function public.run_all_qa_tests()
returns table (category text, test_name text, status text, details text)
language plpgsql
volatile
security invoker
set search_path = ''
as $fn$
declare
  v_fn       record;
  t          record;
  v_tests    jsonb := '[]';
  v_set      jsonb;
  v_ok       boolean;
  v_details  text;
begin
  -- discovery: public.pf_qa_tests_NNN(), no arguments, in file-number order
  for v_fn in
    select p.proname::text as name, substr(p.proname, 13)::integer as migration
      from pg_catalog.pg_proc p
     where p.pronamespace = 'public'::pg_catalog.regnamespace
       and p.proname ~ '^pf_qa_tests_[0-9]{3}$'
       and p.pronargs = 0
     order by p.proname
  loop
    begin
      execute format('select coalesce(jsonb_agg(pg_catalog.jsonb_build_object(''id'', r.id, ''category'', r.category,'
                     ' ''test_name'', r.test_name, ''query'', r.query, ''migration'', %s)), ''[]'')'
                     ' from public.%I() as r', v_fn.migration, v_fn.name)
        into v_set;
      v_tests := v_tests || v_set;
    exception when others then
      category  := 'QA registry';
      test_name := v_fn.name || '() lists its tests';
      status    := 'FAIL';
      details   := 'error ' || sqlstate || ': ' || sqlerrm;
      return next;
    end;
  end loop;

  -- one registration per id: the highest file number wins; a null query retires the test
  for t in
    select r.*
      from (select distinct on (e.id) e.*
              from jsonb_to_recordset(v_tests) as e(id integer, category text, test_name text, query text,
                                                     migration integer)
             order by e.id, e.migration desc) as r
     where r.query is not null
     order by r.id
  loop
    v_ok := null;
    v_details := null;
    begin
      execute t.query into v_ok, v_details;
    exception when others then
      v_ok := false;
      v_details := 'error ' || sqlstate || ': ' || sqlerrm;
    end;

    category  := coalesce(t.category, 'QA registry');
    test_name := coalesce(t.test_name, 'test ' || coalesce(t.id::text, '(no id)') || ' of pf_qa_tests_'
                                       || lpad(t.migration::text, 3, '0') || '() has no name');
    status    := case when v_ok and t.category is not null and t.test_name is not null then 'PASS' else 'FAIL' end;
    details   := coalesce(v_details, 'test returned no result');
    return next;
  end loop;
end;
$fn$;

comment on function public.run_all_qa_tests() is
  'PromptForge QA suite: runs every test registered by a public.pf_qa_tests_NNN() function (one per migration), one row per test (category, test_name, status PASS|FAIL, details) checked against the live catalog and data. Probes roll themselves back. Owner and service_role only.';
comment on function public.pf_qa_tests_009() is
  'PromptForge QA: the tests of 001-009 (ids 101-612 except 512-514), discovered by run_all_qa_tests(). Owner and service_role only.';
comment on function public.pf_qa_probe_rls() is
  'PromptForge QA test 107: tenant isolation probe as authenticated and anon (rolled back). Owner and service_role only.';
comment on function public.pf_qa_probe_plan_entitlements() is
  'PromptForge QA test 209: pf_apply_plan_entitlements probe (rolled back). Owner and service_role only.';
comment on function public.pf_qa_probe_bundle() is
  'PromptForge QA test 309: bundle export gate probe (rolled back). Owner and service_role only.';

revoke all on function
  public.run_all_qa_tests(),
  public.pf_qa_tests_009(),
  public.pf_qa_probe_rls(),
  public.pf_qa_probe_plan_entitlements(),
  public.pf_qa_probe_bundle()
  from public, anon, authenticated;
grant execute on function
  public.run_all_qa_tests(),
  public.pf_qa_tests_009(),
  public.pf_qa_probe_rls(),
  public.pf_qa_probe_plan_entitlements(),
  public.pf_qa_probe_bundle()
  to service_role;

-- ---------------------------------------------------------------------------------------------
-- qa_verification_summary: PASS/FAIL counts per category, in suite order
-- ---------------------------------------------------------------------------------------------
create or replace view public.qa_verification_summary
with (security_invoker = true)
as
select q.category,
       count(*)::integer                                    as total,
       count(*) filter (where q.status = 'PASS')::integer   as passed,
       count(*) filter (where q.status = 'FAIL')::integer   as failed
  from public.run_all_qa_tests() q
 group by q.category
 order by array_position(array['RLS isolation', 'Entitlements', 'Scoring and bundles', 'Performance',
                               'Data integrity', 'Security'], q.category);

comment on view public.qa_verification_summary is
  'PromptForge QA: tests, passed and failed per category (runs public.run_all_qa_tests()). Owner and service_role only.';

revoke all on table public.qa_verification_summary from public, anon, authenticated;
grant select on table public.qa_verification_summary to service_role;

-- The data set of RlsOverheadBenchmark (issue 14), generated set-based as the superuser. Placeholders,
-- replaced before it runs: {orgs} organizations with 5 members each, a subscription and their plan's
-- entitlement rows; {runOrgs} of them (the first ones) have runs: {runs} runs over the last 90 days,
-- skewed across those orgs (org i is chosen with density ~ i^(-2/3): the busiest holds ~1/cbrt({runOrgs}),
-- about 5% at 10,000), about 74% scored and 9% bundled, as in issue 14's data set. Deterministic ids:
-- org i is md5('rls-org-' || i)::uuid, its member k (1 = owner, 2 = admin, 3..5 members)
-- md5('rls-user-' || i || '-' || k)::uuid.
--
-- Every row is valid by construction, so the fill skips the per-row checks that would make it take
-- minutes: triggers and foreign-key checks (session_replication_role = replica) and the JSON shape
-- constraints of runs and bundles (plpgsql, ~0.3 ms a row), which are dropped and added back NOT VALID
-- (new rows are checked again; the benchmark database is thrown away). A project-wide generator may
-- replace this file: the benchmark only needs the ids above.
set session_replication_role = replica;
select setseed(0.14);

create temporary table bench_shape_constraints as
select c.conrelid::regclass::text as table_name, c.conname::text as name, pg_get_constraintdef(c.oid) as definition
  from pg_constraint c
 where c.conrelid in ('public.runs'::regclass, 'public.bundles'::regclass) and c.conname like '%\_shape\_chk';

do $$
declare
  v record;
begin
  for v in select * from bench_shape_constraints loop
    execute format('alter table %s drop constraint %I', v.table_name, v.name);
  end loop;
end
$$;

insert into public.organizations (id, name, slug, created_at)
select md5('rls-org-' || i)::uuid, 'Benchmark org ' || i, 'rls-bench-' || i, now() - interval '400 days'
  from generate_series(1, {orgs}) i;

insert into public.org_members (org_id, user_id, role, created_at)
select md5('rls-org-' || i)::uuid, md5('rls-user-' || i || '-' || k)::uuid,
       case k when 1 then 'owner' when 2 then 'admin' else 'member' end, now() - interval '400 days'
  from generate_series(1, {orgs}) i, generate_series(1, 5) k;

-- plans: every third org enterprise, every third pro, the rest pilot; all in force
insert into public.subscriptions (org_id, plan_code, status, current_period_start, current_period_end)
select md5('rls-org-' || i)::uuid, (array['pilot', 'pro', 'enterprise'])[1 + i % 3], 'active',
       date_trunc('month', now()), date_trunc('month', now()) + interval '1 month'
  from generate_series(1, {orgs}) i;

insert into public.entitlements (org_id, flag, value, source, source_ref)
select s.org_id, pe.flag, pe.value, 'plan', s.plan_code
  from public.subscriptions s
  join public.plan_entitlements pe on pe.plan_code = s.plan_code
  join public.organizations o on o.id = s.org_id
 where o.slug like 'rls-bench-%';

-- a personal licence (hasAPI) for the second member of every tenth org
insert into public.entitlements (org_id, user_id, flag, value, source, source_ref)
select md5('rls-org-' || i)::uuid, md5('rls-user-' || i || '-' || 2)::uuid, 'hasAPI', true, 'license', 'lic-' || i
  from generate_series(1, {orgs}, 10) i;

-- runs in creation order (append-only table): org skewed, member uniform, 80% completed
create temporary table bench_runs as
select gen_random_uuid() as id,
       1 + floor({runOrgs} * power(random(), 3))::integer as org_no,
       1 + floor(random() * 5)::integer as member_no,
       now() - random() * interval '90 days' as created_at,
       random() as r_status,
       random() as r_size
  from generate_series(1, {runs});

insert into public.runs (id, org_id, user_id, module_id, domain_code, parameters, status, tokens, duration_ms,
                         created_at, started_at, completed_at, updated_at)
select b.id, md5('rls-org-' || b.org_no)::uuid, md5('rls-user-' || b.org_no || '-' || b.member_no)::uuid,
       'M' || lpad((1 + (b.org_no + b.member_no) % 50)::text, 2, '0'),
       (array['MANUFACTURING', 'BANKING', 'HEALTHCARE', 'RETAIL', 'SOFTWARE', 'LOGISTICS', 'ENERGY',
              'INSURANCE'])[1 + b.org_no % 8],
       '{"scale": "team", "urgency": "high", "complexity": "moderate", "resources": "standard", "application": "analysis"}',
       case when b.r_status < 0.80 then 'completed' when b.r_status < 0.90 then 'failed'
            when b.r_status < 0.95 then 'canceled' when b.r_status < 0.98 then 'running' else 'queued' end,
       case when b.r_status < 0.90 then 200 + floor(b.r_size * 4000)::integer end,
       case when b.r_status < 0.90 then 500 + floor(b.r_size * b.r_size * 60000)::integer end,
       b.created_at,
       case when b.r_status < 0.98 then b.created_at + interval '1 second' end,
       case when b.r_status < 0.90 then b.created_at + interval '1 second'
                                        + (500 + floor(b.r_size * b.r_size * 60000)) * interval '1 millisecond' end,
       b.created_at
  from bench_runs b
 order by b.created_at;

-- scores: 92.5% of completed runs (74% of all), components 55..100
insert into public.prompt_scores (run_id, org_id, clarity, execution, ambiguity, alignment, business_fit,
                                  scored_by, created_at, run_created_at)
select r.id, r.org_id, 55 + floor(random() * 46), 55 + floor(random() * 46), floor(random() * 46),
       55 + floor(random() * 46), 55 + floor(random() * 46), r.user_id, r.completed_at + interval '1 minute',
       r.created_at
  from public.runs r
  join bench_runs b on b.id = r.id
 where r.status = 'completed' and random() < 0.925
 order by r.completed_at;

-- bundles: about 9% of runs, only of runs scored at or above the export threshold (80)
insert into public.bundles (run_id, org_id, formats, paths, checksum, license_notice, created_by, created_at)
select s.run_id, s.org_id, array['pdf'], jsonb_build_object('pdf', 'bundles/' || s.run_id || '.pdf'),
       'sha256:' || encode(sha256(s.run_id::text::bytea), 'hex'), 'benchmark licence notice', s.scored_by,
       s.created_at + interval '1 minute'
  from public.prompt_scores s
  join bench_runs b on b.id = s.run_id
 where s.overall >= 80 and random() < 0.36
 order by s.created_at;

do $$
declare
  v record;
begin
  for v in select * from bench_shape_constraints loop
    execute format('alter table %s add constraint %I %s not valid', v.table_name, v.name, v.definition);
  end loop;
end
$$;

drop table bench_runs, bench_shape_constraints;
reset session_replication_role;

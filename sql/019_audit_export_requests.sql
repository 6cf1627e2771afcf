-- 019_audit_export_requests.sql
--
-- Sets up audit exports that an organization's owner or admin requests from the app (issue 21,
-- section 3), instead of asking someone with shell access on a scheduler machine:
--   * public.audit_export_requests: one row per request. The app inserts it (org and period) and
--     reads it back; the batch service claims it (status queued -> running), runs the audit-export
--     job for that org and period, and writes the outcome into the same row (succeeded: report key,
--     SHA-256, row counts, later a download link; failed: the one-line reason). The app sees the row
--     change (Supabase Realtime or polling).
--
-- Rules (row-level security in the style of 017, the membership once per statement):
--   * an owner or admin of the organization inserts a request for it, as themselves
--     (requested_by = auth.uid(), its default), with status queued and nothing else;
--   * the period is whole days (UTC), period_from .. period_to inclusive, at most 366 days (a
--     CHECK, for every role);
--   * at most 3 requests of one organization are queued or running at a time (trigger
--     pf_limit_open_audit_export_requests, serialized per organization by a transaction advisory
--     lock, so two concurrent inserts cannot both be the third);
--   * owners and admins read their organization's requests and cancel a queued one: the only
--     update they may make is status queued -> canceled (column privilege on status only, and the
--     policy's USING / WITH CHECK); the trigger stamps finished_at;
--   * plain members, members of other organizations and anon can do none of this; only the batch
--     service (service_role, or the owner that runs the migrations) changes status, results or
--     links, and deletes.

-- ---------------------------------------------------------------------------------------------
-- table
-- ---------------------------------------------------------------------------------------------
create table if not exists public.audit_export_requests (
  id              uuid        primary key default gen_random_uuid(),
  org_id          uuid        not null references public.organizations (id) on delete cascade,
  -- null only for a request the batch service files itself
  requested_by    uuid        default auth.uid(),
  period_from     date        not null,
  period_to       date        not null,
  status          text        not null default 'queued'
                  constraint audit_export_requests_status_chk
                  check (status in ('queued', 'running', 'succeeded', 'failed', 'canceled')),
  created_at      timestamptz not null default now(),
  started_at      timestamptz,
  finished_at     timestamptz,
  error           text,
  -- the report's path in the report store, relative to it: audit/audit-<slug>-<from>-<to>.xlsx
  report_key      text,
  sha256          text
                  constraint audit_export_requests_sha256_chk check (sha256 ~ '^[0-9a-f]{64}$'),
  row_counts      jsonb,
  download_url    text,
  url_expires_at  timestamptz,
  -- inclusive days: period_to - period_from + 1 <= 366
  constraint audit_export_requests_period_chk
    check (period_from <= period_to and period_to - period_from < 366)
);

comment on table public.audit_export_requests is
  'Audit exports requested by an organization''s owner or admin (insert org_id, period_from, period_to; at most 366 days; at most 3 queued or running per org). The batch service runs each once (status queued -> running -> succeeded | failed) and writes report_key, sha256, row_counts and download_url back; a queued request may be canceled by its org''s owners and admins.';
comment on column public.audit_export_requests.row_counts is
  'Rows the export wrote, per sheet: {"scored_runs": n, "bundles": n, "anomalies": n}.';

-- the org's requests, newest first (also covers the foreign key)
create index if not exists audit_export_requests_org_created_idx
  on public.audit_export_requests (org_id, created_at);

-- the batch service's queue: the oldest queued request first
create index if not exists audit_export_requests_queued_idx
  on public.audit_export_requests (created_at) where status = 'queued';

-- ---------------------------------------------------------------------------------------------
-- row_counts' JSON shape (013's machinery: pf_json_shapes() is the one list of shaped columns)
-- ---------------------------------------------------------------------------------------------
create or replace function public.pf_json_problem_audit_export_row_counts(
  p_value jsonb, p_path text default 'audit_export_requests.row_counts')
returns text
language plpgsql
immutable
set search_path = ''
as $$
declare
  v_key text;
  v_problem text;
begin
  if p_value is null then
    return null;  -- no counts until the export succeeded
  end if;
  v_problem := public.pf_json_problem_keys(p_value, p_path, array['scored_runs', 'bundles', 'anomalies']);
  if v_problem is not null then
    return v_problem;
  end if;
  foreach v_key in array array['scored_runs', 'bundles', 'anomalies'] loop
    v_problem := public.pf_json_problem_count(p_value -> v_key, p_path || '.' || v_key);
    if v_problem is not null then
      return v_problem;
    end if;
  end loop;
  return null;
end
$$;

comment on function public.pf_json_problem_audit_export_row_counts(jsonb, text) is
  'JSON shape of audit_export_requests.row_counts: NULL when valid (or null), else the problem.';

-- 013's list with this file's column added (same rows, same order, one more)
create or replace function public.pf_json_shapes()
returns table (table_name text, key_column text, column_name text, constraint_name text, problem text)
language sql
immutable
set search_path = ''
as $$
  values
    ('modules',         'id',   'vector',     'modules_vector_shape_chk',
     'public.pf_json_problem_module_vector(vector)'),
    ('modules',         'id',   'spec',       'modules_spec_shape_chk',
     'public.pf_json_problem_module_spec(spec)'),
    ('modules',         'id',   'kpis',       'modules_kpis_shape_chk',
     'public.pf_json_problem_module_kpis(kpis)'),
    ('domains',         'code', 'jargon',     'domains_jargon_shape_chk',
     'public.pf_json_problem_domain_jargon(jargon)'),
    ('domains',         'code', 'compliance', 'domains_compliance_shape_chk',
     'public.pf_json_problem_domain_compliance(compliance)'),
    ('module_versions', 'id',   'spec',       'module_versions_spec_shape_chk',
     'public.pf_json_problem_module_spec(spec, ''module_versions.spec'', status <> ''draft'')'),
    ('runs',            'id',   'parameters', 'runs_parameters_shape_chk',
     'public.pf_json_problem_run_parameters(parameters)'),
    ('run_telemetry',   'id',   'payload',    'run_telemetry_payload_shape_chk',
     'public.pf_json_problem_run_telemetry_payload(event_type, payload)'),
    ('prompt_history',  'id',   'snapshot',   'prompt_history_snapshot_shape_chk',
     'public.pf_json_problem_prompt_history_snapshot(snapshot)'),
    ('bundles',         'id',   'paths',      'bundles_paths_shape_chk',
     'public.pf_json_problem_bundle_paths(formats, paths)'),
    ('audit_export_requests', 'id', 'row_counts', 'audit_export_requests_row_counts_shape_chk',
     'public.pf_json_problem_audit_export_row_counts(row_counts)')
$$;

-- validated at once: the table is new and empty
alter table public.audit_export_requests
  drop constraint if exists audit_export_requests_row_counts_shape_chk,
  add constraint audit_export_requests_row_counts_shape_chk
    check (public.pf_json_check('audit_export_requests_row_counts_shape_chk',
                                public.pf_json_problem_audit_export_row_counts(row_counts)));

-- ---------------------------------------------------------------------------------------------
-- at most 3 queued or running requests per organization
-- ---------------------------------------------------------------------------------------------
create or replace function public.pf_limit_open_audit_export_requests()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_open integer;
begin
  if new.status not in ('queued', 'running') then
    return new;
  end if;
  -- one inserter per organization at a time until commit: a concurrent insert waits here and then
  -- counts this one (read committed: each statement sees what committed before it started)
  perform pg_catalog.pg_advisory_xact_lock(
    pg_catalog.hashtextextended('promptforge.audit_export_requests:' || new.org_id::text, 0));
  select count(*) into v_open
    from public.audit_export_requests r
   where r.org_id = new.org_id
     and r.status in ('queued', 'running');
  if v_open >= 3 then
    raise exception 'organization % already has % audit export requests queued or running: at most 3',
      new.org_id, v_open
      using errcode = '23514',
            hint = 'Wait for one to finish, or cancel a queued one (update ... set status = ''canceled'').';
  end if;
  return new;
end
$$;

comment on function public.pf_limit_open_audit_export_requests() is
  'Trigger function (before insert on audit_export_requests): refuses a fourth queued or running request of an organization; serialized per organization by a transaction advisory lock.';

create or replace trigger audit_export_requests_limit_open
  before insert on public.audit_export_requests
  for each row execute function public.pf_limit_open_audit_export_requests();

-- a canceled request is finished when it is canceled
create or replace function public.pf_stamp_canceled_audit_export_request()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.status = 'canceled' and old.status is distinct from 'canceled' then
    new.finished_at := coalesce(new.finished_at, now());
  end if;
  return new;
end
$$;

comment on function public.pf_stamp_canceled_audit_export_request() is
  'Trigger function (before update on audit_export_requests): sets finished_at when a request is canceled.';

create or replace trigger audit_export_requests_stamp_canceled
  before update of status on public.audit_export_requests
  for each row execute function public.pf_stamp_canceled_audit_export_request();

revoke all on function public.pf_json_problem_audit_export_row_counts(jsonb, text) from public, anon, authenticated;
revoke all on function public.pf_limit_open_audit_export_requests() from public, anon, authenticated;
revoke all on function public.pf_stamp_canceled_audit_export_request() from public, anon, authenticated;
grant execute on function public.pf_json_problem_audit_export_row_counts(jsonb, text) to authenticated, service_role;
grant execute on function public.pf_limit_open_audit_export_requests() to service_role;
grant execute on function public.pf_stamp_canceled_audit_export_request() to service_role;

-- ---------------------------------------------------------------------------------------------
-- row level security: owners and admins of the org; the batch service (BYPASSRLS) does the rest
-- ---------------------------------------------------------------------------------------------
alter table public.audit_export_requests enable row level security;

drop policy if exists audit_export_requests_select_admin on public.audit_export_requests;
create policy audit_export_requests_select_admin on public.audit_export_requests
  for select to authenticated
  using (org_id = any ((select public.pf_my_org_ids(array['owner', 'admin']))::uuid[]));

-- a new request: queued, filed as oneself (the column privileges keep every other column at its default)
drop policy if exists audit_export_requests_insert_admin on public.audit_export_requests;
create policy audit_export_requests_insert_admin on public.audit_export_requests
  for insert to authenticated
  with check (
    org_id = any ((select public.pf_my_org_ids(array['owner', 'admin']))::uuid[])
    and requested_by = (select auth.uid())
    and status = 'queued'
  );

-- cancel: a queued request becomes canceled (status is the only column authenticated may update)
drop policy if exists audit_export_requests_cancel_admin on public.audit_export_requests;
create policy audit_export_requests_cancel_admin on public.audit_export_requests
  for update to authenticated
  using (org_id = any ((select public.pf_my_org_ids(array['owner', 'admin']))::uuid[]) and status = 'queued')
  with check (org_id = any ((select public.pf_my_org_ids(array['owner', 'admin']))::uuid[]) and status = 'canceled');

-- ---------------------------------------------------------------------------------------------
-- privileges
-- ---------------------------------------------------------------------------------------------
revoke all on table public.audit_export_requests from public, anon, authenticated;
grant select on table public.audit_export_requests to authenticated;
grant insert (org_id, requested_by, period_from, period_to, status) on table public.audit_export_requests
  to authenticated;
grant update (status) on table public.audit_export_requests to authenticated;
grant all on table public.audit_export_requests to service_role;

-- =============================================================================================
-- QA: this file's tests, discovered by run_all_qa_tests() (009 explains the registration)
-- =============================================================================================

-- test 190: the request rules acted out on two throw-away orgs as authenticated and anon; the PFQA0
-- error at the end rolls every row back
create or replace function public.pf_qa_probe_audit_export_requests()
returns table (ok boolean, details text)
language plpgsql
volatile
security invoker
set search_path = ''
as $fn$
declare
  v_ok       boolean;
  v_details  text;
  v_msg      text := '';
  v_n        bigint;
  v_owner    uuid := gen_random_uuid();
  v_member   uuid := gen_random_uuid();
  v_outsider uuid := gen_random_uuid();
  v_org      uuid;
  v_other    uuid;
  v_request  uuid;
  v_case     record;
begin
  begin
    insert into public.organizations (name, slug, created_by)
    values ('QA probe requests', 'qa-probe-req-' || left(replace(v_owner::text, '-', ''), 16), v_owner)
    returning id into v_org;
    insert into public.organizations (name, slug, created_by)
    values ('QA probe requests other', 'qa-probe-req-o-' || left(replace(v_outsider::text, '-', ''), 16), v_outsider)
    returning id into v_other;
    insert into public.org_members (org_id, user_id, role) values (v_org, v_member, 'member');

    -- the owner files a request and cancels it, and cannot queue it again
    perform pg_catalog.set_config('request.jwt.claims',
              pg_catalog.json_build_object('sub', v_owner, 'role', 'authenticated')::text, true);
    set local role authenticated;
    insert into public.audit_export_requests (org_id, period_from, period_to)
    values (v_org, date '2026-01-01', date '2026-01-31') returning id into v_request;
    update public.audit_export_requests r set status = 'canceled' where r.id = v_request;
    get diagnostics v_n = row_count;
    if v_n <> 1 then v_msg := v_msg || 'owner could not cancel a queued request; '; end if;
    update public.audit_export_requests r set status = 'queued' where r.id = v_request;
    get diagnostics v_n = row_count;
    if v_n <> 0 then v_msg := v_msg || 'owner re-queued a canceled request; '; end if;

    -- refused while the org has room for more (so only the rule under test can refuse them), then
    -- the org is filled with three open requests and refused a fourth and tenant changes
    for v_case in
      select * from (values
        (1, 'a forged requested_by', format('insert into public.audit_export_requests (org_id, requested_by, period_from, period_to) values (%L, %L, %L, %L)', v_org, v_member, '2026-05-01', '2026-05-31')),
        (1, 'a 400-day period',      format('insert into public.audit_export_requests (org_id, period_from, period_to) values (%L, %L, %L)', v_org, '2025-01-01', '2026-02-04')),
        (1, 'a request of another org', format('insert into public.audit_export_requests (org_id, period_from, period_to) values (%L, %L, %L)', v_other, '2026-01-01', '2026-01-31')),
        (1, 'a status other than queued', format('insert into public.audit_export_requests (org_id, period_from, period_to, status) values (%L, %L, %L, %L)', v_org, '2026-01-01', '2026-01-31', 'running')),
        (2, 'a fourth open request', format('insert into public.audit_export_requests (org_id, period_from, period_to) values (%L, %L, %L)', v_org, '2026-05-01', '2026-05-31')),
        (2, 'a status set by a tenant', format('update public.audit_export_requests set status = %L where org_id = %L', 'succeeded', v_org)),
        (2, 'a report key set by a tenant', format('update public.audit_export_requests set report_key = %L where org_id = %L', 'audit/forged.xlsx', v_org))
      ) as c(phase, name, statement)
      order by c.phase
    loop
      if v_case.phase = 2 and not exists (select 1 from public.audit_export_requests r
                                           where r.org_id = v_org and r.period_from = date '2026-04-01') then
        insert into public.audit_export_requests (org_id, period_from, period_to)
        values (v_org, date '2026-02-01', date '2026-02-28'), (v_org, date '2026-03-01', date '2026-03-31'),
               (v_org, date '2026-04-01', date '2026-04-30');
      end if;
      begin
        execute v_case.statement;
        get diagnostics v_n = row_count;
        if v_n <> 0 then v_msg := v_msg || v_case.name || ' accepted; '; end if;
      exception when insufficient_privilege or check_violation then
        null;  -- refused, as it should be
      end;
    end loop;
    select count(*) into v_n from public.audit_export_requests r where r.org_id = v_org and r.requested_by = v_owner;
    if v_n <> 4 then v_msg := v_msg || 'owner reads ' || v_n || ' of their org''s 4 requests; '; end if;

    -- a plain member: sees nothing, files nothing
    perform pg_catalog.set_config('request.jwt.claims',
              pg_catalog.json_build_object('sub', v_member, 'role', 'authenticated')::text, true);
    select count(*) into v_n from public.audit_export_requests;
    if v_n <> 0 then v_msg := v_msg || 'a plain member sees ' || v_n || ' requests; '; end if;
    begin
      insert into public.audit_export_requests (org_id, period_from, period_to)
      values (v_org, date '2026-06-01', date '2026-06-30');
      v_msg := v_msg || 'a plain member filed a request; ';
    exception when insufficient_privilege or check_violation then
      null;
    end;

    -- anon: no privilege at all
    set local role anon;
    perform pg_catalog.set_config('request.jwt.claims', '', true);
    begin
      select count(*) into v_n from public.audit_export_requests;
      v_msg := v_msg || 'anon reads the requests; ';
    exception when insufficient_privilege then
      null;
    end;

    raise exception using errcode = 'PFQA0', message = v_msg;
  exception when sqlstate 'PFQA0' then
    v_ok := sqlerrm = '';
    v_details := case when v_ok
                      then 'owner filed, read and canceled; refused: a fourth open request, forged requested_by, '
                           || '400-day period, another org, tenant status and result changes, plain member, anon (probe rolled back)'
                      else rtrim(sqlerrm, '; ') || ' (probe rolled back)' end;
  end;
  return query select v_ok, v_details;
end;
$fn$;

create or replace function public.pf_qa_tests_019()
returns table (id integer, category text, test_name text, query text)
language sql
immutable
set search_path = ''
as $fn$
  select x.id, x.category, x.test_name, x.query
    from (values
      (190, 'RLS isolation', 'probe: audit export requests: owners and admins file, read and cancel their org''s; the rest is refused (019)',
       $q$select * from public.pf_qa_probe_audit_export_requests()$q$),
      (490, 'Performance', 'audit_export_requests has its org listing and queue indices (019)', $q$
        with want(name, keys, partial) as (values
               ('audit_export_requests_org_created_idx', 'org_id,created_at', false),
               ('audit_export_requests_queued_idx',      'created_at',        true)),
        got as (
          select w.*, i.indexrelid, i.indpred is not null as is_partial,
                 (select string_agg(a.attname, ',' order by k.ord)
                    from unnest(i.indkey::int2[]) with ordinality k(attnum, ord)
                    join pg_catalog.pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum) as got_keys
            from want w
            left join pg_catalog.pg_class ic
              on ic.relname = w.name and ic.relnamespace = 'public'::pg_catalog.regnamespace and ic.relkind = 'i'
            left join pg_catalog.pg_index i
              on i.indexrelid = ic.oid and i.indrelid = 'public.audit_export_requests'::pg_catalog.regclass and i.indisvalid)
        select count(*) filter (where indexrelid is null or got_keys is distinct from keys or is_partial <> partial) = 0,
               coalesce(string_agg(name, ', ') filter (where indexrelid is null or got_keys is distinct from keys
                                                              or is_partial <> partial) || ' missing or different',
                        count(*) || ' indices present')
          from got
      $q$),
      (690, 'Security', 'authenticated inserts only org, requester, period and status of audit_export_requests and updates only status; anon nothing (019)', $q$
        with cols as (
          select a.attname::text as col,
                 pg_catalog.has_column_privilege('authenticated', a.attrelid, a.attname, 'INSERT') as ins,
                 pg_catalog.has_column_privilege('authenticated', a.attrelid, a.attname, 'UPDATE') as upd
            from pg_catalog.pg_attribute a
           where a.attrelid = 'public.audit_export_requests'::pg_catalog.regclass and a.attnum > 0 and not a.attisdropped),
        bad as (
          select 'authenticated may insert ' || col as msg from cols
           where ins and col not in ('org_id', 'requested_by', 'period_from', 'period_to', 'status')
          union all
          select 'authenticated may update ' || col from cols where upd and col <> 'status'
          union all
          select 'authenticated may delete' where pg_catalog.has_table_privilege('authenticated',
                   'public.audit_export_requests'::pg_catalog.regclass, 'DELETE, TRUNCATE')
          union all
          select 'anon holds a privilege' where pg_catalog.has_table_privilege('anon',
                   'public.audit_export_requests'::pg_catalog.regclass, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE'))
        select count(*) = 0, coalesce(string_agg(msg, '; ' order by msg),
                                      'only the batch service writes results; tenants file and cancel')
          from bad
      $q$)
      ) as x(id, category, test_name, query)
$fn$;

comment on function public.pf_qa_probe_audit_export_requests() is
  'PromptForge QA test 190: the audit export request rules acted out (rolled back). Owner and service_role only.';
comment on function public.pf_qa_tests_019() is
  'PromptForge QA: the tests of 019 (ids 190, 490, 690, the c90-c99 ids docs/DATABASE.md gives 019), discovered by run_all_qa_tests(). Owner and service_role only.';

revoke all on function public.pf_qa_probe_audit_export_requests(), public.pf_qa_tests_019() from public, anon, authenticated;
grant execute on function public.pf_qa_probe_audit_export_requests(), public.pf_qa_tests_019() to service_role;

-- 005_history_telemetry_scores.sql
--
-- Sets up the work an organization does with the catalog (004):
--   * runs: one prompt generation for a module, a domain and the five parameters;
--   * run_telemetry: events of a run (start, LLM calls, end);
--   * prompt_history: append-only snapshots of a run's prompt, each with a sha256 checksum set by
--     a trigger (pgcrypto digest), so an audit can prove a snapshot was not altered;
--   * prompt_scores: the quality scores of a run; overall is the mean of clarity, execution,
--     100 - ambiguity, alignment and business_fit (generated column);
--   * bundles: exported deliverables of a run, allowed only for a run of the same organization
--     whose overall score reaches the export threshold (80, run_meets_export_threshold()).
-- Members read all of their organization's rows and create rows only in their own organizations;
-- child rows must belong to the same organization as their run (trigger, with clear messages).

-- ---------------------------------------------------------------------------------------------
-- runs
-- ---------------------------------------------------------------------------------------------
create table if not exists public.runs (
  id            uuid        primary key default gen_random_uuid(),
  org_id        uuid        not null references public.organizations (id) on delete cascade,
  user_id       uuid        not null default auth.uid(),
  module_id     text        not null references public.modules (id),
  domain_code   text        not null references public.domains (code),
  parameters    jsonb       not null
                constraint runs_parameters_object_chk check (jsonb_typeof(parameters) = 'object'),
  status        text        not null default 'queued'
                constraint runs_status_chk check (status in ('queued', 'running', 'completed', 'failed', 'canceled')),
  prompt        text,
  output        text,
  tokens        integer     constraint runs_tokens_chk check (tokens >= 0),
  duration_ms   integer     constraint runs_duration_ms_chk check (duration_ms >= 0),
  created_at    timestamptz not null default now(),
  started_at    timestamptz,
  completed_at  timestamptz,
  updated_at    timestamptz not null default now(),
  constraint runs_completed_after_started_chk
    check (completed_at is null or started_at is null or completed_at >= started_at)
);

comment on table public.runs is
  'One prompt generation of an organization: module x domain x parameters ({scale, urgency, complexity, resources, application}, codes from public.parameters).';

create or replace trigger runs_set_updated_at
  before update on public.runs
  for each row execute function public.set_updated_at();

-- parameters must name exactly the five dimensions, each with a code from public.parameters;
-- a run never moves to another organization
create or replace function public.pf_validate_run()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_missing text;
  v_unknown text;
  v_bad     text;
begin
  if tg_op = 'UPDATE' and new.org_id <> old.org_id then
    raise exception 'run % cannot move to another organization', old.id using errcode = '42501';
  end if;

  if tg_op = 'INSERT' or new.parameters is distinct from old.parameters then
    if jsonb_typeof(new.parameters) is distinct from 'object' then
      raise exception 'run parameters must be a JSON object with the keys scale, urgency, complexity, resources, application'
        using errcode = '23514';
    end if;

    select string_agg(d, ', ' order by d) into v_missing
    from unnest(array['scale', 'urgency', 'complexity', 'resources', 'application']) as d
    where not (new.parameters ? d);

    select string_agg(k, ', ' order by k) into v_unknown
    from jsonb_object_keys(new.parameters) as k
    where k not in ('scale', 'urgency', 'complexity', 'resources', 'application');

    if v_missing is not null or v_unknown is not null then
      raise exception 'run parameters must have exactly the keys scale, urgency, complexity, resources, application (missing: %; unknown: %)',
        coalesce(v_missing, 'none'), coalesce(v_unknown, 'none')
        using errcode = '23514';
    end if;

    select string_agg(format('%s=%s', p.key, p.value), ', ' order by p.key) into v_bad
    from jsonb_each(new.parameters) as p
    where jsonb_typeof(p.value) <> 'string'
       or not exists (
         select 1 from public.parameters c
         where c.dimension = p.key and c.code = p.value ->> 0
       );

    if v_bad is not null then
      raise exception 'run parameters have unknown codes: % (allowed codes are in public.parameters)', v_bad
        using errcode = '23514';
    end if;
  end if;
  return new;
end
$$;

comment on function public.pf_validate_run() is
  'Trigger function (before insert/update on runs): checks parameters against public.parameters and keeps org_id fixed.';

create or replace trigger runs_validate
  before insert or update of org_id, parameters on public.runs
  for each row execute function public.pf_validate_run();

-- ---------------------------------------------------------------------------------------------
-- child rows of a run: same organization as the run (org_id may be left out: it is filled in)
-- ---------------------------------------------------------------------------------------------
create or replace function public.pf_check_run_org()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_run_org uuid;
begin
  select r.org_id into v_run_org from public.runs r where r.id = new.run_id;
  if not found then
    raise exception 'run % does not exist', new.run_id using errcode = '23503';
  end if;
  if new.org_id is null then
    new.org_id := v_run_org;
  elsif new.org_id <> v_run_org then
    raise exception 'run % belongs to another organization than %', new.run_id, new.org_id
      using errcode = '42501';
  end if;
  return new;
end
$$;

comment on function public.pf_check_run_org() is
  'Trigger function (before insert/update of run_id, org_id on run_telemetry, prompt_history, prompt_scores): the row''s org_id must be its run''s (filled in when null).';

-- ---------------------------------------------------------------------------------------------
-- run_telemetry
-- ---------------------------------------------------------------------------------------------
create table if not exists public.run_telemetry (
  id          bigint      generated always as identity primary key,
  run_id      uuid        not null references public.runs (id) on delete cascade,
  org_id      uuid        not null references public.organizations (id) on delete cascade,
  event_type  text        not null
              constraint run_telemetry_event_type_chk check (event_type in ('run_started', 'llm_call', 'run_completed', 'run_failed')),
  payload     jsonb       not null default '{}',
  created_at  timestamptz not null default now()
);

comment on table public.run_telemetry is
  'Events of a run: run_started, llm_call, run_completed, run_failed (details in payload).';

create or replace trigger run_telemetry_check_run_org
  before insert or update of run_id, org_id on public.run_telemetry
  for each row execute function public.pf_check_run_org();

-- ---------------------------------------------------------------------------------------------
-- prompt_history (append-only)
-- ---------------------------------------------------------------------------------------------
create table if not exists public.prompt_history (
  id          uuid        primary key default gen_random_uuid(),
  run_id      uuid        not null references public.runs (id) on delete cascade,
  org_id      uuid        not null references public.organizations (id) on delete cascade,
  user_id     uuid        default auth.uid(),
  action      text        not null
              constraint prompt_history_action_chk check (action in ('created', 'edited', 'scored', 'exported')),
  snapshot    jsonb       not null,
  checksum    text        not null
              constraint prompt_history_checksum_chk check (checksum ~ '^sha256:[0-9a-f]{64}$'),
  created_at  timestamptz not null default now()
);

comment on table public.prompt_history is
  'Append-only snapshots of a run''s prompt; checksum = ''sha256:'' || hex(sha256(snapshot::text)), set by trigger.';

create or replace trigger prompt_history_check_run_org
  before insert or update of run_id, org_id on public.prompt_history
  for each row execute function public.pf_check_run_org();

-- pgcrypto lives in schema extensions on Supabase and in public on plain PostgreSQL: digest() is
-- called unqualified with both schemas on the path
create or replace function public.pf_set_prompt_history_checksum()
returns trigger
language plpgsql
set search_path = pg_catalog, extensions, public
as $$
begin
  new.checksum := 'sha256:' || encode(digest(new.snapshot::text, 'sha256'), 'hex');
  return new;
end
$$;

comment on function public.pf_set_prompt_history_checksum() is
  'Trigger function (before insert/update on prompt_history): checksum = ''sha256:'' || hex(pgcrypto digest(snapshot::text, ''sha256'')).';

create or replace trigger prompt_history_set_checksum
  before insert or update on public.prompt_history
  for each row execute function public.pf_set_prompt_history_checksum();

-- only service_role may change or delete history; rows removed by the cascade of a deleted run or
-- organization are let through
create or replace function public.pf_prompt_history_append_only()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if current_user = 'service_role' then
    return coalesce(new, old);
  end if;
  if tg_op = 'DELETE'
     and (not exists (select 1 from public.runs r where r.id = old.run_id)
          or not exists (select 1 from public.organizations o where o.id = old.org_id)) then
    return old;
  end if;
  raise exception 'prompt_history is append-only: % is not allowed', lower(tg_op)
    using errcode = '42501';
end
$$;

comment on function public.pf_prompt_history_append_only() is
  'Trigger function (before update/delete on prompt_history): only service_role changes history; cascaded deletes pass.';

create or replace trigger prompt_history_append_only
  before update or delete on public.prompt_history
  for each row execute function public.pf_prompt_history_append_only();

-- ---------------------------------------------------------------------------------------------
-- prompt_scores
-- ---------------------------------------------------------------------------------------------
create table if not exists public.prompt_scores (
  run_id        uuid         primary key references public.runs (id) on delete cascade,
  org_id        uuid         not null references public.organizations (id) on delete cascade,
  clarity       smallint     not null constraint prompt_scores_clarity_chk check (clarity between 0 and 100),
  execution     smallint     not null constraint prompt_scores_execution_chk check (execution between 0 and 100),
  ambiguity     smallint     not null constraint prompt_scores_ambiguity_chk check (ambiguity between 0 and 100),
  alignment     smallint     not null constraint prompt_scores_alignment_chk check (alignment between 0 and 100),
  business_fit  smallint     not null constraint prompt_scores_business_fit_chk check (business_fit between 0 and 100),
  overall       numeric(5,2) generated always as
                ((clarity + execution + (100 - ambiguity) + alignment + business_fit) / 5.0) stored,
  scored_by     uuid         default auth.uid(),
  created_at    timestamptz  not null default now()
);

comment on table public.prompt_scores is
  'Quality scores of a run (0..100; ambiguity: lower is better). overall = mean of clarity, execution, 100 - ambiguity, alignment, business_fit.';

create or replace trigger prompt_scores_check_run_org
  before insert or update of run_id, org_id on public.prompt_scores
  for each row execute function public.pf_check_run_org();

-- export threshold: overall >= 80 (security invoker: false for runs the caller cannot see)
create or replace function public.run_meets_export_threshold(p_run_id uuid)
returns boolean
language sql
stable
set search_path = ''
as $$
  select coalesce((select s.overall >= 80 from public.prompt_scores s where s.run_id = p_run_id), false)
$$;

comment on function public.run_meets_export_threshold(uuid) is
  'True when the run is scored with overall >= 80 (the export threshold for bundles).';

-- ---------------------------------------------------------------------------------------------
-- bundles
-- ---------------------------------------------------------------------------------------------
create table if not exists public.bundles (
  id              uuid        primary key default gen_random_uuid(),
  run_id          uuid        not null references public.runs (id) on delete cascade,
  org_id          uuid        not null references public.organizations (id) on delete cascade,
  -- non-empty, every element one of the formats (<@ is false for null elements)
  formats         text[]      not null
                  constraint bundles_formats_chk
                  check (cardinality(formats) > 0 and formats <@ array['pdf', 'docx', 'md', 'json']),
  paths           jsonb       not null,
  checksum        text        not null
                  constraint bundles_checksum_chk check (checksum ~ '^sha256:[0-9a-f]{64}$'),
  license_notice  text        not null,
  created_by      uuid        default auth.uid(),
  created_at      timestamptz not null default now()
);

comment on table public.bundles is
  'Exported deliverables of a run (formats pdf, docx, md, json). Only for a scored run of the same organization with overall >= 80.';

create or replace function public.pf_check_bundle_run()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_run_org uuid;
  v_overall numeric;
begin
  select r.org_id into v_run_org from public.runs r where r.id = new.run_id;
  if not found then
    raise exception 'cannot create bundle: run % does not exist', new.run_id using errcode = '23503';
  end if;
  if new.org_id is null then
    new.org_id := v_run_org;
  elsif new.org_id <> v_run_org then
    raise exception 'cannot create bundle: run % belongs to another organization', new.run_id
      using errcode = '42501';
  end if;

  select s.overall into v_overall from public.prompt_scores s where s.run_id = new.run_id;
  if not found then
    raise exception 'cannot create bundle: run % has not been scored', new.run_id
      using errcode = '23514', hint = 'Score the run first (prompt_scores).';
  end if;
  if v_overall < 80 then
    raise exception 'cannot create bundle: run % scored % overall, below the export threshold of 80', new.run_id, v_overall
      using errcode = '23514';
  end if;
  return new;
end
$$;

comment on function public.pf_check_bundle_run() is
  'Trigger function (before insert/update of run_id, org_id on bundles): the run must exist, belong to the bundle''s organization, be scored and reach the export threshold (80).';

create or replace trigger bundles_check_run
  before insert or update of run_id, org_id on public.bundles
  for each row execute function public.pf_check_bundle_run();

revoke all on function public.pf_validate_run() from public, anon, authenticated;
revoke all on function public.pf_check_run_org() from public, anon, authenticated;
revoke all on function public.pf_set_prompt_history_checksum() from public, anon, authenticated;
revoke all on function public.pf_prompt_history_append_only() from public, anon, authenticated;
revoke all on function public.pf_check_bundle_run() from public, anon, authenticated;
revoke all on function public.run_meets_export_threshold(uuid) from public, anon;
grant execute on function
  public.pf_validate_run(), public.pf_check_run_org(), public.pf_set_prompt_history_checksum(),
  public.pf_prompt_history_append_only(), public.pf_check_bundle_run()
  to service_role;
grant execute on function public.run_meets_export_threshold(uuid) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- row level security
-- ---------------------------------------------------------------------------------------------
alter table public.runs enable row level security;
alter table public.run_telemetry enable row level security;
alter table public.prompt_history enable row level security;
alter table public.prompt_scores enable row level security;
alter table public.bundles enable row level security;

drop policy if exists runs_select_member on public.runs;
create policy runs_select_member on public.runs
  for select to authenticated
  using (public.pf_is_org_member(org_id));

drop policy if exists runs_insert_member on public.runs;
create policy runs_insert_member on public.runs
  for insert to authenticated
  with check (public.pf_is_org_member(org_id) and user_id = (select auth.uid()));

drop policy if exists runs_update_member on public.runs;
create policy runs_update_member on public.runs
  for update to authenticated
  using (public.pf_is_org_member(org_id))
  with check (public.pf_is_org_member(org_id));

drop policy if exists run_telemetry_select_member on public.run_telemetry;
create policy run_telemetry_select_member on public.run_telemetry
  for select to authenticated
  using (public.pf_is_org_member(org_id));

drop policy if exists run_telemetry_insert_member on public.run_telemetry;
create policy run_telemetry_insert_member on public.run_telemetry
  for insert to authenticated
  with check (public.pf_is_org_member(org_id));

drop policy if exists prompt_history_select_member on public.prompt_history;
create policy prompt_history_select_member on public.prompt_history
  for select to authenticated
  using (public.pf_is_org_member(org_id));

drop policy if exists prompt_history_insert_member on public.prompt_history;
create policy prompt_history_insert_member on public.prompt_history
  for insert to authenticated
  with check (public.pf_is_org_member(org_id) and (user_id is null or user_id = (select auth.uid())));

drop policy if exists prompt_scores_select_member on public.prompt_scores;
create policy prompt_scores_select_member on public.prompt_scores
  for select to authenticated
  using (public.pf_is_org_member(org_id));

drop policy if exists prompt_scores_insert_member on public.prompt_scores;
create policy prompt_scores_insert_member on public.prompt_scores
  for insert to authenticated
  with check (public.pf_is_org_member(org_id) and (scored_by is null or scored_by = (select auth.uid())));

drop policy if exists bundles_select_member on public.bundles;
create policy bundles_select_member on public.bundles
  for select to authenticated
  using (public.pf_is_org_member(org_id));

drop policy if exists bundles_insert_member on public.bundles;
create policy bundles_insert_member on public.bundles
  for insert to authenticated
  with check (public.pf_is_org_member(org_id) and (created_by is null or created_by = (select auth.uid())));

-- ---------------------------------------------------------------------------------------------
-- privileges: clients read, insert (no ids of others, no timestamps) and update runs' progress
-- ---------------------------------------------------------------------------------------------
revoke all on table
  public.runs, public.run_telemetry, public.prompt_history, public.prompt_scores, public.bundles
  from public, anon, authenticated;

grant select on table
  public.runs, public.run_telemetry, public.prompt_history, public.prompt_scores, public.bundles
  to authenticated;

grant insert (id, org_id, user_id, module_id, domain_code, parameters, status, prompt, output,
              tokens, duration_ms, started_at, completed_at)
  on table public.runs to authenticated;
grant update (status, prompt, output, tokens, duration_ms, started_at, completed_at)
  on table public.runs to authenticated;
grant insert (run_id, org_id, event_type, payload) on table public.run_telemetry to authenticated;
grant insert (id, run_id, org_id, user_id, action, snapshot) on table public.prompt_history to authenticated;
grant insert (run_id, org_id, clarity, execution, ambiguity, alignment, business_fit, scored_by)
  on table public.prompt_scores to authenticated;
grant insert (id, run_id, org_id, formats, paths, checksum, license_notice, created_by)
  on table public.bundles to authenticated;

grant all on table
  public.runs, public.run_telemetry, public.prompt_history, public.prompt_scores, public.bundles
  to service_role;

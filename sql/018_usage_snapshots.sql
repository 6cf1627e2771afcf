-- 018_usage_snapshots.sql
--
-- Sets up what the weekly usage-report job (batch job usage-report) keeps between runs, so that a
-- past week can be re-reported after its runs are deleted and week-over-week trends need no
-- recomputation:
--   * public.get_org_run_stats_between(org, from, until): the figures of get_org_run_stats (007)
--     over a fixed period (an ISO week) instead of "the last n days"; get_org_run_stats is
--     redefined over it, so the figures have one definition;
--   * usage.org_weeks: one row per organization and ISO week, the figures of that week and its
--     runs per day, with the org's slug and name as they were (the org may be deleted later);
--   * usage.statement_snapshots / usage.statement_counters: the cumulative pg_stat_statements
--     counters at each report, so that the report shows the change between two snapshots
--     without ever calling pg_stat_statements_reset().
-- The tables are in a schema of their own, private to the batch service like batch and quartz
-- (010, 011): PostgREST exposes schema public only, and anon and authenticated get no usage on the
-- schema and no privilege on its tables (the statement texts are database-wide and may carry any
-- tenant's literals, so no member may read them). RLS is enabled anyway, without policies, so a
-- privilege granted by mistake still shows no row; the owner and service_role (BYPASSRLS) read
-- and write them.

-- ---------------------------------------------------------------------------------------------
-- get_org_run_stats over a fixed period
-- ---------------------------------------------------------------------------------------------
create or replace function public.get_org_run_stats_between(p_org_id uuid, p_from timestamptz,
                                                            p_until timestamptz)
returns table (
  total_runs         bigint,
  completed_runs     bigint,
  failed_runs        bigint,
  scored_runs        bigint,
  avg_overall_score  numeric,
  export_ready_runs  bigint,
  bundles            bigint,
  active_users       bigint,
  total_tokens       bigint,
  avg_duration_ms    numeric,
  p95_duration_ms    numeric
)
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  if p_from is null or p_until is null or p_until <= p_from then
    raise exception 'the period must have a start before its end, got % to %',
      coalesce(p_from::text, 'null'), coalesce(p_until::text, 'null')
      using errcode = '22023';
  end if;

  return query
  select
    count(*),
    count(*) filter (where r.status = 'completed'),
    count(*) filter (where r.status = 'failed'),
    count(s.run_id),
    round(avg(s.overall), 2),
    count(*) filter (where s.overall >= 80),
    (select count(*) from public.bundles b
      where b.org_id = p_org_id and b.created_at >= p_from and b.created_at < p_until),
    count(distinct r.user_id),
    coalesce(sum(r.tokens), 0)::bigint,
    round(avg(r.duration_ms) filter (where r.status = 'completed'), 2),
    round((percentile_cont(0.95) within group (order by r.duration_ms)
           filter (where r.status = 'completed'))::numeric, 2)
  from public.runs r
  left join public.prompt_scores s on s.run_id = r.id
  where r.org_id = p_org_id
    and r.created_at >= p_from
    and r.created_at < p_until;
end
$$;

comment on function public.get_org_run_stats_between(uuid, timestamptz, timestamptz) is
  'The figures of get_org_run_stats for the organization''s runs created in [p_from, p_until) (bundles: created in that period; durations: completed runs). Security invoker: an authenticated caller only counts rows RLS lets them see.';

revoke all on function public.get_org_run_stats_between(uuid, timestamptz, timestamptz) from public, anon;
grant execute on function public.get_org_run_stats_between(uuid, timestamptz, timestamptz)
  to authenticated, service_role;

-- Same signature, same checks, same figures as 007's; now the last p_days days up to any time
-- (007 had no upper bound: a run created later in the same transaction still counts).
create or replace function public.get_org_run_stats(p_org_id uuid, p_days integer default 30)
returns table (
  total_runs         bigint,
  completed_runs     bigint,
  failed_runs        bigint,
  scored_runs        bigint,
  avg_overall_score  numeric,
  export_ready_runs  bigint,
  bundles            bigint,
  active_users       bigint,
  total_tokens       bigint,
  avg_duration_ms    numeric,
  p95_duration_ms    numeric
)
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  if p_days is null or p_days < 1 then
    raise exception 'p_days must be a positive number of days, got %', coalesce(p_days::text, 'null')
      using errcode = '22023';
  end if;
  return query
  select * from public.get_org_run_stats_between(p_org_id, now() - make_interval(days => p_days),
                                                 'infinity'::timestamptz);
end
$$;

-- ---------------------------------------------------------------------------------------------
-- schema usage: private to the batch service
-- ---------------------------------------------------------------------------------------------
create schema if not exists usage;
comment on schema usage is 'What the usage-report job keeps between runs: weekly per-org figures and pg_stat_statements snapshots (private to the batch service).';
revoke all on schema usage from public;

-- ---------------------------------------------------------------------------------------------
-- usage.org_weeks: the figures of one organization in one ISO week
-- ---------------------------------------------------------------------------------------------
create table if not exists usage.org_weeks (
  week_start         date        not null
                     constraint org_weeks_week_start_monday_chk check (extract(isodow from week_start) = 1),
  -- no foreign key: the record of a week outlives the organization and its runs
  org_id             uuid        not null,
  org_slug           text        not null,
  org_name           text        not null,
  total_runs         bigint      not null,
  completed_runs     bigint      not null,
  failed_runs        bigint      not null,
  scored_runs        bigint      not null,
  avg_overall_score  numeric,
  export_ready_runs  bigint      not null,
  bundles            bigint      not null,
  active_users       bigint      not null,
  total_tokens       bigint      not null,
  avg_duration_ms    numeric,
  p95_duration_ms    numeric,
  -- runs created on Monday .. Sunday (UTC) of the week
  runs_per_day       bigint[]    not null
                     constraint org_weeks_runs_per_day_chk check (cardinality(runs_per_day) = 7),
  -- computed after the week ended (UTC): final. A row computed during its week is recomputed by the
  -- next report of that week; a complete row is never recomputed (its runs may be gone by then).
  complete           boolean     not null,
  computed_at        timestamptz not null default now(),
  job_execution_id   bigint,
  primary key (week_start, org_id)
);

comment on table usage.org_weeks is
  'Per organization and ISO week (week_start = Monday, UTC): the figures of get_org_run_stats_between over the week and its runs per day, as the usage-report job computed them. Rows with complete = true are final.';

-- one organization's weeks (the org parameter of the report, trends)
create index if not exists org_weeks_org_week_idx on usage.org_weeks (org_id, week_start);

-- ---------------------------------------------------------------------------------------------
-- usage.statement_snapshots / usage.statement_counters: pg_stat_statements at each report
-- ---------------------------------------------------------------------------------------------
create table if not exists usage.statement_snapshots (
  id                 bigint      generated always as identity primary key,
  taken_at           timestamptz not null default now(),
  week_start         date        not null,
  job_execution_id   bigint,
  -- pg_stat_statements_info.stats_reset: when the counters last started from zero
  stats_reset        timestamptz,
  -- false: the extension was missing or unreadable; note says why, and no counters were kept
  available          boolean     not null,
  note               text
);

comment on table usage.statement_snapshots is
  'One row per usage report: when pg_stat_statements was read (or why it could not be). The report''s query-performance figures are the counters of this snapshot minus those of the one before.';

create index if not exists statement_snapshots_taken_idx on usage.statement_snapshots (taken_at);

create table if not exists usage.statement_counters (
  snapshot_id        bigint      not null references usage.statement_snapshots (id) on delete cascade,
  userid             oid         not null,
  queryid            bigint      not null,
  toplevel           boolean     not null,
  role_name          text,
  query              text        not null,
  calls              bigint      not null,
  total_exec_time_ms double precision not null,
  rows               bigint      not null,
  shared_blks_hit    bigint      not null,
  shared_blks_read   bigint      not null,
  primary key (snapshot_id, queryid, userid, toplevel)
);

comment on table usage.statement_counters is
  'The cumulative pg_stat_statements counters of the current database at one snapshot, one row per statement (queryid, user, top level or nested).';

-- ---------------------------------------------------------------------------------------------
-- row level security and privileges: the batch service only
-- ---------------------------------------------------------------------------------------------
alter table usage.org_weeks enable row level security;
alter table usage.statement_snapshots enable row level security;
alter table usage.statement_counters enable row level security;

revoke all on table usage.org_weeks, usage.statement_snapshots, usage.statement_counters
  from public, anon, authenticated;
grant usage on schema usage to service_role;
grant all on table usage.org_weeks, usage.statement_snapshots, usage.statement_counters to service_role;

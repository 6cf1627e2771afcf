-- 007_performance_indices.sql
--
-- Sets up what keeps the database fast and lets us check that it stays so:
--   * indices for the dashboards (runs per organization over time), for the policies
--     (membership lookups by user) and for the batch queue, plus an index on every foreign key
--     that no primary key or unique constraint already leads with (so cascading deletes of an
--     organization or a run, and deletes in the catalog, do not scan whole tables);
--   * get_org_run_stats(org, days): the dashboard summary of one organization, computed as the
--     caller (security invoker), so RLS decides what an authenticated caller may count;
--   * qa_performance_check: every index of the tables in schema public with its size and how
--     often it was used;
--   * analyze_query_performance(): the most expensive statements from pg_stat_statements, or one
--     row saying the extension is not installed. It is security definer, so that service_role sees the
--     statement texts the owner may see; executable by service_role (and the owner) only.
-- Plain "create index" (no concurrently): Flyway runs each migration in one transaction.

-- ---------------------------------------------------------------------------------------------
-- indices
-- ---------------------------------------------------------------------------------------------

-- "my organizations" and the membership helpers (index-only: role is included)
create index if not exists org_members_user_org_idx
  on public.org_members (user_id, org_id) include (role);

-- last-owner check counts an organization's owners
create index if not exists org_members_owners_idx
  on public.org_members (org_id) where role = 'owner';

-- grants of an organization (foreign key) and by purchase reference (billing sync)
create index if not exists entitlement_grants_org_flag_idx
  on public.entitlement_grants (org_id, flag);
create index if not exists entitlement_grants_source_ref_idx
  on public.entitlement_grants (source, source_ref);

-- subscriptions coming up for renewal / expiry (billing sync)
create index if not exists subscriptions_status_period_end_idx
  on public.subscriptions (status, current_period_end);

-- runs: dashboards per organization and per user, completed runs, the batch queue, catalog keys
create index if not exists runs_org_created_idx
  on public.runs (org_id, created_at desc);
create index if not exists runs_user_created_idx
  on public.runs (user_id, created_at desc);
create index if not exists runs_org_completed_idx
  on public.runs (org_id, completed_at) where status = 'completed';
create index if not exists runs_queue_idx
  on public.runs (created_at) where status in ('queued', 'running');
create index if not exists runs_module_idx
  on public.runs (module_id);
create index if not exists runs_domain_idx
  on public.runs (domain_code);

-- children of a run: per run (foreign key, run detail pages) and per organization over time
create index if not exists run_telemetry_run_created_idx
  on public.run_telemetry (run_id, created_at);
create index if not exists run_telemetry_org_created_idx
  on public.run_telemetry (org_id, created_at desc);
create index if not exists prompt_history_run_created_idx
  on public.prompt_history (run_id, created_at);
create index if not exists prompt_history_org_created_idx
  on public.prompt_history (org_id, created_at desc);
create index if not exists prompt_scores_org_created_idx
  on public.prompt_scores (org_id, created_at desc) include (overall);
create index if not exists bundles_run_idx
  on public.bundles (run_id);
create index if not exists bundles_org_created_idx
  on public.bundles (org_id, created_at desc);

-- ---------------------------------------------------------------------------------------------
-- get_org_run_stats(org, days): dashboard summary over the runs created in the last p_days days
-- ---------------------------------------------------------------------------------------------
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
declare
  v_since timestamptz;
begin
  if p_days is null or p_days < 1 then
    raise exception 'p_days must be a positive number of days, got %', coalesce(p_days::text, 'null')
      using errcode = '22023';
  end if;
  v_since := now() - make_interval(days => p_days);

  return query
  select
    count(*),
    count(*) filter (where r.status = 'completed'),
    count(*) filter (where r.status = 'failed'),
    count(s.run_id),
    round(avg(s.overall), 2),
    count(*) filter (where s.overall >= 80),
    (select count(*) from public.bundles b where b.org_id = p_org_id and b.created_at >= v_since),
    count(distinct r.user_id),
    coalesce(sum(r.tokens), 0)::bigint,
    round(avg(r.duration_ms) filter (where r.status = 'completed'), 2),
    round((percentile_cont(0.95) within group (order by r.duration_ms)
           filter (where r.status = 'completed'))::numeric, 2)
  from public.runs r
  left join public.prompt_scores s on s.run_id = r.id
  where r.org_id = p_org_id
    and r.created_at >= v_since;
end
$$;

comment on function public.get_org_run_stats(uuid, integer) is
  'Dashboard summary of the organization''s runs created in the last p_days days (bundles: created in that window; durations: completed runs). Security invoker: an authenticated caller only counts rows RLS lets them see.';

revoke all on function public.get_org_run_stats(uuid, integer) from public, anon;
grant execute on function public.get_org_run_stats(uuid, integer) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- qa_performance_check: index usage of the tables in schema public
-- ---------------------------------------------------------------------------------------------
create or replace view public.qa_performance_check
with (security_invoker = true) as
select
  s.relname::text                        as table_name,
  s.indexrelname::text                   as index_name,
  pg_catalog.pg_relation_size(s.indexrelid) as index_size,
  s.idx_scan                             as index_scans,
  -- LOW: used, but fewer than 50 scans since statistics were last reset
  case
    when s.idx_scan = 0 then 'UNUSED'
    when s.idx_scan < 50 then 'LOW'
    else 'USED'
  end                                    as usage_status
from pg_catalog.pg_stat_user_indexes s
where s.schemaname = 'public';

comment on view public.qa_performance_check is
  'One row per index of the tables in schema public: index_size in bytes, index_scans since the last statistics reset, usage_status UNUSED (0 scans), LOW (1..49 scans) or USED (50 or more).';

revoke all on table public.qa_performance_check from public, anon, authenticated;
grant select on table public.qa_performance_check to service_role;

-- ---------------------------------------------------------------------------------------------
-- analyze_query_performance(): top statements of this database by total execution time
-- ---------------------------------------------------------------------------------------------
create or replace function public.analyze_query_performance()
returns table (
  query               text,
  calls               bigint,
  total_exec_time_ms  double precision,
  mean_exec_time_ms   double precision,
  rows                bigint
)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_schema text;
begin
  select n.nspname into v_schema
  from pg_catalog.pg_extension e
  join pg_catalog.pg_namespace n on n.oid = e.extnamespace
  where e.extname = 'pg_stat_statements';

  if v_schema is null then
    return query select 'pg_stat_statements is not installed in this database'::text,
                        null::bigint, null::double precision, null::double precision, null::bigint;
    return;
  end if;

  -- dynamic SQL: the function must compile where the extension does not exist
  begin
    return query execute format(
      'select s.query, s.calls, s.total_exec_time, s.mean_exec_time, s.rows
         from %I.pg_stat_statements s
        where s.dbid = (select d.oid from pg_catalog.pg_database d where d.datname = pg_catalog.current_database())
        order by s.total_exec_time desc
        limit 20',
      v_schema);
  exception
    -- installed but not loaded (shared_preload_libraries), or not readable by the caller
    when object_not_in_prerequisite_state or insufficient_privilege then
      return query select format('pg_stat_statements is installed but not usable: %s', sqlerrm),
                          null::bigint, null::double precision, null::double precision, null::bigint;
  end;
end
$$;

comment on function public.analyze_query_performance() is
  'Top 20 statements of this database by total execution time (pg_stat_statements); one row with a message and null figures when the extension is not installed or not loaded. service_role and the owner only.';

revoke all on function public.analyze_query_performance() from public, anon, authenticated;
grant execute on function public.analyze_query_performance() to service_role;

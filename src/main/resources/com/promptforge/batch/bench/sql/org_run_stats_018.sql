-- get_org_run_stats_between and get_org_run_stats as 018 defined them (runs left join prompt_scores, one score
-- probe per run), in schema pf_bench, so that 022's figures and time can be compared with them on the same data
-- (OrgRunStatsCase, RunStatsIndexOnlyTest). Bodies verbatim but for the schema; executable by authenticated too,
-- so that the comparison also runs under RLS. A script of five statements run whole (the bodies span lines), not
-- one statement: the one-statement rule's exception, as the generator's scripts are.
create schema if not exists pf_bench;
grant usage on schema pf_bench to authenticated, service_role;

create or replace function pf_bench.get_org_run_stats_between(p_org_id uuid, p_from timestamptz,
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

create or replace function pf_bench.get_org_run_stats(p_org_id uuid, p_days integer default 30)
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
  select * from pf_bench.get_org_run_stats_between(p_org_id, now() - make_interval(days => p_days),
                                                   'infinity'::timestamptz);
end
$$;

grant execute on function pf_bench.get_org_run_stats_between(uuid, timestamptz, timestamptz),
                          pf_bench.get_org_run_stats(uuid, integer) to authenticated, service_role;

-- 022_run_stats_index_only.sql
--
-- Makes get_org_run_stats / get_org_run_stats_between read indexes only (issue 23). Until now their one
-- query read every run of the window from the heap (9.3k rows for the busiest org at 10M runs) and probed
-- prompt_scores once per run for its score: 106 ms, where the runs' figures alone, index-only, take 4.5-7 ms
-- and the scores' by an (org, time) index 1.7 ms (../shared/PERFORMANCE.md).
--
-- Why a new column: the window is the RUN's creation time, and prompt_scores' own created_at is the time
-- of scoring (minutes to days later, or earlier when loaded by hand): an index on it cannot say which scores
-- belong to the runs of a window. So the score carries its run's creation time:
--   * prompt_scores.run_created_at (not null): the created_at of the score's run, filled in by a trigger on
--     insert (or a change of run_id), and followed when a run's created_at changes (service_role only: members
--     may not update runs.created_at). A score's org_id is already its run's (005's pf_check_run_org). A bulk
--     load with triggers off (session_replication_role = replica, as the generator does) must write it
--     itself; QA test 545 checks every score against its run.
--     The other route, the score's overall kept in runs, was not taken: every score would update its run
--     (a new version of the widest, most indexed table, its updated_at and validation triggers fired).
-- Indexes:
--   * runs_org_created_idx is rebuilt under its name with the columns the figures read included
--     (same key (org_id, created_at desc): every query that used it still can);
--   * prompt_scores_org_run_created_idx (org_id, run_created_at) include (overall).
-- get_org_run_stats_between gets a new body: the runs' figures and the scores' figures are two index-only
-- aggregates of the same window (exactly the rows 018's left join paired: one score per run, same org, same
-- time), the bundles' count unchanged. Signature, security invoker, search_path, checks, grants and comment
-- are 018's; get_org_run_stats (018) calls it, so it takes the new body too. Same figures, tested against
-- 018's definition (RunStatsIndexOnlyTest). Index-only scans need the visibility map: on a freshly loaded
-- table run VACUUM (autovacuum does, later).
--
-- QA: this file registers, in pf_qa_tests_022(), test 545 (every score's run_created_at is its run's).

-- ---------------------------------------------------------------------------------------------
-- prompt_scores.run_created_at: the creation time of the score's run
-- ---------------------------------------------------------------------------------------------
alter table public.prompt_scores add column if not exists run_created_at timestamptz;

update public.prompt_scores s
   set run_created_at = r.created_at
  from public.runs r
 where r.id = s.run_id
   and s.run_created_at is distinct from r.created_at;

-- only a score loaded with its foreign key unchecked (triggers off) can lack its run
do $$
declare
  v_orphans bigint;
begin
  select count(*) into v_orphans from public.prompt_scores s where s.run_created_at is null;
  if v_orphans > 0 then
    raise exception '% prompt_scores rows have no run (run_id not in public.runs): delete them or restore their runs, then migrate again',
      v_orphans using errcode = '23503';
  end if;
end
$$;

alter table public.prompt_scores alter column run_created_at set not null;

comment on column public.prompt_scores.run_created_at is
  'created_at of the score''s run (kept by triggers), so that the scores of the runs created in a period are found by an index (get_org_run_stats).';

create or replace function public.pf_set_score_run_created_at()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- for share: a concurrent change of the run's created_at waits for this score, or this score for it
  select r.created_at into new.run_created_at from public.runs r where r.id = new.run_id for share;
  if not found then
    raise exception 'run % does not exist', new.run_id using errcode = '23503';
  end if;
  return new;
end
$$;

comment on function public.pf_set_score_run_created_at() is
  'Trigger function (before insert/update of run_id, run_created_at on prompt_scores): run_created_at = the run''s created_at, whatever was given.';

create or replace trigger prompt_scores_set_run_created_at
  before insert or update of run_id, run_created_at on public.prompt_scores
  for each row execute function public.pf_set_score_run_created_at();

create or replace function public.pf_follow_run_created_at()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.prompt_scores s set run_created_at = new.created_at where s.run_id = new.id;
  return null;
end
$$;

comment on function public.pf_follow_run_created_at() is
  'Trigger function (after update of created_at on runs): the run''s score takes its new created_at as run_created_at.';

create or replace trigger runs_follow_created_at
  after update of created_at on public.runs
  for each row when (old.created_at is distinct from new.created_at)
  execute function public.pf_follow_run_created_at();

revoke all on function public.pf_set_score_run_created_at() from public, anon, authenticated;
revoke all on function public.pf_follow_run_created_at() from public, anon, authenticated;

-- ---------------------------------------------------------------------------------------------
-- indexes: every column the figures read, in the index
-- ---------------------------------------------------------------------------------------------
drop index if exists public.runs_org_created_idx;
create index runs_org_created_idx
  on public.runs (org_id, created_at desc) include (status, user_id, tokens, duration_ms);

create index if not exists prompt_scores_org_run_created_idx
  on public.prompt_scores (org_id, run_created_at) include (overall);

-- ---------------------------------------------------------------------------------------------
-- get_org_run_stats_between: two index-only aggregates instead of a join
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
  with run_figures as (
    select count(*) as n,
           count(*) filter (where r.status = 'completed') as completed,
           count(*) filter (where r.status = 'failed') as failed,
           count(distinct r.user_id) as users,
           coalesce(sum(r.tokens), 0)::bigint as tokens,
           round(avg(r.duration_ms) filter (where r.status = 'completed'), 2) as avg_duration,
           round((percentile_cont(0.95) within group (order by r.duration_ms)
                  filter (where r.status = 'completed'))::numeric, 2) as p95_duration
      from public.runs r
     where r.org_id = p_org_id
       and r.created_at >= p_from
       and r.created_at < p_until),
  -- the scores of exactly those runs: a score's org_id is its run's and run_created_at its created_at
  score_figures as (
    select count(*) as scored,
           round(avg(s.overall), 2) as avg_overall,
           count(*) filter (where s.overall >= 80) as export_ready
      from public.prompt_scores s
     where s.org_id = p_org_id
       and s.run_created_at >= p_from
       and s.run_created_at < p_until)
  select rf.n, rf.completed, rf.failed, sf.scored, sf.avg_overall, sf.export_ready,
         (select count(*) from public.bundles b
           where b.org_id = p_org_id and b.created_at >= p_from and b.created_at < p_until),
         rf.users, rf.tokens, rf.avg_duration, rf.p95_duration
    from run_figures rf
   cross join score_figures sf;
end
$$;

-- =============================================================================================
-- QA: this file's tests, discovered by run_all_qa_tests() (009 explains the registration)
-- =============================================================================================
create or replace function public.pf_qa_tests_022()
returns table (id integer, category text, test_name text, query text)
language sql
immutable
set search_path = ''
as $fn$
  select 545, 'Data integrity', 'every score''s run_created_at is its run''s created_at (022)',
         $q$
           select count(*) = 0,
                  coalesce('scores whose run_created_at is not their run''s created_at: '
                             || string_agg(s.run_id::text, ', ' order by s.run_id) filter (where s.n <= 5)
                             || case when count(*) > 5 then ' and ' || (count(*) - 5) || ' more' else '' end,
                           (select count(*) from public.prompt_scores) || ' scores carry their run''s created_at')
             from (select p.run_id, row_number() over (order by p.run_id) as n
                     from public.prompt_scores p
                     left join public.runs r on r.id = p.run_id
                    where r.created_at is distinct from p.run_created_at) s
         $q$
$fn$;

comment on function public.pf_qa_tests_022() is
  'PromptForge QA: the tests of 022 (id 545), discovered by run_all_qa_tests(). Owner and service_role only.';

revoke all on function public.pf_qa_tests_022() from public, anon, authenticated;
grant execute on function public.pf_qa_tests_022() to service_role;

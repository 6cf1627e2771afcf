-- The usage report's per-org figures, for the last completed ISO week (UTC) and the week before it, in one
-- grouped statement per slice of orgs (:orgIds = their ids, a uuid[]): the floor for what usage-report computes (runs,
-- completed, failed, scored, mean score, runs at 80 or more, distinct users, tokens, mean and p95 duration of
-- completed runs, bundles). Sliced because PostgreSQL keeps part of each group's p95 sort until the statement
-- ends: over 100,000 orgs and two weeks in one statement the backend grew past 20 GB.
with weeks(label, since, until) as (
    select 'this', w - interval '7 days', w
      from (select date_trunc('week', now() at time zone 'UTC') at time zone 'UTC' as w) as current_week
    union all
    select 'before', w - interval '14 days', w - interval '7 days'
      from (select date_trunc('week', now() at time zone 'UTC') at time zone 'UTC' as w) as current_week
)
select o.id, w.label,
       count(r.id), count(r.id) filter (where r.status = 'completed'),
       count(r.id) filter (where r.status = 'failed'), count(s.run_id), round(avg(s.overall), 2),
       count(r.id) filter (where s.overall >= 80), count(distinct r.user_id),
       coalesce(sum(r.tokens), 0), round(avg(r.duration_ms) filter (where r.status = 'completed'), 2),
       round((percentile_cont(0.95) within group (order by r.duration_ms)
              filter (where r.status = 'completed'))::numeric, 2),
       (select count(*) from public.bundles b where b.org_id = o.id
           and b.created_at >= w.since and b.created_at < w.until)
  from public.organizations o
 cross join weeks w
  left join public.runs r on r.org_id = o.id and r.created_at >= w.since and r.created_at < w.until
  left join public.prompt_scores s on s.run_id = r.id
 where o.id = any (:orgIds)
 group by o.id, w.label, w.since, w.until

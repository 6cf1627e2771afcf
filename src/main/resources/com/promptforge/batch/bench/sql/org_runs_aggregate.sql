-- The runs' part of get_org_run_stats(:org, :days) alone (022's first aggregate: counts, distinct users, tokens,
-- mean and p95 duration of completed runs), an index-only scan of runs_org_created_idx: the floor of the whole
-- function, which adds the scores' and the bundles' counts to it. :org the organization's id, :days the window.
select count(*),
       count(*) filter (where r.status = 'completed'),
       count(*) filter (where r.status = 'failed'),
       count(distinct r.user_id),
       coalesce(sum(r.tokens), 0)::bigint,
       round(avg(r.duration_ms) filter (where r.status = 'completed'), 2),
       round((percentile_cont(0.95) within group (order by r.duration_ms)
              filter (where r.status = 'completed'))::numeric, 2)
  from public.runs r
 where r.org_id = :org
   and r.created_at >= now() - make_interval(days => :days)

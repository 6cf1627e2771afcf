-- What Needs attention compares each org's reported week (:week_start, runs from :week_begin) with, one row per org
-- stored for that week (:org_id, or every org when null): its average runs over the four weeks before
-- (:history_start up to :week_start, from the stored weeks; null when none is stored), the number of those weeks
-- stored, its failed runs in the week before (:previous_start), and whether this week holds its first runs ever.
select w.org_id,
       h.average_runs,
       coalesce(h.weeks, 0) as history_weeks,
       p.failed_runs as previous_failed_runs,
       w.total_runs > 0
         -- first: no stored earlier week with runs, and no run of it before the week (runs_org_created_idx)
         and not exists (select 1 from usage.org_weeks e
                           where e.org_id = w.org_id and e.week_start < :week_start and e.total_runs > 0)
         and not exists (select 1 from public.runs r
                           where r.org_id = w.org_id and r.created_at < :week_begin) as first_time
  from usage.org_weeks w
  left join usage.org_weeks p on p.org_id = w.org_id and p.week_start = :previous_start
  left join lateral (select avg(x.total_runs) as average_runs, count(*) as weeks
                       from usage.org_weeks x
                      where x.org_id = w.org_id and x.week_start >= :history_start and x.week_start < :week_start
                     having count(*) > 0) h on true
 where w.week_start = :week_start
   and (cast(:org_id as uuid) is null or w.org_id = :org_id)

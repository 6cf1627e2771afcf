-- The organizations whose week :week_start is not stored complete yet, in id order: the orgs a store computes,
-- slice by slice. A week already complete for every org costs this statement alone, not one call per slice
-- (at 100,000 orgs, 200 calls and ~1.5 s for each of the weeks Needs attention compares with).
select o.id
  from public.organizations o
 where not exists (select 1 from usage.org_weeks w
                    where w.week_start = :week_start and w.org_id = o.id and w.complete)
 order by o.id

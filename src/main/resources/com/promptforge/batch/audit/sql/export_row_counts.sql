-- How many rows scored_runs.sql and audited_bundles.sql will return (same :start, :end and :org), for the
-- progress line.
select (select count(*) from public.runs r
         where r.created_at >= :start and r.created_at < :end
           and (cast(:org as uuid) is null or r.org_id = :org)) as runs,
       (select count(*) from public.bundles b join public.runs r on r.id = b.run_id
         where r.created_at >= :start and r.created_at < :end
           and (cast(:org as uuid) is null or b.org_id = :org)) as bundles

-- The export's runs: those created in [:start, :end) of the organization :org (null: every organization), each
-- with its scores (left joined: unscored runs too), oldest first. :threshold is the overall score that makes a run
-- export-ready. Read in one repeatable-read transaction with audited_bundles.sql (one snapshot); ordered by
-- (created_at, id), a total order, so the same data gives the same rows in the same order and a restart redoes
-- exactly the rows of an uninterrupted run. Org names and e-mails are joined here, never looked up per row.
select r.id::text             as run_id,
       r.org_id::text         as org_id,
       o.slug                 as org_slug,
       o.name                 as org_name,
       r.created_at,
       r.user_id::text        as user_id,
       u.email::text          as user_email,
       r.module_id,
       r.domain_code,
       r.status,
       s.clarity,
       s.execution,
       s.ambiguity,
       s.alignment,
       s.business_fit,
       s.overall::float8      as overall,
       -- unscored runs are never export-ready
       coalesce(s.overall >= :threshold, false) as export_ready
  from public.runs r
  join public.organizations o on o.id = r.org_id
  left join public.prompt_scores s on s.run_id = r.id
  -- Supabase's users; a database without auth.users finds no user here (db.UserEmails)
  left join auth.users u on u.id = r.user_id
 where r.created_at >= :start and r.created_at < :end
   and (cast(:org as uuid) is null or r.org_id = :org)
 order by r.created_at, r.id

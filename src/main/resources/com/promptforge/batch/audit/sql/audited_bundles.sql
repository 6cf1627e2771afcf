-- The export's bundles: those of the runs created in [:start, :end), oldest first, for the organization :org (null:
-- every organization), matched on the bundle's own org_id so that an org's export lists only its own bundles. The
-- run is joined whatever its org: a bundle whose run belongs to another org is an anomaly to show. Same snapshot
-- and total order as scored_runs.sql.
select b.id::text             as bundle_id,
       b.run_id::text         as run_id,
       b.org_id::text         as org_id,
       o.slug                 as org_slug,
       o.name                 as org_name,
       b.created_at,
       array_to_string(b.formats, ', ') as formats,
       b.checksum,
       b.license_notice,
       b.created_by::text     as created_by,
       u.email::text          as created_by_email,
       r.org_id::text         as run_org_id,
       s.overall::float8      as run_overall,
       -- the format the table's check constraint demands: a row that fails it was planted around it
       b.checksum ~ '^sha256:[0-9a-f]{64}$' as checksum_format_ok
  from public.bundles b
  join public.runs r on r.id = b.run_id
  join public.organizations o on o.id = b.org_id
  left join public.prompt_scores s on s.run_id = r.id
  -- Supabase's users; a database without auth.users finds no user here (db.UserEmails)
  left join auth.users u on u.id = b.created_by
 where r.created_at >= :start and r.created_at < :end
   and (cast(:org as uuid) is null or b.org_id = :org)
 order by b.created_at, b.id

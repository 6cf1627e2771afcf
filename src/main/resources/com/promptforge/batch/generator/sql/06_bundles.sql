-- generator/06_bundles.sql: bundles for 85% of the export-ready runs (scored, overall >= 80), within the hour
-- after scoring: formats from a single PDF to all four, one relative path per format, the checksum of the
-- bundle's content (here: of its run id and formats) and the licence notice.

insert into public.bundles (id, run_id, org_id, formats, paths, checksum, license_notice, created_by, created_at)
with ready as (
  select s.run_id, s.org_id, s.created_at, r.user_id, r.module_id, o.name as org_name,
         case
           when pg_temp.pf_uid(s.run_id, 12) < 0.40 then array['pdf']
           when pg_temp.pf_uid(s.run_id, 12) < 0.60 then array['pdf', 'docx']
           when pg_temp.pf_uid(s.run_id, 12) < 0.75 then array['pdf', 'md']
           when pg_temp.pf_uid(s.run_id, 12) < 0.85 then array['md', 'json']
           when pg_temp.pf_uid(s.run_id, 12) < 0.95 then array['pdf', 'docx', 'md']
           else array['pdf', 'docx', 'md', 'json']
         end as formats
    from public.prompt_scores s
    join public.runs r on r.id = s.run_id
    join public.organizations o on o.id = s.org_id
   where s.overall >= 80
     and pg_temp.pf_uid(s.run_id, 11) < 0.85
     and s.org_id <> '00000000-0000-4000-8000-000000000001'
)
select pg_temp.pf_id_of(b.run_id, 7), b.run_id, b.org_id, b.formats,
       (select jsonb_object_agg(f, 'bundles/' || b.org_id || '/' || b.run_id || '.' || f) from unnest(b.formats) as f),
       'sha256:' || encode(sha256(convert_to(b.run_id::text || ':' || array_to_string(b.formats, ','), 'UTF8')), 'hex'),
       'Generated with PromptForge (module ' || b.module_id || ' v1.0.0) for ' || b.org_name
         || '. Licensed to that organization for internal business use under the PromptForge Terms of Service; '
         || 'redistribution of the module templates is not permitted.',
       b.user_id,
       b.created_at + (2 + 58 * pg_temp.pf_uid(b.run_id, 13)) * interval '1 minute'
  from ready b
 order by b.created_at, b.run_id;

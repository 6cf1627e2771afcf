-- generator/07_anomalies.sql: what should be impossible but the audit export must find (its Anomalies sheet):
-- :count bundles of each kind. The bundle trigger refuses all of them, so they are written with triggers off
-- (session_replication_role = replica, superuser only; the generator skips this file otherwise). A malformed
-- checksum cannot be planted at all: the CHECK constraint bundles_checksum_chk refuses it whatever the role.
-- Each kind is marked in its licence notice, so that tests and people can find them.

-- a bundle for a run scored below the threshold
insert into public.bundles (id, run_id, org_id, formats, paths, checksum, license_notice, created_by, created_at)
select pg_temp.pf_id_of(s.run_id, 8), s.run_id, s.org_id, array['pdf'],
       jsonb_build_object('pdf', 'bundles/' || s.org_id || '/' || s.run_id || '.pdf'),
       'sha256:' || encode(sha256(convert_to(s.run_id::text || ':anomaly', 'UTF8')), 'hex'),
       'ANOMALY below threshold: exported although the run scored under 80.', null, s.created_at + interval '5 minutes'
  from public.prompt_scores s
 where s.overall < 80 and s.org_id <> '00000000-0000-4000-8000-000000000001'
 order by pg_temp.pf_uid(s.run_id, 50), s.run_id
 limit :count;

-- a bundle for a completed run that was never scored
insert into public.bundles (id, run_id, org_id, formats, paths, checksum, license_notice, created_by, created_at)
select pg_temp.pf_id_of(r.id, 9), r.id, r.org_id, array['md'],
       jsonb_build_object('md', 'bundles/' || r.org_id || '/' || r.id || '.md'),
       'sha256:' || encode(sha256(convert_to(r.id::text || ':anomaly', 'UTF8')), 'hex'),
       'ANOMALY unscored: exported although the run has no score.', null, r.completed_at + interval '5 minutes'
  from public.runs r
 where r.status = 'completed' and r.org_id <> '00000000-0000-4000-8000-000000000001'
   and not exists (select 1 from public.prompt_scores s where s.run_id = r.id)
 order by pg_temp.pf_uid(r.id, 51), r.id
 limit :count;

-- a bundle filed under another organization than its run's (the next org by number)
insert into public.bundles (id, run_id, org_id, formats, paths, checksum, license_notice, created_by, created_at)
select pg_temp.pf_id_of(s.run_id, 10), s.run_id, other.id, array['pdf'],
       jsonb_build_object('pdf', 'bundles/' || other.id || '/' || s.run_id || '.pdf'),
       'sha256:' || encode(sha256(convert_to(s.run_id::text || ':anomaly', 'UTF8')), 'hex'),
       'ANOMALY org mismatch: filed under another organization than its run''s.', null,
       s.created_at + interval '5 minutes'
  from public.prompt_scores s
  join gen_org mine on mine.id = s.org_id
  join gen_org other on other.n = mine.n % (select count(*) from gen_org) + 1
 where s.overall >= 80 and other.id <> mine.id
 order by pg_temp.pf_uid(s.run_id, 52), s.run_id
 limit :count;

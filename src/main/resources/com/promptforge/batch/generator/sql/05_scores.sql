-- generator/05_scores.sql: scores for 88% of the completed runs, a few minutes after completion. A run's
-- quality q (mean about 80, so about half the scored runs reach the export threshold) depends a little on its
-- module; each dimension is q plus its own noise, ambiguity the other way round. overall is the schema's own
-- generated column; run_created_at (022) is written here, as the trigger that fills it is off in a bulk load.

insert into public.prompt_scores (run_id, org_id, clarity, execution, ambiguity, alignment, business_fit, scored_by,
                                  created_at, run_created_at)
with scored as (
  select r.id, r.org_id, r.user_id, r.completed_at, r.created_at,
         65.5 + 28 * (pg_temp.pf_uid(r.id, 2) + pg_temp.pf_uid(r.id, 3) + pg_temp.pf_uid(r.id, 4)) / 3
           + 6 * ((hashtext('${seed}' || r.module_id) & 1023) / 1023.0 - 0.5) as q,
         r.id as rid
    from public.runs r
   where r.status = 'completed'
     -- the seeded demo org keeps its own scored run (the QA suite checks it)
     and r.org_id <> '00000000-0000-4000-8000-000000000001'
     and pg_temp.pf_uid(r.id, 1) < 0.88
)
select s.id, s.org_id,
       least(100, greatest(0, round(s.q + 10 * (pg_temp.pf_uid(s.rid, 5) - 0.5))))::smallint,
       least(100, greatest(0, round(s.q + 12 * (pg_temp.pf_uid(s.rid, 6) - 0.5))))::smallint,
       least(100, greatest(0, round(100 - s.q + 10 * (pg_temp.pf_uid(s.rid, 7) - 0.5))))::smallint,
       least(100, greatest(0, round(s.q + 2 + 10 * (pg_temp.pf_uid(s.rid, 8) - 0.5))))::smallint,
       least(100, greatest(0, round(s.q - 2 + 14 * (pg_temp.pf_uid(s.rid, 9) - 0.5))))::smallint,
       s.user_id,
       s.completed_at + (1 + 29 * pg_temp.pf_uid(s.rid, 10)) * interval '1 minute',
       s.created_at
  from scored s
 order by s.completed_at, s.id;

-- The "Usage Examples", "QA & Testing", "Performance Monitoring", "Support" and "Rollback" sections of
-- the original database README (/work/shared/ORIGINAL_DATABASE_README.md), in the order a new user
-- pastes them into the SQL editor, with the placeholders filled in. After each example a DO block
-- raises when the example did not do what the README says, so the script also runs by hand
-- (psql -v ON_ERROR_STOP=1 -f documented-workflow.sql, as the database owner; the rollback step is
-- then  \i sql/000_rollback_all.sql).
--
-- DocumentedWorkflowTest runs it one "-- @example" section at a time: a section marked
-- "-- @since NNN" runs only on a database migrated to NNN or later (so the script also runs on
-- 001-009 alone, the README's nine files); "-- @include FILE" runs that file of sql/.
--
-- The ids: the seeded demo organization ...0001 with its owner ...00a1 (008); a run ...0f01 that
-- this script creates; a second organization "acme" ...0a01 on which the plan examples run (the
-- demo org must stay on pro: QA test 511 checks the seed).

-- @example 0. Your organization (what sign-up and billing write before any example runs)
insert into organizations (id, name, slug, created_by)
values ('00000000-0000-4000-8000-000000000a01', 'Acme', 'acme', '00000000-0000-4000-8000-0000000000b1');
insert into subscriptions (org_id, plan_code, status, current_period_start, current_period_end)
values ('00000000-0000-4000-8000-000000000a01', 'pro', 'active', now() - interval '1 day', now() + interval '1 month');

-- @example 1. Feature Gating: Check if org can export PDF
SELECT value FROM entitlements_effective_org
WHERE org_id = '00000000-0000-4000-8000-000000000001' AND flag = 'canExportPDF';

do $$
begin
  if (select value from entitlements_effective_org
       where org_id = '00000000-0000-4000-8000-000000000001' and flag = 'canExportPDF') is distinct from true then
    raise exception 'example 1: the demo org (pro) should be able to export PDF';
  end if;
end
$$;

-- @example 2. Feature Gating: Check user-specific entitlement
SELECT value FROM entitlements_effective_user
WHERE org_id = '00000000-0000-4000-8000-000000000001' AND user_id = '00000000-0000-4000-8000-0000000000a1' AND flag = 'hasAPI';

do $$
begin
  if (select value from entitlements_effective_user
       where org_id = '00000000-0000-4000-8000-000000000001'
         and user_id = '00000000-0000-4000-8000-0000000000a1' and flag = 'hasAPI') is distinct from false then
    raise exception 'example 2: the demo owner should have hasAPI = false on pro';
  end if;
end
$$;

-- @example 3. Generate -> Score -> Bundle: 1. Create run
INSERT INTO runs (id, org_id, user_id, module_id, domain_code, parameters, status, prompt, output,
                  tokens, duration_ms, started_at, completed_at)
VALUES ('00000000-0000-4000-8000-000000000f01', '00000000-0000-4000-8000-000000000001',
        '00000000-0000-4000-8000-0000000000a1', 'M01', 'MANUFACTURING',
        '{"scale": "team", "urgency": "high", "complexity": "moderate", "resources": "standard", "application": "strategy"}',
        'completed', 'Draft a plant strategy', 'A plant strategy', 1200, 8000, now() - interval '1 minute', now());

do $$
begin
  if not exists (select 1 from runs where id = '00000000-0000-4000-8000-000000000f01' and status = 'completed') then
    raise exception 'example 3: the run was not created';
  end if;
end
$$;

-- @example 4. Generate -> Score -> Bundle: 2. Score the output (>= 80 for export)
INSERT INTO prompt_scores (run_id, clarity, execution, ambiguity, alignment, business_fit)
VALUES ('00000000-0000-4000-8000-000000000f01', 85, 88, 15, 90, 82);

do $$
declare
  v_overall numeric;
begin
  select overall into v_overall from prompt_scores where run_id = '00000000-0000-4000-8000-000000000f01';
  -- (85 + 88 + (100 - 15) + 90 + 82) / 5
  if v_overall is distinct from 86 then
    raise exception 'example 4: overall should be 86, got %', v_overall;
  end if;
end
$$;

-- @example 5. Generate -> Score -> Bundle: 3. Check if meets export threshold
SELECT run_meets_export_threshold('00000000-0000-4000-8000-000000000f01'); -- Returns true if >= 80

do $$
begin
  if run_meets_export_threshold('00000000-0000-4000-8000-000000000f01') is distinct from true then
    raise exception 'example 5: a run scored 86 should meet the export threshold';
  end if;
end
$$;

-- @example 6. Generate -> Score -> Bundle: 4. Create bundle if threshold met
-- @since 015
INSERT INTO bundles (run_id, formats, paths, checksum, license_notice)
VALUES ('00000000-0000-4000-8000-000000000f01', ARRAY['markdown', 'pdf'],
        '{"markdown": "bundles/demo/plant-strategy.md", "pdf": "bundles/demo/plant-strategy.pdf"}',
        'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'License text');

do $$
begin
  if not exists (select 1 from bundles
                  where run_id = '00000000-0000-4000-8000-000000000f01'
                    and org_id = '00000000-0000-4000-8000-000000000001'
                    and formats = array['markdown', 'pdf']) then
    raise exception 'example 6: the bundle was not created for the run''s organization';
  end if;
end
$$;

-- @example 7. Plan Management: Apply plan entitlements to organization
SELECT pf_apply_plan_entitlements('00000000-0000-4000-8000-000000000a01', 'pro');

do $$
begin
  -- the org-wide gates now equal pro's definition, flag by flag
  if exists (select 1 from plan_entitlements pe
               left join entitlements_effective_org e
                 on e.org_id = '00000000-0000-4000-8000-000000000a01' and e.flag = pe.flag
              where pe.plan_code = 'pro' and e.value is distinct from pe.value) then
    raise exception 'example 7: acme''s gates differ from the pro plan';
  end if;
end
$$;

-- @example 8. Plan Management: Upgrade subscription
UPDATE subscriptions SET plan_code = 'enterprise' WHERE org_id = '00000000-0000-4000-8000-000000000a01';
SELECT pf_apply_plan_entitlements('00000000-0000-4000-8000-000000000a01', 'enterprise');

do $$
begin
  if exists (select 1 from plan_entitlements pe
               left join entitlements_effective_org e
                 on e.org_id = '00000000-0000-4000-8000-000000000a01' and e.flag = pe.flag
              where pe.plan_code = 'enterprise' and e.value is distinct from pe.value) then
    raise exception 'example 8: acme''s gates differ from the enterprise plan';
  end if;
  if (select value from entitlements_effective_user
       where org_id = '00000000-0000-4000-8000-000000000a01'
         and user_id = '00000000-0000-4000-8000-0000000000b1' and flag = 'hasSSO') is distinct from true then
    raise exception 'example 8: acme''s owner should have hasSSO after the upgrade';
  end if;
  if exists (select 1 from entitlements where org_id = '00000000-0000-4000-8000-000000000a01'
                                          and source = 'plan' and source_ref <> 'enterprise') then
    raise exception 'example 8: pro rows left behind after the upgrade';
  end if;
end
$$;

-- @example 9. QA & Testing: Run the complete test suite
SELECT * FROM run_all_qa_tests();

do $$
declare
  v_failed text;
begin
  select string_agg(test_name || ': ' || details, '; ') into v_failed from run_all_qa_tests() where status <> 'PASS';
  if v_failed is not null then
    raise exception 'example 9: QA tests failed: %', v_failed;
  end if;
  if (select count(*) from run_all_qa_tests()) < 50 then
    raise exception 'example 9: the suite ran fewer tests than 009 alone registers';
  end if;
end
$$;

-- @example 10. Performance Monitoring: Check index usage
SELECT * FROM qa_performance_check WHERE usage_status = 'UNUSED';

do $$
begin
  if exists (select 1 from qa_performance_check where usage_status = 'UNUSED' and index_scans <> 0) then
    raise exception 'example 10: an index with scans is reported UNUSED';
  end if;
  if not exists (select 1 from qa_performance_check where index_name = 'entitlements_gating_idx') then
    raise exception 'example 10: qa_performance_check does not list the gating index';
  end if;
end
$$;

-- @example 11. Performance Monitoring: Monitor query performance
SELECT * FROM analyze_query_performance();

do $$
begin
  if not exists (select 1 from analyze_query_performance()) then
    raise exception 'example 11: analyze_query_performance() returned nothing (want statements or its not-available row)';
  end if;
end
$$;

-- @example 12. Performance Monitoring: Get org statistics
SELECT * FROM get_org_run_stats('00000000-0000-4000-8000-000000000001', 30); -- Last 30 days

do $$
declare
  s record;
begin
  select * into s from get_org_run_stats('00000000-0000-4000-8000-000000000001', 30);
  -- the same figures counted directly from the tables
  if s.total_runs <> (select count(*) from runs
                       where org_id = '00000000-0000-4000-8000-000000000001' and created_at >= now() - interval '30 days')
     or s.total_runs < 2 then
    raise exception 'example 12: total_runs % does not count the demo run and the new run', s.total_runs;
  end if;
  if s.scored_runs <> (select count(*) from prompt_scores p join runs r on r.id = p.run_id
                        where r.org_id = '00000000-0000-4000-8000-000000000001'
                          and r.created_at >= now() - interval '30 days') then
    raise exception 'example 12: scored_runs % is wrong', s.scored_runs;
  end if;
  if s.bundles <> (select count(*) from bundles
                    where org_id = '00000000-0000-4000-8000-000000000001' and created_at >= now() - interval '30 days') then
    raise exception 'example 12: bundles % is wrong', s.bundles;
  end if;
  if s.avg_overall_score is distinct from 86.00 then
    raise exception 'example 12: both runs scored 86, avg_overall_score is %', s.avg_overall_score;
  end if;
end
$$;

-- @example 13. Support: Verify data integrity
SELECT * FROM qa_verification_summary;

do $$
begin
  if (select count(*) from qa_verification_summary) <> 6 or exists (select 1 from qa_verification_summary where failed <> 0) then
    raise exception 'example 13: want 6 categories and no failure';
  end if;
  if (select sum(total) from qa_verification_summary) <> (select count(*) from run_all_qa_tests()) then
    raise exception 'example 13: the summary does not count every test';
  end if;
end
$$;

-- @example 14. Rollback (destroys all data)
-- @include 000_rollback_all.sql

do $$
begin
  if exists (select 1 from pg_catalog.pg_class c
              where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'v', 'p')
                and not exists (select 1 from pg_catalog.pg_depend d  -- pg_stat_statements' view stays
                                 where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = c.oid
                                   and d.deptype = 'e')) then
    raise exception 'example 14: tables or views left in public after the rollback';
  end if;
  if exists (select 1 from pg_catalog.pg_proc p
              where p.pronamespace = 'public'::regnamespace
                and (p.proname like 'pf\_qa\_%' or p.proname = 'run_all_qa_tests')) then
    raise exception 'example 14: QA functions or registered tests left after the rollback';
  end if;
end
$$;

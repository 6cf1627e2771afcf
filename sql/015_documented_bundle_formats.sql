-- 015_documented_bundle_formats.sql
--
-- Makes the documented Generate -> Score -> Bundle example work as written. The database README
-- creates a bundle with formats = ARRAY['markdown', 'pdf'], but 005's bundles_formats_chk accepted
-- only pdf, docx, md and json, so the documented call was refused.
--
-- Decisions:
--   * `markdown` is accepted: it is the spelling the documentation uses. `md` stays accepted as an
--     alias (the seeded demo bundle and existing clients write it); a bundle may not list both,
--     since they are the same format.
--   * bundles.paths keeps one key per format AS LISTED: formats {markdown, pdf} take
--     {"markdown": "<path>.md", "pdf": "<path>.pdf"}. Both spellings of Markdown have files ending in
--     .md; the other formats end in .<format> as before (013's shape, replaced here).
--   * Every other rule on bundles is unchanged: at least one format, the sha256:<64 hex> checksum,
--     the export threshold and the organization match (pf_check_bundle_run(), 005).
--
-- The constraint is replaced in one ALTER TABLE (a short ACCESS EXCLUSIVE lock and a scan of
-- bundles): every existing row passes, since the new rule only adds `markdown`, which the old one
-- refused.
--
-- QA: this file registers, in pf_qa_tests_015() as 009 describes, test 310 (a probe of the formats)
-- and a new version of 009's test 306 (well-formed bundles, now with markdown) under the same id and
-- category, which replaces 009's; 009's file is not edited for it.

alter table public.bundles
  drop constraint bundles_formats_chk,
  add constraint bundles_formats_chk
    check (cardinality(formats) > 0
           and formats <@ array['pdf', 'docx', 'markdown', 'md', 'json']
           -- md is the alias of markdown: one bundle lists the format once
           and not formats @> array['markdown', 'md']);

comment on table public.bundles is
  'Exported deliverables of a run (formats pdf, docx, markdown (alias md), json; paths {"<format>": "<relative path>"}). Only for a scored run of the same organization with overall >= 80.';

-- {format: path} with exactly one path per listed format; each path relative (no leading /, no ..
-- segment, no backslash) and ending in the format's file extension: .md for markdown and md,
-- .<format> for the others
create or replace function public.pf_json_problem_bundle_paths(p_formats text[], p_value jsonb,
                                                               p_path text default 'bundles.paths')
returns text
language plpgsql
immutable
set search_path = ''
as $$
declare
  v_missing text;
  v_extra text;
  v_format text;
  v_extension text;
  v_path jsonb;
begin
  if jsonb_typeof(p_value) is distinct from 'object' then
    return format('%s must be a JSON object {"<format>": "<path>"}, got %s', p_path, public.pf_json_show(p_value));
  end if;
  if p_formats is null then
    return null;  -- bundles.formats is not null: its own constraint speaks
  end if;

  select string_agg(distinct f, ', ') into v_missing
    from unnest(p_formats) as f
   where not (p_value ? f);
  if v_missing is not null then
    return format('%s has no path for %s (formats: %s)', p_path, v_missing, array_to_string(p_formats, ', '));
  end if;

  select string_agg(to_jsonb(k)::text, ', ' order by k) into v_extra
    from jsonb_object_keys(p_value) as k
   where not (k = any (p_formats));
  if v_extra is not null then
    return format('%s has a path for %s, which is not in formats (%s)', p_path, v_extra,
                  array_to_string(p_formats, ', '));
  end if;

  foreach v_format in array p_formats loop
    v_path := p_value -> v_format;
    v_extension := case v_format when 'markdown' then 'md' else v_format end;
    -- no regular expression built from the format: a bad format must not break the check
    if jsonb_typeof(v_path) is distinct from 'string'
       or length(v_path #>> '{}') <= length(v_extension) + 1
       or right(v_path #>> '{}', length(v_extension) + 1) <> '.' || v_extension
       or left(v_path #>> '{}', 1) = '/'
       or strpos(v_path #>> '{}', '\') > 0
       or (v_path #>> '{}') ~ '(^|/)\.\.(/|$)' then
      return format('%s.%s must be a relative path ending in .%s, got %s', p_path, v_format, v_extension,
                    public.pf_json_show(v_path));
    end if;
  end loop;
  return null;
end
$$;

comment on function public.pf_json_problem_bundle_paths(text[], jsonb, text) is
  'JSON shape of bundles.paths given bundles.formats (markdown and md paths end in .md): NULL when valid, else the problem.';

-- =============================================================================================
-- QA: this file's tests, discovered by run_all_qa_tests() (009 explains the registration)
-- =============================================================================================

-- test 310: bundles for the export-ready demo run with the documented formats are accepted and
-- wrong ones refused; the PFQA0 error at the end rolls every insert back
create or replace function public.pf_qa_probe_bundle_formats()
returns table (ok boolean, details text)
language plpgsql
volatile
security invoker
set search_path = ''
as $fn$
declare
  v_demo_org constant uuid := '00000000-0000-4000-8000-000000000001';
  v_demo_run uuid;
  v_msg      text := '';
  v_ok       boolean;
  v_details  text;
  v_case     record;
begin
  begin
    select r.id into v_demo_run
      from public.runs r
     where r.org_id = v_demo_org and public.run_meets_export_threshold(r.id)
     order by r.created_at limit 1;
    if v_demo_run is null then
      raise exception 'no export-ready demo run to bundle';
    end if;
    for v_case in
      select *
        from (values
          (array['markdown', 'pdf'], '{"markdown": "bundles/qa/run.md", "pdf": "bundles/qa/run.pdf"}', true),
          (array['md'],              '{"md": "bundles/qa/run.md"}',                                    true),
          (array['docx', 'json'],    '{"docx": "bundles/qa/run.docx", "json": "bundles/qa/run.json"}', true),
          (array['markdown'],        '{"markdown": "bundles/qa/run.markdown"}',                        false),
          (array['markdown', 'md'],  '{"markdown": "bundles/qa/a.md", "md": "bundles/qa/b.md"}',       false),
          (array['html'],            '{"html": "bundles/qa/run.html"}',                                false)
        ) as c(formats, paths, accepted)
    loop
      begin
        insert into public.bundles (run_id, org_id, formats, paths, checksum, license_notice)
        values (v_demo_run, v_demo_org, v_case.formats, v_case.paths::jsonb, 'sha256:' || repeat('0', 64), 'QA probe');
        if not v_case.accepted then
          v_msg := v_msg || array_to_string(v_case.formats, ',') || ' accepted; ';
        end if;
      exception when check_violation then
        if v_case.accepted then
          v_msg := v_msg || array_to_string(v_case.formats, ',') || ' refused: ' || sqlerrm || '; ';
        end if;
      end;
    end loop;
    raise exception using errcode = 'PFQA0', message = v_msg;
  exception when sqlstate 'PFQA0' then
    v_ok := sqlerrm = '';
    v_details := case when v_ok
                      then 'accepted: markdown+pdf, md, docx+json; refused: .markdown path, markdown+md, html (probe rolled back)'
                      else rtrim(sqlerrm, '; ') || ' (probe rolled back)' end;
  end;
  return query select v_ok, v_details;
end;
$fn$;

create or replace function public.pf_qa_tests_015()
returns table (id integer, category text, test_name text, query text)
language sql
immutable
set search_path = ''
as $fn$
  select x.id, x.category, x.test_name, x.query
    from (values
      -- replaces 009's test 306 (same id and category): markdown is now a format
      (306, 'Scoring and bundles', 'bundle checksums are sha256:<64 hex> and formats are pdf|docx|markdown (alias md)|json', $q$
        select count(*) = 0,
               coalesce('bad bundles: ' || string_agg(b.id::text, ', '),
                        (select count(*) from public.bundles) || ' bundles well-formed')
          from public.bundles b
         where b.checksum !~ '^sha256:[0-9a-f]{64}$'
            or coalesce(cardinality(b.formats), 0) = 0
            or not (b.formats <@ array['pdf', 'docx', 'markdown', 'md', 'json'])
            or b.formats @> array['markdown', 'md']
      $q$),
      (310, 'Scoring and bundles', 'probe: bundles take the documented formats (markdown, alias md) with one path per format',
       $q$select * from public.pf_qa_probe_bundle_formats()$q$)
      ) as x(id, category, test_name, query)
$fn$;

comment on function public.pf_qa_probe_bundle_formats() is
  'PromptForge QA test 310: bundle formats probe (rolled back). Owner and service_role only.';
comment on function public.pf_qa_tests_015() is
  'PromptForge QA: the tests of 015 (ids 306, replacing 009''s, and 310), discovered by run_all_qa_tests(). Owner and service_role only.';

revoke all on function public.pf_qa_probe_bundle_formats(), public.pf_qa_tests_015() from public, anon, authenticated;
grant execute on function public.pf_qa_probe_bundle_formats(), public.pf_qa_tests_015() to service_role;

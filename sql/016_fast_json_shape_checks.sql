-- 016_fast_json_shape_checks.sql
--
-- Makes the two JSON shape checks that run on every new run and bundle cheap in the common case,
-- a valid value. 013's pf_json_problem_run_parameters() ran six queries per row (the key check and
-- one look-up per dimension), ~80 us a row: writing 100,000 runs spent 8 s in that CHECK alone, and
-- the generator's 10,000,000 runs most of their time. pf_json_problem_bundle_paths() (015) ran two
-- queries per row for its key sets (~30 us).
--
-- Now each function first decides "valid" with operators alone, no query:
--   * run parameters: an object whose keys, once the five dimensions are removed, are none
--     ('{}'), and whose value at each dimension is one of its codes: (codes -> dimension) ? value.
--     jsonb's ? matches string elements only and every code is a lower-case word, so a number,
--     array, object, null or missing value never passes (->> gives '3', '[...]', '{...}' or NULL);
--   * bundle paths: an object with a key for every format (?&) and no other key (paths - formats
--     is '{}'); the path rules were already operators and stay as they were.
-- Only a value that fails the fast test takes the old way, which finds and words the problem, so
-- every message is the one 013/015 gave (JsonShapesTest and QA test 560 check both ways).
--
-- No constraint changes: the *_shape_chk constraints call these functions by name, so the new bodies
-- apply from the next row written; existing rows were valid and stay valid (same answers).
--
-- QA: this file registers, in pf_qa_tests_016(), test 560 (a probe that the fast test agrees with
-- the full one on every valid combination of run parameters and on near misses of each kind).

create or replace function public.pf_json_problem_run_parameters(p_value jsonb, p_path text default 'runs.parameters')
returns text
language plpgsql
immutable
set search_path = ''
as $$
declare
  c_dimensions constant text[] := array['scale', 'urgency', 'complexity', 'resources', 'application'];
  v_codes constant jsonb := public.pf_json_run_parameter_codes();
  v_valid boolean;
  v_problem text;
  v_dimension text;
begin
  -- the fast test: no query, only jsonb operators
  v_valid := jsonb_typeof(p_value) = 'object' and p_value - c_dimensions = '{}'::jsonb;
  foreach v_dimension in array c_dimensions loop
    exit when not v_valid;
    v_valid := coalesce((v_codes -> v_dimension) ? (p_value ->> v_dimension), false);
  end loop;
  if v_valid then
    return null;
  end if;

  -- not valid: find the first problem, worded as in 013
  v_problem := public.pf_json_problem_keys(p_value, p_path, c_dimensions);
  if v_problem is not null then
    return v_problem;
  end if;
  foreach v_dimension in array c_dimensions loop
    if jsonb_typeof(p_value -> v_dimension) <> 'string'
       or not exists (select 1 from jsonb_array_elements_text(v_codes -> v_dimension) as c(code)
                       where c.code = p_value ->> v_dimension) then
      return format('%s.%s must be one of %s, got %s', p_path, v_dimension,
                    (select string_agg(c.code, '|' order by c.o)
                       from jsonb_array_elements_text(v_codes -> v_dimension) with ordinality as c(code, o)),
                    public.pf_json_show(p_value -> v_dimension));
    end if;
  end loop;
  return null;
end
$$;

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

  -- the key sets, queried only when the fast test (every format a key, no other key) fails
  if not (p_value ?& p_formats and p_value - p_formats = '{}'::jsonb) then
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

-- =============================================================================================
-- QA: this file's tests, discovered by run_all_qa_tests() (009 explains the registration)
-- =============================================================================================

-- test 560: every combination of valid codes passes; every near miss (a code of another dimension,
-- another JSON type, a missing, extra or null key, a non-object) is refused with the 013 wording
create or replace function public.pf_qa_probe_run_parameters_fast_path()
returns table (ok boolean, details text)
language sql
stable
security invoker
set search_path = ''
as $fn$
  with codes as (
    select public.pf_json_run_parameter_codes() as c
  ),
  valid as (
    select jsonb_build_object('scale', s, 'urgency', u, 'complexity', x, 'resources', r, 'application', a) as v
      from codes,
           jsonb_array_elements_text(c -> 'scale') s, jsonb_array_elements_text(c -> 'urgency') u,
           jsonb_array_elements_text(c -> 'complexity') x, jsonb_array_elements_text(c -> 'resources') r,
           jsonb_array_elements_text(c -> 'application') a
  ),
  base as (
    select '{"scale": "team", "urgency": "low", "complexity": "simple", "resources": "minimal", "application": "strategy"}'::jsonb as b
  ),
  near_miss(v, expected) as (
    select b || '{"urgency": "team"}', 'runs.parameters.urgency must be one of low|medium|high|critical, got "team"' from base
    union all select b || '{"urgency": 3}', 'runs.parameters.urgency must be one of low|medium|high|critical, got 3' from base
    union all select b || '{"urgency": null}', 'runs.parameters.urgency must be one of low|medium|high|critical, got null' from base
    union all select b || '{"urgency": ["low"]}', 'runs.parameters.urgency must be one of low|medium|high|critical, got ["low"]' from base
    union all select b || '{"urgency": "Low"}', 'runs.parameters.urgency must be one of low|medium|high|critical, got "Low"' from base
    union all select b - 'urgency', null from base
    union all select b || '{"extra": "low"}', null from base
    union all select '["low"]'::jsonb, null
    union all select '"low"'::jsonb, null
  ),
  verdicts as (
    select (select count(*) from valid) as valid_count,
           (select count(*) from valid where public.pf_json_problem_run_parameters(v) is not null) as valid_refused,
           (select count(*) from near_miss) as miss_count,
           (select count(*) from near_miss
             where public.pf_json_problem_run_parameters(v) is null
                or public.pf_json_problem_run_parameters(v) <> coalesce(expected, public.pf_json_problem_run_parameters(v))) as miss_wrong
  )
  select valid_count > 0 and valid_refused = 0 and miss_wrong = 0,
         format('%s valid combinations, %s refused; %s near misses, %s accepted or worded otherwise',
                valid_count, valid_refused, miss_count, miss_wrong)
    from verdicts
$fn$;

create or replace function public.pf_qa_tests_016()
returns table (id integer, category text, test_name text, query text)
language sql
immutable
set search_path = ''
as $fn$
  select 560, 'Data integrity', 'probe: the runs.parameters fast check accepts every valid combination and refuses near misses (016)',
         $q$select * from public.pf_qa_probe_run_parameters_fast_path()$q$
$fn$;

comment on function public.pf_qa_probe_run_parameters_fast_path() is
  'PromptForge QA test 560: the runs.parameters fast check agrees with the full one. Owner and service_role only.';
comment on function public.pf_qa_tests_016() is
  'PromptForge QA: the tests of 016 (id 560), discovered by run_all_qa_tests(). Owner and service_role only.';

revoke all on function public.pf_qa_probe_run_parameters_fast_path(), public.pf_qa_tests_016()
  from public, anon, authenticated;
grant execute on function public.pf_qa_probe_run_parameters_fast_path(), public.pf_qa_tests_016() to service_role;

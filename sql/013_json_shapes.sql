-- 013_json_shapes.sql
--
-- Sets up the JSON shapes of every json/jsonb column of schema public and the CHECK constraints
-- that enforce them. The jobs read these columns and the workbooks print them, so a row like
-- {"oops": 1} in runs.parameters must be refused when it is written, not discovered by a job.
-- docs/DATABASE.md (JSON shapes) describes every shape; this file is their source of truth.
--
-- How:
--   * One immutable function per shape, named after it, returning NULL when the value has the shape
--     and otherwise the first problem, as one sentence that names the column and what was wrong:
--       pf_json_problem_module_vector(vector)          -> 'modules.vector.clarity must be a number from 0 to 1, got 1.5'
--       pf_json_problem_run_parameters(parameters)     -> 'runs.parameters.urgency must be one of low|medium|high|critical, got "asap"'
--     plus a few building blocks they share (pf_json_problem_keys, _text, _text_list, _count, _semver,
--     pf_json_show). Plain SQL and plpgsql: no pg_jsonschema (absent from plain PostgreSQL 15/17),
--     so the file runs unchanged there and on Supabase.
--   * A CHECK alone reports only the constraint's name. So each constraint calls
--     pf_json_check(constraint, problem), which RAISEs the problem (SQLSTATE 23514, the constraint
--     named in the error fields) and returns true otherwise. The problem functions stay pure, for the
--     `validate` command of the batch service, pf_json_shape_problems() and run_all_qa_tests().
--   * pf_json_shapes() lists every shaped column (table, key column, column, constraint, problem
--     expression). It is the one list: the constraints below are created from it, 014 validates
--     them from it, and pf_json_shape_problems(), the QA tests of this file (512-514) and the batch service's
--     `validate` command check rows with it.
--   * The constraints are added NOT VALID: only a short ACCESS EXCLUSIVE lock to add them, no scan of
--     the existing rows (new and updated rows are checked from now on). 014, a migration of its own
--     (Flyway runs each file in its own transaction), validates them with VALIDATE CONSTRAINT, which
--     scans under SHARE UPDATE EXCLUSIVE and so blocks neither reads nor writes. When existing rows
--     are bad, 014 fails and says to run `java -jar target/promptforge-batch.jar validate` first.
--
-- runs.parameters and the parameters table: a CHECK constraint may only call immutable functions,
-- which may not read tables (a table-reading CHECK is not re-checked when the table changes, and a
-- dump may restore it before the table's rows). Chosen: the allowed codes are EMBEDDED in the
-- immutable pf_json_run_parameter_codes(), the list the CHECK uses; the QA suite (test 513, "run
-- parameter codes of the JSON shape match public.parameters") fails when they drift apart, so adding
-- a code means a migration that replaces that function and inserts the row. In addition the runs
-- trigger pf_validate_run() (005), replaced here, checks new and changed parameters with the same
-- function first (same message as the constraint) and then against the live public.parameters, so a
-- code removed from the table is refused for new runs while existing runs keep validating.
--
-- Privileges: a constraint's functions run with the privileges of whoever writes the row, so
-- authenticated (which writes runs, telemetry, history and bundles) and service_role may execute the
-- pure pf_json_* functions; anon and PUBLIC may not. pf_json_shape_problems() reads tables: owner and
-- service_role only.

-- =============================================================================================
-- building blocks
-- =============================================================================================

-- a JSON value as a message shows it: its JSON text, cut to 60 characters
create or replace function public.pf_json_show(p_value jsonb)
returns text
language sql
immutable
set search_path = ''
as $$
  select case when p_value is null then 'nothing'
              when length(p_value::text) <= 60 then p_value::text
              else left(p_value::text, 57) || '...' end
$$;

-- the wrapper the constraints call: raises the problem as the error message, true otherwise
create or replace function public.pf_json_check(p_constraint text, p_problem text)
returns boolean
language plpgsql
immutable
set search_path = ''
as $$
begin
  if p_problem is not null then
    raise exception '%', p_problem
      using errcode = 'check_violation',
            constraint = coalesce(p_constraint, ''),
            hint = 'The JSON shapes are described in docs/DATABASE.md (JSON shapes).';
  end if;
  return true;
end
$$;

-- an object with all of p_required and nothing but p_required and p_optional
create or replace function public.pf_json_problem_keys(p_value jsonb, p_path text, p_required text[],
                                                       p_optional text[] default '{}')
returns text
language plpgsql
immutable
set search_path = ''
as $$
declare
  v_missing text;
  v_missing_n integer;
  v_unknown text;
  v_unknown_n integer;
begin
  if jsonb_typeof(p_value) is distinct from 'object' then
    return format('%s must be a JSON object, got %s', p_path, public.pf_json_show(p_value));
  end if;

  select string_agg(r.k, ', ' order by r.o), count(*) into v_missing, v_missing_n
    from unnest(p_required) with ordinality as r(k, o)
   where not (p_value ? r.k);
  if v_missing_n > 0 then
    return format('%s is missing the key%s %s', p_path, case when v_missing_n > 1 then 's' else '' end, v_missing);
  end if;

  select string_agg(to_jsonb(k)::text, ', ' order by k), count(*) into v_unknown, v_unknown_n
    from jsonb_object_keys(p_value) as k
   where not (k = any (p_required || p_optional));
  if v_unknown_n > 0 then
    return format('%s has the unknown key%s %s (allowed: %s)', p_path,
                  case when v_unknown_n > 1 then 's' else '' end, v_unknown,
                  array_to_string(p_required || p_optional, ', '));
  end if;
  return null;
end
$$;

-- a string with something in it
create or replace function public.pf_json_problem_text(p_value jsonb, p_path text)
returns text
language plpgsql
immutable
set search_path = ''
as $$
begin
  if jsonb_typeof(p_value) is distinct from 'string' or btrim(p_value #>> '{}') = '' then
    return format('%s must be a non-empty string, got %s', p_path, public.pf_json_show(p_value));
  end if;
  return null;
end
$$;

-- an array of at least p_min_items non-empty strings, all different when p_distinct
create or replace function public.pf_json_problem_text_list(p_value jsonb, p_path text, p_min_items integer,
                                                            p_distinct boolean)
returns text
language plpgsql
immutable
set search_path = ''
as $$
declare
  v_problem text;
begin
  if jsonb_typeof(p_value) is distinct from 'array' or jsonb_array_length(p_value) < p_min_items then
    return format('%s must be %s array of non-empty strings, got %s', p_path,
                  case when p_min_items > 0 then 'a non-empty' else 'an' end, public.pf_json_show(p_value));
  end if;

  select public.pf_json_problem_text(a.e, format('%s[%s]', p_path, a.o - 1)) into v_problem
    from jsonb_array_elements(p_value) with ordinality as a(e, o)
   where public.pf_json_problem_text(a.e, '') is not null
   order by a.o
   limit 1;
  if v_problem is not null then
    return v_problem;
  end if;

  if p_distinct then
    select format('%s[%s] repeats %s', p_path, x.o - 1, public.pf_json_show(x.e)) into v_problem
      from (select a.e, a.o, row_number() over (partition by a.e order by a.o) as n
              from jsonb_array_elements(p_value) with ordinality as a(e, o)) as x
     where x.n > 1
     order by x.o
     limit 1;
  end if;
  return v_problem;
end
$$;

-- a whole number >= 0 (token counts, durations)
create or replace function public.pf_json_problem_count(p_value jsonb, p_path text)
returns text
language plpgsql
immutable
set search_path = ''
as $$
begin
  -- nested: the numeric casts only run on numbers
  if jsonb_typeof(p_value) is not distinct from 'number' then
    if (p_value #>> '{}')::numeric >= 0 and (p_value #>> '{}')::numeric = trunc((p_value #>> '{}')::numeric) then
      return null;
    end if;
  end if;
  return format('%s must be a whole number >= 0, got %s', p_path, public.pf_json_show(p_value));
end
$$;

-- a semantic version 2.0 (the grammar of module_versions.version, 006)
create or replace function public.pf_json_problem_semver(p_value jsonb, p_path text)
returns text
language plpgsql
immutable
set search_path = ''
as $$
begin
  if jsonb_typeof(p_value) is distinct from 'string'
     or (p_value #>> '{}') !~ '^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(\.(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$' then
    return format('%s must be a semantic version like 1.2.0, got %s', p_path, public.pf_json_show(p_value));
  end if;
  return null;
end
$$;

-- =============================================================================================
-- catalog shapes (004): modules.vector, modules.spec, modules.kpis, domains.jargon,
-- domains.compliance; module_versions.spec (006) reuses the module spec
-- =============================================================================================

-- the 7 dimensions, each a number from 0 to 1
create or replace function public.pf_json_problem_module_vector(p_value jsonb, p_path text default 'modules.vector')
returns text
language plpgsql
immutable
set search_path = ''
as $$
declare
  c_dimensions constant text[] := array['clarity', 'specificity', 'context', 'structure', 'constraints',
                                        'creativity', 'actionability'];
  v_problem text;
  v_dimension text;
  v_value jsonb;
begin
  v_problem := public.pf_json_problem_keys(p_value, p_path, c_dimensions);
  if v_problem is not null then
    return v_problem;
  end if;
  foreach v_dimension in array c_dimensions loop
    v_value := p_value -> v_dimension;
    if jsonb_typeof(v_value) <> 'number' then
      return format('%s.%s must be a number from 0 to 1, got %s', p_path, v_dimension, public.pf_json_show(v_value));
    end if;
    if (v_value #>> '{}')::numeric not between 0 and 1 then
      return format('%s.%s must be a number from 0 to 1, got %s', p_path, v_dimension, public.pf_json_show(v_value));
    end if;
  end loop;
  return null;
end
$$;

-- {"objective": text, "inputs": [text, ...], "outputs": [text, ...], "template": text}; with
-- p_complete false (a draft module version) every key is optional, but those present are checked
create or replace function public.pf_json_problem_module_spec(p_value jsonb, p_path text default 'modules.spec',
                                                              p_complete boolean default true)
returns text
language plpgsql
immutable
set search_path = ''
as $$
declare
  c_keys constant text[] := array['objective', 'inputs', 'outputs', 'template'];
  v_problem text;
begin
  v_problem := case when p_complete then public.pf_json_problem_keys(p_value, p_path, c_keys)
                    else public.pf_json_problem_keys(p_value, p_path, '{}', c_keys) end;
  if v_problem is null and p_value ? 'objective' then
    v_problem := public.pf_json_problem_text(p_value -> 'objective', p_path || '.objective');
  end if;
  if v_problem is null and p_value ? 'inputs' then
    v_problem := public.pf_json_problem_text_list(p_value -> 'inputs', p_path || '.inputs', 1, false);
  end if;
  if v_problem is null and p_value ? 'outputs' then
    v_problem := public.pf_json_problem_text_list(p_value -> 'outputs', p_path || '.outputs', 1, false);
  end if;
  if v_problem is null and p_value ? 'template' then
    v_problem := public.pf_json_problem_text(p_value -> 'template', p_path || '.template');
  end if;
  return v_problem;
end
$$;

-- non-empty array of {"name": text, "target": number >= 0, "unit": text}, names all different
create or replace function public.pf_json_problem_module_kpis(p_value jsonb, p_path text default 'modules.kpis')
returns text
language plpgsql
immutable
set search_path = ''
as $$
declare
  v_problem text;
  v_kpi record;
  v_path text;
begin
  if jsonb_typeof(p_value) is distinct from 'array' or jsonb_array_length(p_value) = 0 then
    return format('%s must be a non-empty array of {"name", "target", "unit"} objects, got %s', p_path,
                  public.pf_json_show(p_value));
  end if;
  for v_kpi in select a.e, a.o from jsonb_array_elements(p_value) with ordinality as a(e, o) order by a.o loop
    v_path := format('%s[%s]', p_path, v_kpi.o - 1);
    v_problem := coalesce(public.pf_json_problem_keys(v_kpi.e, v_path, array['name', 'target', 'unit']),
                          public.pf_json_problem_text(v_kpi.e -> 'name', v_path || '.name'));
    if v_problem is null and jsonb_typeof(v_kpi.e -> 'target') <> 'number' then
      v_problem := format('%s.target must be a number >= 0, got %s', v_path, public.pf_json_show(v_kpi.e -> 'target'));
    end if;
    if v_problem is null and (v_kpi.e #>> '{target}')::numeric < 0 then
      v_problem := format('%s.target must be a number >= 0, got %s', v_path, public.pf_json_show(v_kpi.e -> 'target'));
    end if;
    v_problem := coalesce(v_problem, public.pf_json_problem_text(v_kpi.e -> 'unit', v_path || '.unit'));
    if v_problem is not null then
      return v_problem;
    end if;
  end loop;

  select format('%s[%s].name repeats %s', p_path, x.o - 1, public.pf_json_show(x.e -> 'name')) into v_problem
    from (select a.e, a.o, row_number() over (partition by a.e -> 'name' order by a.o) as n
            from jsonb_array_elements(p_value) with ordinality as a(e, o)) as x
   where x.n > 1
   order by x.o
   limit 1;
  return v_problem;
end
$$;

-- non-empty array of distinct non-empty strings
create or replace function public.pf_json_problem_domain_jargon(p_value jsonb, p_path text default 'domains.jargon')
returns text
language sql
immutable
set search_path = ''
as $$
  select public.pf_json_problem_text_list(p_value, p_path, 1, true)
$$;

-- {"frameworks": [distinct non-empty strings, possibly none], "data_sensitivity": low|medium|high|critical}
create or replace function public.pf_json_problem_domain_compliance(p_value jsonb,
                                                                    p_path text default 'domains.compliance')
returns text
language plpgsql
immutable
set search_path = ''
as $$
declare
  v_problem text;
begin
  v_problem := coalesce(public.pf_json_problem_keys(p_value, p_path, array['frameworks', 'data_sensitivity']),
                        public.pf_json_problem_text_list(p_value -> 'frameworks', p_path || '.frameworks', 0, true));
  if v_problem is null
     and (jsonb_typeof(p_value -> 'data_sensitivity') <> 'string'
          or (p_value ->> 'data_sensitivity') not in ('low', 'medium', 'high', 'critical')) then
    v_problem := format('%s.data_sensitivity must be one of low|medium|high|critical, got %s', p_path,
                        public.pf_json_show(p_value -> 'data_sensitivity'));
  end if;
  return v_problem;
end
$$;

-- =============================================================================================
-- tenant shapes (005): runs.parameters, run_telemetry.payload, prompt_history.snapshot, bundles.paths
-- =============================================================================================

-- the allowed codes of the five run dimensions, in ordinal order: the copy of public.parameters
-- that the constraint uses (see the header; the QA suite checks they are equal)
create or replace function public.pf_json_run_parameter_codes()
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select '{"scale":       ["individual", "team", "department", "enterprise"],
           "urgency":     ["low", "medium", "high", "critical"],
           "complexity":  ["simple", "moderate", "complex", "expert"],
           "resources":   ["minimal", "limited", "standard", "extensive"],
           "application": ["strategy", "operations", "analysis", "communication", "innovation"]}'::jsonb
$$;

-- exactly the five dimensions, each one of its codes
create or replace function public.pf_json_problem_run_parameters(p_value jsonb, p_path text default 'runs.parameters')
returns text
language plpgsql
immutable
set search_path = ''
as $$
declare
  c_dimensions constant text[] := array['scale', 'urgency', 'complexity', 'resources', 'application'];
  v_codes constant jsonb := public.pf_json_run_parameter_codes();
  v_problem text;
  v_dimension text;
begin
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

-- by event type (the model and token figures are what usage reports add up):
--   run_started    {"model", "module_version"}
--   llm_call       {"model", "prompt_tokens", "completion_tokens", "latency_ms"}
--   run_completed  {"model", "module_version", "prompt_tokens", "completion_tokens", "tokens", "duration_ms"},
--                  tokens = prompt_tokens + completion_tokens
--   run_failed     {"error"}, optionally "model", "module_version", "duration_ms"
-- model and error non-empty strings, module_version a semantic version, the figures whole numbers >= 0
create or replace function public.pf_json_problem_run_telemetry_payload(p_event_type text, p_value jsonb,
                                                                        p_path text default 'run_telemetry.payload')
returns text
language plpgsql
immutable
set search_path = ''
as $$
declare
  c_counts constant text[] := array['prompt_tokens', 'completion_tokens', 'tokens', 'duration_ms', 'latency_ms'];
  v_problem text;
  v_key text;
begin
  v_problem := case p_event_type
    when 'run_started' then
      public.pf_json_problem_keys(p_value, p_path, array['model', 'module_version'])
    when 'llm_call' then
      public.pf_json_problem_keys(p_value, p_path, array['model', 'prompt_tokens', 'completion_tokens', 'latency_ms'])
    when 'run_completed' then
      public.pf_json_problem_keys(p_value, p_path, array['model', 'module_version', 'prompt_tokens',
                                                         'completion_tokens', 'tokens', 'duration_ms'])
    when 'run_failed' then
      public.pf_json_problem_keys(p_value, p_path, array['error'], array['model', 'module_version', 'duration_ms'])
    else
      format('run_telemetry.event_type must be one of run_started|llm_call|run_completed|run_failed, got %s',
             public.pf_json_show(to_jsonb(p_event_type)))
    end;
  if v_problem is null and p_value ? 'model' then
    v_problem := public.pf_json_problem_text(p_value -> 'model', p_path || '.model');
  end if;
  if v_problem is null and p_value ? 'error' then
    v_problem := public.pf_json_problem_text(p_value -> 'error', p_path || '.error');
  end if;
  if v_problem is null and p_value ? 'module_version' then
    v_problem := public.pf_json_problem_semver(p_value -> 'module_version', p_path || '.module_version');
  end if;
  foreach v_key in array c_counts loop
    if v_problem is null and p_value ? v_key then
      v_problem := public.pf_json_problem_count(p_value -> v_key, p_path || '.' || v_key);
    end if;
  end loop;
  if v_problem is null and p_event_type = 'run_completed'
     and (p_value #>> '{tokens}')::numeric
         <> (p_value #>> '{prompt_tokens}')::numeric + (p_value #>> '{completion_tokens}')::numeric then
    v_problem := format('%s.tokens must equal prompt_tokens + completion_tokens (%s), got %s', p_path,
                        (p_value #>> '{prompt_tokens}')::numeric + (p_value #>> '{completion_tokens}')::numeric,
                        public.pf_json_show(p_value -> 'tokens'));
  end if;
  if v_problem is not null and p_event_type in ('run_started', 'llm_call', 'run_completed', 'run_failed') then
    v_problem := v_problem || format(' (event_type %s)', p_event_type);
  end if;
  return v_problem;
end
$$;

-- {"prompt": text} and, as recorded when the run was created, "module_id" (M01..M50),
-- "module_version" (semver), "domain_code" and "parameters" (the shape of runs.parameters)
create or replace function public.pf_json_problem_prompt_history_snapshot(p_value jsonb,
                                                                          p_path text default 'prompt_history.snapshot')
returns text
language plpgsql
immutable
set search_path = ''
as $$
declare
  v_problem text;
begin
  v_problem := coalesce(
    public.pf_json_problem_keys(p_value, p_path, array['prompt'],
                                array['module_id', 'module_version', 'domain_code', 'parameters']),
    public.pf_json_problem_text(p_value -> 'prompt', p_path || '.prompt'));
  if v_problem is null and p_value ? 'module_id'
     and (jsonb_typeof(p_value -> 'module_id') <> 'string'
          or (p_value ->> 'module_id') !~ '^M(0[1-9]|[1-4][0-9]|50)$') then
    v_problem := format('%s.module_id must be a module id M01..M50, got %s', p_path,
                        public.pf_json_show(p_value -> 'module_id'));
  end if;
  if v_problem is null and p_value ? 'module_version' then
    v_problem := public.pf_json_problem_semver(p_value -> 'module_version', p_path || '.module_version');
  end if;
  if v_problem is null and p_value ? 'domain_code'
     and (jsonb_typeof(p_value -> 'domain_code') <> 'string'
          or (p_value ->> 'domain_code') !~ '^[A-Z][A-Z0-9_]{1,31}$') then
    v_problem := format('%s.domain_code must be a domain code (A-Z, 0-9, _; 2 to 32 characters), got %s', p_path,
                        public.pf_json_show(p_value -> 'domain_code'));
  end if;
  if v_problem is null and p_value ? 'parameters' then
    v_problem := public.pf_json_problem_run_parameters(p_value -> 'parameters', p_path || '.parameters');
  end if;
  return v_problem;
end
$$;

-- {format: path} with exactly one path per listed format; each path relative (no leading /, no ..
-- segment, no backslash) and ending in .<format>
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
    -- no regular expression built from the format: a bad format must not break the check
    if jsonb_typeof(v_path) is distinct from 'string'
       or length(v_path #>> '{}') <= length(v_format) + 1
       or right(v_path #>> '{}', length(v_format) + 1) <> '.' || v_format
       or left(v_path #>> '{}', 1) = '/'
       or strpos(v_path #>> '{}', '\') > 0
       or (v_path #>> '{}') ~ '(^|/)\.\.(/|$)' then
      return format('%s.%s must be a relative path ending in .%s, got %s', p_path, v_format, v_format,
                    public.pf_json_show(v_path));
    end if;
  end loop;
  return null;
end
$$;

-- =============================================================================================
-- the list of shaped columns, and the constraints made from it
-- =============================================================================================

-- every shaped column: its table, the table's key column, the column, its constraint and the
-- problem expression over the table's columns (the constraint is check (pf_json_check(name, problem)))
create or replace function public.pf_json_shapes()
returns table (table_name text, key_column text, column_name text, constraint_name text, problem text)
language sql
immutable
set search_path = ''
as $$
  values
    ('modules',         'id',   'vector',     'modules_vector_shape_chk',
     'public.pf_json_problem_module_vector(vector)'),
    ('modules',         'id',   'spec',       'modules_spec_shape_chk',
     'public.pf_json_problem_module_spec(spec)'),
    ('modules',         'id',   'kpis',       'modules_kpis_shape_chk',
     'public.pf_json_problem_module_kpis(kpis)'),
    ('domains',         'code', 'jargon',     'domains_jargon_shape_chk',
     'public.pf_json_problem_domain_jargon(jargon)'),
    ('domains',         'code', 'compliance', 'domains_compliance_shape_chk',
     'public.pf_json_problem_domain_compliance(compliance)'),
    ('module_versions', 'id',   'spec',       'module_versions_spec_shape_chk',
     'public.pf_json_problem_module_spec(spec, ''module_versions.spec'', status <> ''draft'')'),
    ('runs',            'id',   'parameters', 'runs_parameters_shape_chk',
     'public.pf_json_problem_run_parameters(parameters)'),
    ('run_telemetry',   'id',   'payload',    'run_telemetry_payload_shape_chk',
     'public.pf_json_problem_run_telemetry_payload(event_type, payload)'),
    ('prompt_history',  'id',   'snapshot',   'prompt_history_snapshot_shape_chk',
     'public.pf_json_problem_prompt_history_snapshot(snapshot)'),
    ('bundles',         'id',   'paths',      'bundles_paths_shape_chk',
     'public.pf_json_problem_bundle_paths(formats, paths)')
$$;

-- NOT VALID: existing rows are not scanned here (014 validates them); new and changed rows are checked
do $$
declare
  v_shape record;
begin
  for v_shape in select * from public.pf_json_shapes() loop
    if not exists (select 1 from pg_catalog.pg_constraint c
                    where c.conname = v_shape.constraint_name
                      and c.conrelid = pg_catalog.to_regclass('public.' || v_shape.table_name)) then
      execute format('alter table public.%I add constraint %I check (public.pf_json_check(%L, %s)) not valid',
                     v_shape.table_name, v_shape.constraint_name, v_shape.constraint_name, v_shape.problem);
    end if;
  end loop;
end
$$;

-- =============================================================================================
-- every offending row, for operators (select * from public.pf_json_shape_problems()) and the QA suite
-- =============================================================================================
create or replace function public.pf_json_shape_problems()
returns table (table_name text, row_key text, column_name text, problem text)
language plpgsql
stable
set search_path = ''
as $$
declare
  v_shape record;
begin
  for v_shape in
    select s.* from public.pf_json_shapes() with ordinality as s(table_name, key_column, column_name,
                                                                 constraint_name, problem, n)
     order by s.n
  loop
    return query execute format(
      'select %L::text, t.%I::text, %L::text, t.problem
         from (select %I, %s as problem from public.%I) as t
        where t.problem is not null
        order by 2',
      v_shape.table_name, v_shape.key_column, v_shape.column_name,
      v_shape.key_column, v_shape.problem, v_shape.table_name);
  end loop;
end
$$;

-- =============================================================================================
-- runs: the parameters trigger of 005 now speaks the shape's language
-- =============================================================================================
-- parameters must have the shape of runs.parameters (same message as the constraint, raised first
-- because a before trigger runs before the checks) and codes that public.parameters still holds;
-- a run never moves to another organization
create or replace function public.pf_validate_run()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_gone text;
begin
  if tg_op = 'UPDATE' and new.org_id <> old.org_id then
    raise exception 'run % cannot move to another organization', old.id using errcode = '42501';
  end if;

  if tg_op = 'INSERT' or new.parameters is distinct from old.parameters then
    perform public.pf_json_check('runs_parameters_shape_chk', public.pf_json_problem_run_parameters(new.parameters));

    select string_agg(format('%s=%s', p.key, p.value), ', ' order by p.key) into v_gone
      from jsonb_each(new.parameters) as p
     where not exists (select 1 from public.parameters c
                        where c.dimension = p.key and c.code = p.value #>> '{}');
    if v_gone is not null then
      raise exception 'runs.parameters has codes that public.parameters no longer holds: %', v_gone
        using errcode = '23514';
    end if;
  end if;
  return new;
end
$$;

comment on function public.pf_validate_run() is
  'Trigger function (before insert/update on runs): parameters must have the runs.parameters JSON shape (013) and codes present in public.parameters; org_id stays fixed.';

-- =============================================================================================
-- comments and privileges
-- =============================================================================================
comment on function public.pf_json_show(jsonb) is
  'JSON shapes (013): a JSON value as problem messages show it, cut to 60 characters.';
comment on function public.pf_json_check(text, text) is
  'JSON shapes (013): used by the *_shape_chk constraints; raises the problem (SQLSTATE 23514) when not null, else true.';
comment on function public.pf_json_problem_keys(jsonb, text, text[], text[]) is
  'JSON shapes (013): NULL when the value is an object with every required key and no key outside required and optional, else the problem.';
comment on function public.pf_json_problem_text(jsonb, text) is
  'JSON shapes (013): NULL for a non-empty string, else the problem.';
comment on function public.pf_json_problem_text_list(jsonb, text, integer, boolean) is
  'JSON shapes (013): NULL for an array of at least n non-empty strings (all different when asked), else the problem.';
comment on function public.pf_json_problem_count(jsonb, text) is
  'JSON shapes (013): NULL for a whole number >= 0, else the problem.';
comment on function public.pf_json_problem_semver(jsonb, text) is
  'JSON shapes (013): NULL for a semantic version 2.0 string, else the problem.';
comment on function public.pf_json_problem_module_vector(jsonb, text) is
  'JSON shape of modules.vector: NULL when valid, else the problem (names the column and what was wrong).';
comment on function public.pf_json_problem_module_spec(jsonb, text, boolean) is
  'JSON shape of modules.spec and module_versions.spec (all keys optional for a draft): NULL when valid, else the problem.';
comment on function public.pf_json_problem_module_kpis(jsonb, text) is
  'JSON shape of modules.kpis: NULL when valid, else the problem.';
comment on function public.pf_json_problem_domain_jargon(jsonb, text) is
  'JSON shape of domains.jargon: NULL when valid, else the problem.';
comment on function public.pf_json_problem_domain_compliance(jsonb, text) is
  'JSON shape of domains.compliance: NULL when valid, else the problem.';
comment on function public.pf_json_run_parameter_codes() is
  'JSON shapes (013): the allowed run parameter codes per dimension, embedded for the runs.parameters constraint; must equal public.parameters (checked by run_all_qa_tests).';
comment on function public.pf_json_problem_run_parameters(jsonb, text) is
  'JSON shape of runs.parameters (and prompt_history.snapshot.parameters): NULL when valid, else the problem.';
comment on function public.pf_json_problem_run_telemetry_payload(text, jsonb, text) is
  'JSON shape of run_telemetry.payload by event_type: NULL when valid, else the problem.';
comment on function public.pf_json_problem_prompt_history_snapshot(jsonb, text) is
  'JSON shape of prompt_history.snapshot: NULL when valid, else the problem.';
comment on function public.pf_json_problem_bundle_paths(text[], jsonb, text) is
  'JSON shape of bundles.paths given bundles.formats: NULL when valid, else the problem.';
comment on function public.pf_json_shapes() is
  'JSON shapes (013): every shaped column with its table, key column, constraint and problem expression; the constraints, 014, the QA suite and the validate command use this list.';
comment on function public.pf_json_shape_problems() is
  'JSON shapes (013): every row whose JSON column lacks its shape (table, key, column, problem). Owner and service_role only.';

revoke all on function
  public.pf_json_show(jsonb),
  public.pf_json_check(text, text),
  public.pf_json_problem_keys(jsonb, text, text[], text[]),
  public.pf_json_problem_text(jsonb, text),
  public.pf_json_problem_text_list(jsonb, text, integer, boolean),
  public.pf_json_problem_count(jsonb, text),
  public.pf_json_problem_semver(jsonb, text),
  public.pf_json_problem_module_vector(jsonb, text),
  public.pf_json_problem_module_spec(jsonb, text, boolean),
  public.pf_json_problem_module_kpis(jsonb, text),
  public.pf_json_problem_domain_jargon(jsonb, text),
  public.pf_json_problem_domain_compliance(jsonb, text),
  public.pf_json_run_parameter_codes(),
  public.pf_json_problem_run_parameters(jsonb, text),
  public.pf_json_problem_run_telemetry_payload(text, jsonb, text),
  public.pf_json_problem_prompt_history_snapshot(jsonb, text),
  public.pf_json_problem_bundle_paths(text[], jsonb, text),
  public.pf_json_shapes(),
  public.pf_json_shape_problems()
  from public, anon, authenticated;

-- the constraints' functions: executed with the privileges of whoever writes a row
grant execute on function
  public.pf_json_show(jsonb),
  public.pf_json_check(text, text),
  public.pf_json_problem_keys(jsonb, text, text[], text[]),
  public.pf_json_problem_text(jsonb, text),
  public.pf_json_problem_text_list(jsonb, text, integer, boolean),
  public.pf_json_problem_count(jsonb, text),
  public.pf_json_problem_semver(jsonb, text),
  public.pf_json_problem_module_vector(jsonb, text),
  public.pf_json_problem_module_spec(jsonb, text, boolean),
  public.pf_json_problem_module_kpis(jsonb, text),
  public.pf_json_problem_domain_jargon(jsonb, text),
  public.pf_json_problem_domain_compliance(jsonb, text),
  public.pf_json_run_parameter_codes(),
  public.pf_json_problem_run_parameters(jsonb, text),
  public.pf_json_problem_run_telemetry_payload(text, jsonb, text),
  public.pf_json_problem_prompt_history_snapshot(jsonb, text),
  public.pf_json_problem_bundle_paths(text[], jsonb, text),
  public.pf_json_shapes()
  to authenticated, service_role;
grant execute on function public.pf_json_shape_problems() to service_role;

-- =============================================================================================
-- QA: this file's tests, discovered by run_all_qa_tests() (009 explains the registration)
-- =============================================================================================
create or replace function public.pf_qa_tests_013()
returns table (id integer, category text, test_name text, query text)
language sql
immutable
set search_path = ''
as $fn$
  select x.id, x.category, x.test_name, x.query
    from (values
      (512, 'Data integrity', 'every JSON column has its shape: no invalid row (013)', $q$
        -- the same problem functions as the *_shape_chk constraints, over every row
        with p as (select * from public.pf_json_shape_problems()),
        first_ones as (
          select x.table_name || ' ' || x.row_key || ': ' || x.problem as msg
            from p as x
           order by x.table_name, x.row_key, x.column_name
           limit 5)
        select count(*) = 0,
               case when count(*) = 0
                    then 'no invalid row in the ' || (select count(*) from public.pf_json_shapes())
                         || ' shaped JSON columns of '
                         || (select count(distinct s.table_name) from public.pf_json_shapes() s) || ' tables'
                    else (select count(*) from (select distinct q.table_name, q.row_key from p as q) as d)
                         || ' invalid rows (' || count(*) || ' problems), e.g. '
                         || (select string_agg(f.msg, '; ') from first_ones as f)
                         || '; java -jar target/promptforge-batch.jar validate lists them all' end
          from p
      $q$),
      (513, 'Data integrity', 'run parameter codes of the JSON shape match public.parameters', $q$
        -- the runs.parameters constraint carries its own copy of the codes (013): both must agree
        with shape as (
          select d.key as dimension, c.code
            from jsonb_each(public.pf_json_run_parameter_codes()) as d
           cross join lateral jsonb_array_elements_text(d.value) as c(code)),
        bad as (
          select coalesce(s.dimension, p.dimension) || '.' || coalesce(s.code, p.code)
                   || case when p.code is null then ' only in the JSON shape (pf_json_run_parameter_codes)'
                           else ' only in public.parameters' end as msg
            from shape as s
            full join public.parameters as p on p.dimension = s.dimension and p.code = s.code
           where s.code is null or p.code is null)
        select count(*) = 0,
               coalesce(string_agg(msg, '; ' order by msg)
                          || ' (a migration changes public.parameters and pf_json_run_parameter_codes() together)',
                        (select count(*) from shape) || ' codes, the same in the JSON shape and in public.parameters')
          from bad
      $q$),
      (514, 'Data integrity', 'every json/jsonb column of public has its validated JSON shape constraint', $q$
        with cols as (
          select c.relname::text as table_name, a.attname::text as column_name
            from pg_catalog.pg_attribute a
            join pg_catalog.pg_class c on c.oid = a.attrelid
           where c.relnamespace = 'public'::pg_catalog.regnamespace
             and c.relkind in ('r', 'p')
             and c.relname <> 'flyway_schema_history'
             and a.attnum > 0 and not a.attisdropped
             and a.atttypid in ('pg_catalog.json'::pg_catalog.regtype, 'pg_catalog.jsonb'::pg_catalog.regtype)
             and not exists (select 1 from pg_catalog.pg_depend d
                              where d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                                and d.objid = c.oid and d.deptype = 'e')),
        shapes as (
          select s.table_name, s.column_name, s.constraint_name, k.oid as con_oid, k.convalidated,
                 coalesce(pg_catalog.pg_get_constraintdef(k.oid) ~ 'pf_json_check', false) as checks
            from public.pf_json_shapes() as s
            left join pg_catalog.pg_constraint k
              on k.conname = s.constraint_name and k.contype = 'c'
             and k.conrelid = pg_catalog.to_regclass('public.' || s.table_name)),
        bad as (
          select c.table_name || '.' || c.column_name || ' has no JSON shape (not in pf_json_shapes())' as msg
            from cols as c
           where not exists (select 1 from shapes as s
                              where s.table_name = c.table_name and s.column_name = c.column_name)
          union all
          select s.table_name || '.' || s.column_name || ': constraint ' || s.constraint_name
                 || case when s.con_oid is null then ' is missing'
                         when not s.checks then ' does not call pf_json_check'
                         else ' is NOT VALID (java -jar target/promptforge-batch.jar validate lists the rows to fix)' end
            from shapes as s
           where s.con_oid is null or not s.checks or not s.convalidated)
        select count(*) = 0,
               coalesce(string_agg(msg, '; ' order by msg),
                        (select count(*) from cols) || ' json/jsonb columns, each with its validated shape constraint')
          from bad
      $q$)
      ) as x(id, category, test_name, query)
$fn$;

comment on function public.pf_qa_tests_013() is
  'PromptForge QA: the tests of the JSON shapes (013, ids 512-514), discovered by run_all_qa_tests(). Owner and service_role only.';
revoke all on function public.pf_qa_tests_013() from public, anon, authenticated;
grant execute on function public.pf_qa_tests_013() to service_role;

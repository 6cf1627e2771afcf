-- 004_catalog_engine.sql
--
-- Sets up the prompt catalog that every run is generated from: the 50 prompt modules (modules),
-- the CORE 25 industrial domain profiles (domains) and the five parameter dimensions with their
-- allowed codes (parameters). runs (005) reference modules and domains, module_versions (006)
-- versions modules, and 008 seeds all three tables.
--
-- The catalog is global reference data, not tenant data: anon and authenticated may read it
-- (the app shows it before sign-in) but never write it; only service_role (the batch service and
-- catalog tooling) writes. The documented JSON shapes of vector/spec/kpis/jargon/compliance
-- (docs/DATABASE.md) are not enforced here yet; a later migration adds those CHECK constraints,
-- and the seed already satisfies them.

-- ---------------------------------------------------------------------------------------------
-- modules: one row per prompt module M01..M50
-- ---------------------------------------------------------------------------------------------
create table if not exists public.modules (
  id          text        primary key
              constraint modules_id_format_chk check (id ~ '^M(0[1-9]|[1-4][0-9]|50)$'),
  name        text        not null,
  category    text        not null,
  vector      jsonb       not null,  -- {clarity, specificity, context, structure, constraints, creativity, actionability}, each in [0, 1]
  spec        jsonb       not null,  -- {objective, inputs[], outputs[], template}
  kpis        jsonb       not null,  -- [{name, target, unit}, ...]
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);

comment on table public.modules is
  'PromptForge catalog: the 50 prompt modules (M01..M50). spec mirrors the current module_versions row.';
comment on column public.modules.vector is
  'Object with the 7 dimensions clarity, specificity, context, structure, constraints, creativity, actionability, each a number in [0, 1].';
comment on column public.modules.spec is
  'Object {"objective": text, "inputs": [text, ...], "outputs": [text, ...], "template": text}; follows the current version (006).';
comment on column public.modules.kpis is
  'Non-empty array of {"name": text, "target": number, "unit": text}.';

-- ---------------------------------------------------------------------------------------------
-- domains: the CORE 25 industrial profiles
-- ---------------------------------------------------------------------------------------------
create table if not exists public.domains (
  code        text        primary key
              constraint domains_code_format_chk check (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
  name        text        not null unique,
  jargon      jsonb       not null,  -- non-empty array of distinct non-empty strings
  compliance  jsonb       not null,  -- {frameworks: [text, ...], data_sensitivity: low|medium|high|critical}
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);

comment on table public.domains is
  'PromptForge catalog: the CORE 25 industrial domain profiles (jargon and compliance context).';
comment on column public.domains.jargon is
  'Non-empty array of distinct non-empty strings.';
comment on column public.domains.compliance is
  'Object {"frameworks": [text, ...], "data_sensitivity": "low"|"medium"|"high"|"critical"}.';

-- ---------------------------------------------------------------------------------------------
-- parameters: allowed codes of the five run dimensions
-- ---------------------------------------------------------------------------------------------
create table if not exists public.parameters (
  dimension   text        not null
              constraint parameters_dimension_chk
              check (dimension in ('scale', 'urgency', 'complexity', 'resources', 'application')),
  code        text        not null,
  label       text        not null,
  ordinal     integer     not null,
  primary key (dimension, code),
  constraint parameters_dimension_ordinal_key unique (dimension, ordinal)
);

comment on table public.parameters is
  'PromptForge catalog: allowed codes per run dimension (scale, urgency, complexity, resources, application), ordered by ordinal.';

-- ---------------------------------------------------------------------------------------------
-- updated_at maintenance (public.set_updated_at() comes from 001; parameters has no timestamps)
-- ---------------------------------------------------------------------------------------------
create or replace trigger modules_set_updated_at
  before update on public.modules
  for each row execute function public.set_updated_at();

create or replace trigger domains_set_updated_at
  before update on public.domains
  for each row execute function public.set_updated_at();

-- ---------------------------------------------------------------------------------------------
-- row level security: everyone may read the catalog, nobody but service_role writes it
-- (service_role bypasses RLS; anon/authenticated get no write policy and no write grant)
-- ---------------------------------------------------------------------------------------------
alter table public.modules    enable row level security;
alter table public.domains    enable row level security;
alter table public.parameters enable row level security;

drop policy if exists modules_select_all on public.modules;
create policy modules_select_all on public.modules
  for select to anon, authenticated using (true);

drop policy if exists domains_select_all on public.domains;
create policy domains_select_all on public.domains
  for select to anon, authenticated using (true);

drop policy if exists parameters_select_all on public.parameters;
create policy parameters_select_all on public.parameters
  for select to anon, authenticated using (true);

-- ---------------------------------------------------------------------------------------------
-- privileges (Supabase's default privileges grant everything to anon/authenticated: take it back)
-- ---------------------------------------------------------------------------------------------
revoke all on table public.modules, public.domains, public.parameters from public, anon, authenticated;
grant select on table public.modules, public.domains, public.parameters to anon, authenticated;
grant all on table public.modules, public.domains, public.parameters to service_role;

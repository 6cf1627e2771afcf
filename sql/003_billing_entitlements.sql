-- 003_billing_entitlements.sql
--
-- Sets up billing and feature gating:
--   * plans and plan_entitlements: the public price list and which feature flags each plan turns
--     on (seeded in 008; readable by everyone, also before sign-in);
--   * subscriptions: one per organization, written by the billing sync (service_role) from what
--     the payment provider says;
--   * entitlement_grants: add-ons, packs and licences bought on top of a plan;
--   * entitlements: the materialized flags the app gates on, one row per (org, user or whole org,
--     flag, source, source_ref); plan rows are maintained by pf_apply_plan_entitlements();
--   * entitlements_effective_org / entitlements_effective_user: the effective value of each flag
--     now, served from the covering index entitlements_gating_idx (index-only scans).
-- Members read their organization's billing rows; nobody but service_role (and the owner, i.e.
-- the batch service) writes them.

-- ---------------------------------------------------------------------------------------------
-- plans and their flags
-- ---------------------------------------------------------------------------------------------
create table if not exists public.plans (
  code                 text        primary key
                       constraint plans_code_chk check (code in ('pilot', 'pro', 'enterprise')),
  name                 text        not null,
  description          text,
  monthly_price_cents  integer
                       constraint plans_monthly_price_cents_chk check (monthly_price_cents >= 0),
  created_at           timestamptz not null default now(),
  updated_at           timestamptz not null default now()
);

comment on table public.plans is
  'Public price list: pilot, pro, enterprise. Flags per plan in plan_entitlements.';

create table if not exists public.plan_entitlements (
  plan_code  text    not null references public.plans (code) on delete cascade,
  flag       text    not null,
  value      boolean not null,
  primary key (plan_code, flag)
);

comment on table public.plan_entitlements is
  'Feature flags of each plan (canExportPDF, hasAPI, canExportDOCX, hasTeamWorkspace, hasAuditLog, hasSSO). Copied to entitlements by pf_apply_plan_entitlements().';

-- ---------------------------------------------------------------------------------------------
-- subscriptions
-- ---------------------------------------------------------------------------------------------
create table if not exists public.subscriptions (
  id                    uuid        primary key default gen_random_uuid(),
  org_id                uuid        not null unique references public.organizations (id) on delete cascade,
  -- no foreign key to plans: billing records what the payment provider says, the sync job skips
  -- plans it does not know
  plan_code             text        not null,
  status                text        not null
                        constraint subscriptions_status_chk
                        check (status in ('trialing', 'active', 'past_due', 'canceled', 'unpaid', 'incomplete', 'paused')),
  current_period_start  timestamptz,
  current_period_end    timestamptz,
  trial_end             timestamptz,
  cancel_at             timestamptz,
  created_at            timestamptz not null default now(),
  updated_at            timestamptz not null default now(),
  constraint subscriptions_period_chk
    check (current_period_end is null or current_period_start is null or current_period_end >= current_period_start)
);

comment on table public.subscriptions is
  'One subscription per organization, as reported by the payment provider (written by service_role).';

-- ---------------------------------------------------------------------------------------------
-- entitlement grants (add-ons, packs, licences)
-- ---------------------------------------------------------------------------------------------
create table if not exists public.entitlement_grants (
  id           uuid        primary key default gen_random_uuid(),
  org_id       uuid        not null references public.organizations (id) on delete cascade,
  user_id      uuid,
  source       text        not null
               constraint entitlement_grants_source_chk check (source in ('addon', 'pack', 'license')),
  source_ref   text        not null,
  flag         text        not null,
  value        boolean     not null default true,
  valid_from   timestamptz not null default now(),
  valid_until  timestamptz,
  revoked_at   timestamptz,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  constraint entitlement_grants_validity_chk check (valid_until is null or valid_until > valid_from)
);

comment on table public.entitlement_grants is
  'Flags bought on top of the plan (add-on, pack, licence), for the whole organization (user_id null) or one user. Materialized into entitlements with source_ref = the grant''s source_ref.';

-- ---------------------------------------------------------------------------------------------
-- entitlements (what the app gates on)
-- ---------------------------------------------------------------------------------------------
create table if not exists public.entitlements (
  id           uuid        primary key default gen_random_uuid(),
  org_id       uuid        not null references public.organizations (id) on delete cascade,
  user_id      uuid,
  flag         text        not null,
  value        boolean     not null,
  source       text        not null
               constraint entitlements_source_chk check (source in ('plan', 'addon', 'pack', 'license', 'manual')),
  source_ref   text        not null default '',
  valid_from   timestamptz not null default now(),
  valid_until  timestamptz,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  constraint entitlements_org_user_flag_source_key
    unique nulls not distinct (org_id, user_id, flag, source, source_ref),
  constraint entitlements_validity_chk check (valid_until is null or valid_until > valid_from)
);

comment on table public.entitlements is
  'Materialized feature flags per organization (user_id null) or per user. Plan rows: source = ''plan'', source_ref = plan code, maintained by pf_apply_plan_entitlements().';

-- gating lookups (org_id, flag) answered from the index alone
create index if not exists entitlements_gating_idx
  on public.entitlements (org_id, flag)
  include (value, user_id, valid_from, valid_until);

create or replace trigger plans_set_updated_at
  before update on public.plans
  for each row execute function public.set_updated_at();

create or replace trigger subscriptions_set_updated_at
  before update on public.subscriptions
  for each row execute function public.set_updated_at();

create or replace trigger entitlement_grants_set_updated_at
  before update on public.entitlement_grants
  for each row execute function public.set_updated_at();

create or replace trigger entitlements_set_updated_at
  before update on public.entitlements
  for each row execute function public.set_updated_at();

-- ---------------------------------------------------------------------------------------------
-- effective flags (security invoker: callers see only their organizations' rows)
-- ---------------------------------------------------------------------------------------------
create or replace view public.entitlements_effective_org
with (security_invoker = true) as
select
  e.org_id,
  e.flag,
  bool_or(e.value) as value
from public.entitlements e
where e.user_id is null
  and e.valid_from <= now()
  and (e.valid_until is null or e.valid_until > now())
group by e.org_id, e.flag;

comment on view public.entitlements_effective_org is
  'Effective organization-wide flags now: OR of the org-wide (user_id null) entitlement rows currently valid.';

create or replace view public.entitlements_effective_user
with (security_invoker = true) as
select
  m.org_id,
  m.user_id,
  e.flag,
  bool_or(e.value) as value
from public.org_members m
join public.entitlements e
  on e.org_id = m.org_id
 and (e.user_id is null or e.user_id = m.user_id)
where e.valid_from <= now()
  and (e.valid_until is null or e.valid_until > now())
group by m.org_id, m.user_id, e.flag;

comment on view public.entitlements_effective_user is
  'Effective flags per member now: OR of the organization-wide rows and the member''s own rows currently valid.';

-- ---------------------------------------------------------------------------------------------
-- pf_apply_plan_entitlements(org, plan): sync the org's plan rows with the plan's flags
-- ---------------------------------------------------------------------------------------------
create or replace function public.pf_apply_plan_entitlements(p_org_id uuid, p_plan_code text)
returns integer
language plpgsql
set search_path = ''
as $$
declare
  v_codes   text;
  v_deleted integer;
  v_upserted integer;
begin
  if p_org_id is null then
    raise exception 'organization id must not be null' using errcode = '22004';
  end if;

  if p_plan_code is null or not exists (select 1 from public.plans p where p.code = p_plan_code) then
    select string_agg(p.code, ', ' order by case p.code when 'pilot' then 1 when 'pro' then 2 when 'enterprise' then 3 end, p.code)
      into v_codes
      from public.plans p;
    raise exception 'unknown plan code "%": expected one of %', p_plan_code, coalesce(v_codes, '(no plans defined)')
      using errcode = '22023';
  end if;

  -- lock the organization: concurrent applies for one org run one after the other
  perform 1 from public.organizations o where o.id = p_org_id for no key update;
  if not found then
    raise exception 'unknown organization %', p_org_id using errcode = '23503';
  end if;

  -- plan rows that are no longer part of the plan (other plan, dropped flag, stray user row)
  delete from public.entitlements e
  where e.org_id = p_org_id
    and e.source = 'plan'
    and (
      e.source_ref <> p_plan_code
      or e.user_id is not null
      or not exists (
        select 1 from public.plan_entitlements pe
        where pe.plan_code = p_plan_code and pe.flag = e.flag
      )
    );
  get diagnostics v_deleted = row_count;

  -- missing flags are inserted; rows are only rewritten when their value or validity differs,
  -- so a second call changes nothing
  insert into public.entitlements as e (org_id, user_id, flag, value, source, source_ref)
  select p_org_id, null, pe.flag, pe.value, 'plan', p_plan_code
  from public.plan_entitlements pe
  where pe.plan_code = p_plan_code
  on conflict (org_id, user_id, flag, source, source_ref) do update
    set value = excluded.value,
        valid_from = least(e.valid_from, excluded.valid_from),
        valid_until = null
    where e.value is distinct from excluded.value
       or e.valid_until is not null
       or e.valid_from > excluded.valid_from;
  get diagnostics v_upserted = row_count;

  return v_deleted + v_upserted;
end
$$;

comment on function public.pf_apply_plan_entitlements(uuid, text) is
  'Makes the organization''s plan entitlement rows (source plan, source_ref = plan code) equal to the plan''s flags. Idempotent; returns the number of rows deleted, inserted or updated (0 when already in sync). Service role / owner only.';

revoke all on function public.pf_apply_plan_entitlements(uuid, text) from public, anon, authenticated;
grant execute on function public.pf_apply_plan_entitlements(uuid, text) to service_role;

-- ---------------------------------------------------------------------------------------------
-- row level security
-- ---------------------------------------------------------------------------------------------
alter table public.plans enable row level security;
alter table public.plan_entitlements enable row level security;
alter table public.subscriptions enable row level security;
alter table public.entitlement_grants enable row level security;
alter table public.entitlements enable row level security;

drop policy if exists plans_select_all on public.plans;
create policy plans_select_all on public.plans
  for select to anon, authenticated
  using (true);

drop policy if exists plan_entitlements_select_all on public.plan_entitlements;
create policy plan_entitlements_select_all on public.plan_entitlements
  for select to anon, authenticated
  using (true);

drop policy if exists subscriptions_select_member on public.subscriptions;
create policy subscriptions_select_member on public.subscriptions
  for select to authenticated
  using (public.pf_is_org_member(org_id));

drop policy if exists entitlement_grants_select_member on public.entitlement_grants;
create policy entitlement_grants_select_member on public.entitlement_grants
  for select to authenticated
  using (public.pf_is_org_member(org_id));

drop policy if exists entitlements_select_member on public.entitlements;
create policy entitlements_select_member on public.entitlements
  for select to authenticated
  using (public.pf_is_org_member(org_id));

-- ---------------------------------------------------------------------------------------------
-- privileges: read-only for clients, everything for service_role
-- ---------------------------------------------------------------------------------------------
revoke all on table
  public.plans, public.plan_entitlements, public.subscriptions, public.entitlement_grants,
  public.entitlements, public.entitlements_effective_org, public.entitlements_effective_user
  from public, anon, authenticated;

grant select on table public.plans, public.plan_entitlements to anon, authenticated;
grant select on table
  public.subscriptions, public.entitlement_grants, public.entitlements,
  public.entitlements_effective_org, public.entitlements_effective_user
  to authenticated;

grant all on table
  public.plans, public.plan_entitlements, public.subscriptions, public.entitlement_grants,
  public.entitlements, public.entitlements_effective_org, public.entitlements_effective_user
  to service_role;

-- 012_entitlement_changes.sql
--
-- Sets up the record of the nightly entitlement sync (batch job entitlement-sync), which reconciles
-- the entitlements projection with subscriptions, entitlement_grants and plan_entitlements (003):
--   * entitlement_changes: one row per entitlement row the job added, removed or updated, with the
--     values before and after, so that support can answer "why did this org lose SSO last night"
--     and a second run with unchanged inputs can be seen to have changed nothing;
--   * entitlement_sync_skips: one row per organization the job left alone because its billing data
--     is bad (e.g. a subscription whose plan_code is not in plans, which has no foreign key on
--     purpose), with the reason.
-- Both carry the Spring Batch job instance and execution ids (no foreign key: the batch schema is
-- the batch service's bookkeeping and may be purged independently). The job instance id groups
-- the executions of one run across a restart, which is how the report of a restarted run still
-- lists what the killed execution committed.
-- Only the batch service (service_role, or the owner that runs the migrations) writes them; members
-- of an organization read their organization's rows.

-- ---------------------------------------------------------------------------------------------
-- entitlement_changes
-- ---------------------------------------------------------------------------------------------
create table if not exists public.entitlement_changes (
  id                bigint      generated always as identity primary key,
  org_id            uuid        not null references public.organizations (id) on delete cascade,
  user_id           uuid,
  flag              text        not null,
  source            text        not null
                    constraint entitlement_changes_source_chk
                    check (source in ('plan', 'addon', 'pack', 'license', 'manual')),
  source_ref        text        not null,
  kind              text        not null
                    constraint entitlement_changes_kind_chk check (kind in ('added', 'removed', 'updated')),
  old_value         boolean,
  new_value         boolean,
  old_valid_from    timestamptz,
  old_valid_until   timestamptz,
  new_valid_from    timestamptz,
  new_valid_until   timestamptz,
  job_instance_id   bigint      not null,
  job_execution_id  bigint      not null,
  changed_at        timestamptz not null default now(),
  -- an added row has no "before", a removed row no "after"; an update has both
  constraint entitlement_changes_values_chk check (
    case kind
      when 'added'   then old_value is null and new_value is not null and new_valid_from is not null
      when 'removed' then old_value is not null and new_value is null and old_valid_from is not null
      else old_value is not null and new_value is not null
           and old_valid_from is not null and new_valid_from is not null
    end)
);

comment on table public.entitlement_changes is
  'Every change the entitlement-sync job made to public.entitlements (kind added|removed|updated, values before and after), with the Spring Batch job instance and execution that made it. Written by the batch service only.';

-- an org's history, newest last (also covers the foreign key)
create index if not exists entitlement_changes_org_changed_idx
  on public.entitlement_changes (org_id, changed_at);

-- the report of one run, across the executions of a restarted job instance
create index if not exists entitlement_changes_job_instance_idx
  on public.entitlement_changes (job_instance_id, org_id);

-- ---------------------------------------------------------------------------------------------
-- entitlement_sync_skips
-- ---------------------------------------------------------------------------------------------
create table if not exists public.entitlement_sync_skips (
  id                bigint      generated always as identity primary key,
  org_id            uuid        not null references public.organizations (id) on delete cascade,
  reason            text        not null,
  job_instance_id   bigint      not null,
  job_execution_id  bigint      not null,
  skipped_at        timestamptz not null default now()
);

comment on table public.entitlement_sync_skips is
  'Organizations the entitlement-sync job skipped because of bad billing data (e.g. an unknown plan code), with the reason. Their entitlements were left as they were. Written by the batch service only.';

create index if not exists entitlement_sync_skips_org_skipped_idx
  on public.entitlement_sync_skips (org_id, skipped_at);

create index if not exists entitlement_sync_skips_job_instance_idx
  on public.entitlement_sync_skips (job_instance_id, org_id);

-- ---------------------------------------------------------------------------------------------
-- row level security: members read their organization's rows; nobody but service_role writes
-- ---------------------------------------------------------------------------------------------
alter table public.entitlement_changes enable row level security;
alter table public.entitlement_sync_skips enable row level security;

drop policy if exists entitlement_changes_select_member on public.entitlement_changes;
create policy entitlement_changes_select_member on public.entitlement_changes
  for select to authenticated
  using (public.pf_is_org_member(org_id));

drop policy if exists entitlement_sync_skips_select_member on public.entitlement_sync_skips;
create policy entitlement_sync_skips_select_member on public.entitlement_sync_skips
  for select to authenticated
  using (public.pf_is_org_member(org_id));

-- ---------------------------------------------------------------------------------------------
-- privileges
-- ---------------------------------------------------------------------------------------------
revoke all on table public.entitlement_changes, public.entitlement_sync_skips
  from public, anon, authenticated;
grant select on table public.entitlement_changes, public.entitlement_sync_skips to authenticated;
grant all on table public.entitlement_changes, public.entitlement_sync_skips to service_role;

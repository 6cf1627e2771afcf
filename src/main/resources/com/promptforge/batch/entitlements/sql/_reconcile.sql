-- Shared part (included, not run alone) of preview_chunk_changes.sql and apply_chunk_changes.sql: the CTEs up to
-- diff (what the projection must change for the chunk's orgs) and skipped (orgs left as they are, with why).
-- Parameters: :orgIds (uuid[]), :graceDays. "Now" is now(), the chunk transaction's start.
-- the chunk's orgs that still exist (one deleted since the page was read is left out)
with chunk as (
  select o.id as org_id
    from public.organizations o
   where o.id = any (cast(:orgIds as uuid[]))
),
-- whether each subscription entitles its org to its plan now
subscription_state as (
  select s.org_id,
         s.plan_code,
         case
           -- a cancellation date that has passed ends the plan whatever the status says
           when s.cancel_at is not null and s.cancel_at <= now() then false
           -- a missing end date means an open-ended period
           when s.status = 'active'
             then s.current_period_end is null or s.current_period_end > now()
           when s.status = 'trialing'
             then coalesce(s.trial_end, s.current_period_end) is null
               or coalesce(s.trial_end, s.current_period_end) > now()
           -- past_due keeps the plan for the grace period after the period's end
           when s.status = 'past_due'
             then s.current_period_end is null
               or s.current_period_end + make_interval(days => :graceDays) > now()
           -- canceled, unpaid, incomplete, paused
           else false
         end as in_force
    from public.subscriptions s
   where s.org_id in (select c.org_id from chunk c)
),
-- pilot unless a subscription in force says otherwise (no subscription: pilot)
effective_plan as (
  select c.org_id,
         case when s.in_force then s.plan_code else 'pilot' end as plan_code
    from chunk c
    left join subscription_state s on s.org_id = c.org_id
),
-- grants that count: neither revoked nor expired (future ones count, from their start)
live_grant as (
  select g.org_id, g.user_id, g.flag, g.source, g.source_ref, g.value, g.valid_from, g.valid_until
    from public.entitlement_grants g
   -- the array, not the chunk CTE (here and in current_row): see current_row
   where g.org_id = any (cast(:orgIds as uuid[]))
     and g.revoked_at is null
     and (g.valid_until is null or g.valid_until > now())
),
-- bad data: such an org is skipped and its entitlements stay as they are. A plan code that
-- does not matter (the subscription is not in force) is not a reason.
problem as (
  select p.org_id,
         format('unknown plan code "%s": expected one of %s', p.plan_code,
                (select coalesce(string_agg(pl.code, ', ' order by pl.monthly_price_cents nulls last, pl.code),
                                 '(no plans defined)')
                   from public.plans pl)) as reason
    from effective_plan p
   where not exists (select 1 from public.plans pl where pl.code = p.plan_code)
  union all
  -- a flag no plan defines is a typo that would otherwise grant nothing, silently
  select g.org_id,
         format('%s grant "%s" names unknown flag "%s"', g.source, g.source_ref, g.flag)
    from live_grant g
   where not exists (select 1 from public.plan_entitlements pe where pe.flag = g.flag)
),
skipped as (
  select p.org_id, string_agg(distinct p.reason, '; ') as reason
    from problem p
   group by p.org_id
),
-- what the projection must hold for the orgs that are synced
desired as (
  -- the effective plan's flags, org-wide, source_ref = plan code. A plan row has no validity
  -- of its own: valid_from null here means "keep the row's start unless it lies in the future".
  select p.org_id, null::uuid as user_id, pe.flag, 'plan'::text as source, p.plan_code as source_ref,
         pe.value, null::timestamptz as valid_from, null::timestamptz as valid_until
    from effective_plan p
    join public.plan_entitlements pe on pe.plan_code = p.plan_code
   where p.org_id not in (select k.org_id from skipped k)
  union all
  -- one row per key of entitlements (org, user, flag, source, source_ref): live grants sharing
  -- a key (a renewed licence) become one row spanning them, open-ended if any of them is
  select g.org_id, g.user_id, g.flag, g.source, g.source_ref,
         bool_or(g.value), min(g.valid_from),
         case when bool_and(g.valid_until is not null) then max(g.valid_until) end
    from live_grant g
   where g.org_id not in (select k.org_id from skipped k)
   group by g.org_id, g.user_id, g.flag, g.source, g.source_ref
),
-- what the projection holds that the job owns: every non-manual row, and manual rows that
-- have expired (the only manual rows the job removes)
current_row as (
  select e.id, e.org_id, e.user_id, e.flag, e.source, e.source_ref, e.value, e.valid_from, e.valid_until
    from public.entitlements e
   -- the array itself, not "in (select ... from chunk)": against the CTE the plan rested on statistics taken
   -- while the table was near empty, as on a first run, and read what earlier chunks had written (seen as a hashed
   -- scan of the whole table); on the array the org_id index is probed. Measured on a first run at 100,000 orgs:
   -- 146 ms per chunk of 500 orgs on average, 1.7 s at worst, and 81 ms, 0.1 s at worst (the run: 34 s, now 20 s).
   -- Rows of an org deleted since the page was read went with it (on delete cascade).
   where e.org_id = any (cast(:orgIds as uuid[]))
     and e.org_id not in (select k.org_id from skipped k)
     and (e.source <> 'manual' or e.valid_until <= now())
),
-- the differences. user_id is null for org-wide rows, and the key treats nulls as equal:
-- coalesce to the nil uuid so that the full join can hash on it.
diff as (
  select case when c.id is null then 'added' when d.org_id is null then 'removed' else 'updated' end as kind,
         c.id as entitlement_id,
         coalesce(d.org_id, c.org_id) as org_id,
         coalesce(d.user_id, c.user_id) as user_id,
         coalesce(d.flag, c.flag) as flag,
         coalesce(d.source, c.source) as source,
         coalesce(d.source_ref, c.source_ref) as source_ref,
         c.value as old_value,
         d.value as new_value,
         c.valid_from as old_valid_from,
         c.valid_until as old_valid_until,
         case when d.org_id is not null then coalesce(d.valid_from, least(c.valid_from, now())) end
           as new_valid_from,
         d.valid_until as new_valid_until
    from desired d
    full join current_row c
      on c.org_id = d.org_id
     and coalesce(c.user_id, '00000000-0000-0000-0000-000000000000') = coalesce(d.user_id, '00000000-0000-0000-0000-000000000000')
     and c.flag = d.flag
     and c.source = d.source
     and c.source_ref = d.source_ref
   where c.id is null
      or d.org_id is null
      or c.value <> d.value
      or c.valid_from <> coalesce(d.valid_from, least(c.valid_from, now()))
      or c.valid_until is distinct from d.valid_until
)

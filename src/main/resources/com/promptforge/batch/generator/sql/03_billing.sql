-- generator/03_billing.sql: one subscription per org (but 4% without: pilot), every plan and status; grants of
-- every source (org-wide add-ons and packs, per-user licences), some expired, some revoked; a few hand-made
-- (manual) entitlement rows. Dates are relative to the anchor.

insert into public.subscriptions (id, org_id, plan_code, status, current_period_start, current_period_end,
                                  trial_end, cancel_at, created_at, updated_at)
with drawn as (
  select o.n, o.id, o.created_at,
         pg_temp.pf_u(o.n, 10) as u_plan,
         pg_temp.pf_u(o.n, 11) as u_status,
         pg_temp.pf_u(o.n, 12) as u_day,
         pg_temp.pf_u(o.n, 13) as u_cancel
    from gen_org o
   where pg_temp.pf_u(o.n, 9) >= 0.04
),
typed as (
  select d.*,
         -- the busiest orgs are enterprise customers
         case when d.n <= 3 or d.u_plan < 0.15 then 'enterprise' when d.u_plan < 0.50 then 'pro' else 'pilot' end
           as plan_code,
         case
           when d.n <= 3 or d.u_status < 0.72 then 'active'
           when d.u_status < 0.82 then 'trialing'
           when d.u_status < 0.88 then 'past_due'
           when d.u_status < 0.95 then 'canceled'
           when d.u_status < 0.97 then 'unpaid'
           when d.u_status < 0.985 then 'incomplete'
           else 'paused'
         end as status,
         cast(:anchor as timestamptz) as anchor
    from drawn d
)
select pg_temp.pf_id(3, t.n), t.id, t.plan_code, t.status,
       -- period start
       case t.status
         when 'active' then t.anchor - (30 * t.u_day) * interval '1 day'
         when 'trialing' then t.anchor - (14 * t.u_day) * interval '1 day'
         when 'incomplete' then null
         else t.anchor - interval '1 month' - (40 * t.u_day) * interval '1 day'
       end,
       -- period end: in the future for active and trialing; past for the rest (past_due: within or beyond
       -- the sync's grace days)
       case t.status
         when 'active' then t.anchor - (30 * t.u_day) * interval '1 day' + interval '1 month'
         when 'trialing' then t.anchor - (14 * t.u_day) * interval '1 day' + interval '14 days'
         when 'incomplete' then null
         else t.anchor - (40 * t.u_day) * interval '1 day'
       end,
       -- trials: a third end within three days
       case when t.status = 'trialing'
            then t.anchor + case when t.u_cancel < 0.33 then 3 * t.u_day else 3 + 11 * t.u_day end * interval '1 day'
       end,
       -- cancellations: done for canceled ones, at the period's end for a tenth of the active ones
       case
         when t.status = 'canceled' then t.anchor - (40 * t.u_day) * interval '1 day'
         when t.status = 'active' and t.u_cancel < 0.10
           then t.anchor - (30 * t.u_day) * interval '1 day' + interval '1 month'
       end,
       t.created_at + interval '1 day',
       t.created_at + interval '1 day'
  from typed t
 order by t.n;

-- grants: a third of the orgs bought something on top of their plan, one to four grants each
insert into public.entitlement_grants (id, org_id, user_id, source, source_ref, flag, value, valid_from,
                                       valid_until, revoked_at, created_at, updated_at)
with bought as (
  select o.n, o.id, o.members, g,
         pg_temp.pf_u(o.n * 8 + g, 20) as u_source,
         pg_temp.pf_u(o.n * 8 + g, 21) as u_flag,
         pg_temp.pf_u(o.n * 8 + g, 22) as u_start,
         pg_temp.pf_u(o.n * 8 + g, 23) as u_end,
         pg_temp.pf_u(o.n * 8 + g, 24) as u_user,
         cast(:anchor as timestamptz) as anchor
    from gen_org o
   cross join lateral generate_series(1, 1 + floor(4 * pg_temp.pf_u(o.n, 15))::int) as g
   where pg_temp.pf_u(o.n, 14) < 0.33
),
typed as (
  select b.*,
         case when b.u_source < 0.5 then 'addon' when b.u_source < 0.8 then 'pack' else 'license' end as source,
         b.anchor - (10 + 200 * b.u_start) * interval '1 day' as valid_from
    from bought b
)
select pg_temp.pf_id(4, t.n * 8 + t.g), t.id,
       -- licences are per user, add-ons and packs for the whole org
       case when t.source = 'license' then pg_temp.pf_user(t.n, 1 + floor(t.members * t.u_user)::int) end,
       t.source,
       t.source || '-' || t.n || '-' || t.g,
       c.flags[1 + floor(cardinality(c.flags) * t.u_flag)::int],
       true,
       t.valid_from,
       -- a fifth expired, half running for a while yet, the rest open-ended
       case when t.u_end < 0.2 then t.anchor - (1 + 8 * t.u_end / 0.2) * interval '1 day'
            when t.u_end < 0.7 then t.anchor + (30 + 300 * t.u_end) * interval '1 day'
       end,
       -- one in twelve revoked
       case when pg_temp.pf_u(t.n * 8 + t.g, 25) < 1.0 / 12 then t.anchor - (5 * t.u_start) * interval '1 day' end,
       t.valid_from,
       t.valid_from
  from typed t
 cross join gen_catalog c
 order by t.n, t.g;

-- support overrides (source manual) for one org in a hundred; a third of them expired
insert into public.entitlements (id, org_id, user_id, flag, value, source, source_ref, valid_from, valid_until,
                                 created_at, updated_at)
select pg_temp.pf_id(5, o.n), o.id, null,
       c.flags[1 + floor(cardinality(c.flags) * pg_temp.pf_u(o.n, 27))::int],
       true, 'manual', 'support-ticket-' || (1000 + o.n),
       cast(:anchor as timestamptz) - interval '60 days',
       case when pg_temp.pf_u(o.n, 28) < 0.33 then cast(:anchor as timestamptz) - interval '2 days'
            else cast(:anchor as timestamptz) + interval '90 days' end,
       cast(:anchor as timestamptz) - interval '60 days',
       cast(:anchor as timestamptz) - interval '60 days'
  from gen_org o
 cross join gen_catalog c
 where pg_temp.pf_u(o.n, 26) < 0.01
 order by o.n;

-- Shared part (included, not run alone) of entitlement_projection.sql and entitlement_projection_logged.sql: the
-- projection the entitlement sync computes (entitlements/sql/_reconcile.sql: effective plan with 7 grace days, live
-- grants merged per key) for every org, as rows in the column order of public.entitlements' insert: org_id,
-- user_id, flag, value, source, source_ref, valid_from, valid_until.
with effective_plan as (
  select o.id as org_id,
         case
           when s.org_id is null then 'pilot'
           when s.cancel_at is not null and s.cancel_at <= now() then 'pilot'
           when s.status = 'active' and (s.current_period_end is null or s.current_period_end > now()) then s.plan_code
           when s.status = 'trialing' and (coalesce(s.trial_end, s.current_period_end) is null
                                           or coalesce(s.trial_end, s.current_period_end) > now()) then s.plan_code
           when s.status = 'past_due' and (s.current_period_end is null
                                           or s.current_period_end + interval '7 days' > now()) then s.plan_code
           else 'pilot'
         end as plan_code
    from public.organizations o
    left join public.subscriptions s on s.org_id = o.id
)
select p.org_id, null, pe.flag, pe.value, 'plan', p.plan_code, now(), null
  from effective_plan p
  join public.plan_entitlements pe on pe.plan_code = p.plan_code
union all
select g.org_id, g.user_id, g.flag, bool_or(g.value), g.source, g.source_ref, min(g.valid_from),
       case when bool_and(g.valid_until is not null) then max(g.valid_until) end
  from public.entitlement_grants g
 where g.revoked_at is null and (g.valid_until is null or g.valid_until > now())
 group by g.org_id, g.user_id, g.flag, g.source, g.source_ref

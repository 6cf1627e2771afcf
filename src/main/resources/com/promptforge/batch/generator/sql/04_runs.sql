-- generator/04_runs.sql: the runs of the hours :fromHour <= h < :toHour, in the order they were created (so
-- the table's physical order is its created_at order, as in an append-only production table). Run j:
--   * its org: Zipf-like over the org numbers 1..:runOrgs with exponent :orgSkew (org 1 the busiest, ~5% of all
--     runs; orgs after :runOrgs have none);
--   * its user: a member of that org, the first members (owner, admins) the most active;
--   * its module: Zipf-like over the catalog; its domain: the org's own industry seven times in ten;
--   * its status: completed, some failed or canceled, queued or running in the last half hour;
--   * its parameters: each uniform over its codes;
--   * its id: time-ordered (creation milliseconds first, like a UUIDv7), the rest from the seed.

insert into public.runs (id, org_id, user_id, module_id, domain_code, parameters, status, tokens, duration_ms,
                         created_at, started_at, completed_at, updated_at)
with numbered as (
  select j, s.starts_at + (3600 * pg_temp.pf_u(j, 30)) * interval '1 second' as created_at
    from gen_slot s
   cross join lateral generate_series(s.first_run, s.first_run + s.runs - 1) as j
   where s.h >= :fromHour and s.h < :toHour
),
drawn as (
  select r.j, r.created_at,
         o.id as org_id,
         pg_temp.pf_user(o.n, 1 + floor(o.members * power(pg_temp.pf_u(r.j, 32), 1.5))::int) as user_id,
         c.modules[pg_temp.pf_skewed(pg_temp.pf_u(r.j, 33), cardinality(c.modules), 0.6)] as module_id,
         c.domains[case when pg_temp.pf_u(r.j, 34) < 0.7 then o.domain_index
                        else 1 + floor(cardinality(c.domains) * pg_temp.pf_u(r.j, 35))::int end] as domain_code,
         -- the five parameters, each uniform over its codes (see gen_parameters)
         floor(pg_temp.pf_u(r.j, 36) * (select count(*) from gen_parameters))::int as combination,
         case
           when r.created_at > cast(:anchor as timestamptz) - interval '30 minutes'
             then case when pg_temp.pf_u(r.j, 41) < 0.5 then 'queued' else 'running' end
           when pg_temp.pf_u(r.j, 41) < 0.006 then 'canceled'
           when pg_temp.pf_u(r.j, 41) < 0.06 then 'failed'
           else 'completed'
         end as status,
         -- tokens: mostly 400-1,500, a long tail to 3,900
         400 + floor(3500 * power(pg_temp.pf_u(r.j, 42), 2))::int as tokens,
         pg_temp.pf_u(r.j, 43) as u_speed,
         (1 + 4 * pg_temp.pf_u(r.j, 44)) * interval '1 second' as queued_for
    from numbered r
   cross join gen_catalog c
   join gen_org o on o.n = pg_temp.pf_skewed(pg_temp.pf_u(r.j, 31), cast(:runOrgs as bigint), :orgSkew)
)
select (lpad(to_hex(floor(extract(epoch from d.created_at) * 1000)::bigint), 12, '0')
        || lpad(to_hex(hashint8extended(d.j, ${seed} * 64 + 6)), 16, '0')
        || lpad(to_hex(hashint8extended(d.j, ${seed} * 64 + 38) & 65535), 4, '0'))::uuid,
       d.org_id, d.user_id, d.module_id, d.domain_code, p.parameters, d.status,
       case when d.status = 'completed' then d.tokens end,
       case when d.status in ('completed', 'failed') then floor(d.tokens * (4 + 8 * d.u_speed))::int end,
       d.created_at,
       case when d.status <> 'queued' then d.created_at + d.queued_for end,
       case when d.status in ('completed', 'failed')
            then d.created_at + d.queued_for + floor(d.tokens * (4 + 8 * d.u_speed)) * interval '1 millisecond' end,
       case when d.status in ('completed', 'failed')
            then d.created_at + d.queued_for + floor(d.tokens * (4 + 8 * d.u_speed)) * interval '1 millisecond'
            else d.created_at end
  from drawn d
  join gen_parameters p on p.combination = d.combination
 order by d.created_at, d.j;

-- generator/01_setup.sql: the session's helpers and the plan of the data, before any row is written.
--
-- Every random choice is a pure function of (seed, what is chosen, its number): pf_u(n, i) hashes the number n of
-- an org or run with the stream i and the seed. So the same seed gives the same rows whatever plan, slice size or
-- order the statements run in (setseed()/random() would depend on the order rows are produced).
-- ${seed} is replaced by the seed (a whole number) before this file runs; the rest are bind parameters.

-- a uniform number in [0, 1) for (n, i): 52 bits of hashint8extended, the hash PostgreSQL keeps stable for
-- hash partitioning
create or replace function pg_temp.pf_u(n bigint, i integer) returns double precision
language sql immutable parallel safe as
$$ select (hashint8extended(n * 64 + i, ${seed}) & 4503599627370495)::double precision / 4503599627370496 $$;

-- the same for a row known only by its id (scores and bundles of a run)
create or replace function pg_temp.pf_uid(id uuid, i integer) returns double precision
language sql immutable parallel safe as
$$ select (hashtextextended(id::text, ${seed} * 64 + i) & 4503599627370495)::double precision / 4503599627370496 $$;

-- a stable id for the n-th thing of a kind: 1 org, 2 user (n = org number * 1000 + k), 3 subscription,
-- 4 grant, 5 manual entitlement; hex digits of two hashes (md5() would cost ten times as much)
create or replace function pg_temp.pf_id(kind integer, n bigint) returns uuid
language sql immutable parallel safe as
$$ select (lpad(to_hex(hashint8extended(n, ${seed} * 64 + kind)), 16, '0')
           || lpad(to_hex(hashint8extended(n, ${seed} * 64 + 32 + kind)), 16, '0'))::uuid $$;

-- the same for a row derived from another row (the bundle of a run)
create or replace function pg_temp.pf_id_of(id uuid, kind integer) returns uuid
language sql immutable parallel safe as
$$ select (lpad(to_hex(hashtextextended(id::text, ${seed} * 64 + kind)), 16, '0')
           || lpad(to_hex(hashtextextended(id::text, ${seed} * 64 + 32 + kind)), 16, '0'))::uuid $$;

-- user k of org n
create or replace function pg_temp.pf_user(org_n bigint, k integer) returns uuid
language sql immutable parallel safe as
$$ select pg_temp.pf_id(2, org_n * 1000 + k) $$;

-- the index (1..k) drawn from a Zipf-like law of exponent s (0 <= s < 1) by inverting its continuous
-- distribution: P(index = x) = ((x + 1)^(1-s) - x^(1-s)) / ((k + 1)^(1-s) - 1). s = 0 is uniform.
create or replace function pg_temp.pf_skewed(u double precision, k bigint, s double precision) returns bigint
language sql immutable parallel safe as
$$ select least(k, greatest(1, floor(power(u * (power(k + 1, 1 - s) - 1) + 1, 1 / (1 - s)))))::bigint $$;

drop table if exists pg_temp.gen_catalog;
drop table if exists pg_temp.gen_org;
drop table if exists pg_temp.gen_slot;
drop table if exists pg_temp.gen_parameters;

-- the seeded catalog as arrays, in an order of the seed's (which modules are popular differs by seed)
create temp table gen_catalog as
select (select array_agg(m.id order by md5('${seed}' || m.id)) from public.modules m) as modules,
       (select array_agg(d.code order by md5('${seed}' || d.code)) from public.domains d) as domains,
       (select array_agg(d.name order by md5('${seed}' || d.code)) from public.domains d) as domain_names,
       (select array_agg(p.code order by p.ordinal) from public.parameters p where p.dimension = 'scale') as scales,
       (select array_agg(p.code order by p.ordinal) from public.parameters p where p.dimension = 'urgency') as urgencies,
       (select array_agg(p.code order by p.ordinal) from public.parameters p where p.dimension = 'complexity') as complexities,
       (select array_agg(p.code order by p.ordinal) from public.parameters p where p.dimension = 'resources') as resources,
       (select array_agg(p.code order by p.ordinal) from public.parameters p where p.dimension = 'application') as applications,
       (select array_agg(distinct pe.flag order by pe.flag) from public.plan_entitlements pe) as flags;

-- the organizations: number n (1 is the busiest), id, size, industry and name
create temp table gen_org as
with drawn as (
  select n,
         pg_temp.pf_id(1, n) as id,
         -- most orgs have a handful of members, a few have dozens; the busiest ones are large
         greatest(ceil(40.0 / n), least(250, 1 + floor(1.5 * power(1 - pg_temp.pf_u(n, 1), -0.75)) + floor(3 * pg_temp.pf_u(n, 2))))::int
           as members,
         -- the org's own industry: most of its runs are for it
         pg_temp.pf_skewed(pg_temp.pf_u(n, 3), 25, 0.5)::int as domain_index,
         (array['Blue', 'Northern', 'Silver', 'Bright', 'Green', 'Summit', 'Harbor', 'Granite', 'Cedar', 'Atlas',
                'Crimson', 'Golden', 'Iron', 'Maple', 'Coastal', 'Prime', 'Quantum', 'Evergreen', 'Pioneer', 'Delta']
         )[1 + floor(20 * pg_temp.pf_u(n, 4))::int]
         || ' ' ||
         (array['River', 'Peak', 'Bridge', 'Forge', 'Field', 'Point', 'Stone', 'Wave', 'Ridge', 'Lake',
                'Anchor', 'Beacon', 'Crest', 'Vale', 'Harvest', 'Signal', 'Orbit', 'Meadow', 'Falcon', 'Compass']
         )[1 + floor(20 * pg_temp.pf_u(n, 5))::int]
         || ' ' ||
         (array['Logistics', 'Health', 'Energy', 'Foods', 'Capital', 'Labs', 'Systems', 'Manufacturing', 'Retail',
                'Consulting']
         )[1 + floor(10 * pg_temp.pf_u(n, 6))::int] as name,
         -- long-standing customers: every org exists before the 90 days of runs
         cast(:anchor as timestamptz) - make_interval(days => 95) - (700 * pg_temp.pf_u(n, 7)) * interval '1 day'
           as created_at
    from generate_series(1, cast(:orgs as bigint)) as n
)
select d.*,
       lower(replace(d.name, ' ', '-')) || '-' || d.n as slug,
       pg_temp.pf_user(d.n, 1) as owner_id
  from drawn d;

create unique index on gen_org (n);
analyze gen_org;

-- the 2,160 hours of the 90 days before the anchor, each with its share of the runs: busy on weekdays and
-- office hours (UTC), quiet at night and on weekends, growing over the quarter. first_run..first_run + runs - 1
-- are the numbers of the hour's runs; the floors of the cumulated shares make the counts add up to exactly :runs.
create temp table gen_slot as
with hour as (
  select h,
         cast(:anchor as timestamptz) - interval '90 days' + h * interval '1 hour' as starts_at
    from generate_series(0, 2159) as h
),
weighted as (
  select h, starts_at,
         case extract(isodow from starts_at at time zone 'UTC') when 6 then 0.25 when 7 then 0.15 else 1.0 end
         * (array[0.15, 0.10, 0.08, 0.08, 0.10, 0.20, 0.40, 0.80, 1.20, 1.60, 1.80, 1.70,
                  1.30, 1.50, 1.70, 1.60, 1.30, 0.90, 0.60, 0.45, 0.35, 0.30, 0.25, 0.20]
           )[1 + extract(hour from starts_at at time zone 'UTC')::int]
         * (0.8 + 0.4 * h / 2160.0) as weight
    from hour
),
cumulated as (
  select h, starts_at,
         sum(weight) over (order by h) / sum(weight) over () as upto,
         coalesce(sum(weight) over (order by h rows between unbounded preceding and 1 preceding), 0)
           / sum(weight) over () as before
    from weighted
)
select h, starts_at,
       floor(cast(:runs as bigint) * before)::bigint + 1 as first_run,
       -- the last hour takes what float rounding left over, so the hours hold exactly :runs runs
       (case when h = 2159 then cast(:runs as bigint) else floor(cast(:runs as bigint) * upto) end
        - floor(cast(:runs as bigint) * before))::bigint as runs
  from cumulated;

analyze gen_catalog;

-- every combination of the five run parameters (4 x 4 x 4 x 4 x 5 = 1,280), numbered from 0: a run picks one by number
-- (building the JSON per run would cost more than the rest of the run)
create temp table gen_parameters as
select ((((sc.o - 1) * cardinality(c.urgencies) + (ur.o - 1)) * cardinality(c.complexities) + (co.o - 1))
          * cardinality(c.resources) + (re.o - 1)) * cardinality(c.applications) + (ap.o - 1) as combination,
       jsonb_build_object('scale', sc.code, 'urgency', ur.code, 'complexity', co.code, 'resources', re.code,
                          'application', ap.code) as parameters
  from gen_catalog c
 cross join lateral unnest(c.scales) with ordinality as sc(code, o)
 cross join lateral unnest(c.urgencies) with ordinality as ur(code, o)
 cross join lateral unnest(c.complexities) with ordinality as co(code, o)
 cross join lateral unnest(c.resources) with ordinality as re(code, o)
 cross join lateral unnest(c.applications) with ordinality as ap(code, o);

create unique index on gen_parameters (combination);
analyze gen_parameters;
analyze gen_slot;

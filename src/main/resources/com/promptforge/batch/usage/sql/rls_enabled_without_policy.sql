-- Tables in an exposed schema with row-level security on and no policy: nobody but the owner and BYPASSRLS
-- roles sees a row. Often on purpose (a service-role-only table), hence info. Parameters: :exposed.
select 'info' as severity, format('%I.%I', n.nspname, c.relname) as object_name,
       format('row level security is on for %I.%I but no policy exists: anon and authenticated see no row',
              n.nspname, c.relname) as evidence,
       format('CREATE POLICY %I ON %I.%I FOR SELECT TO authenticated USING (...);  -- or silence this on purpose',
              left(c.relname, 50) || '_select', n.nspname, c.relname) as recommendation
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
 where n.nspname in (:exposed) and c.relkind in ('r', 'p') and c.relrowsecurity
   and not exists (select 1 from pg_policy p where p.polrelid = c.oid)
 order by 2

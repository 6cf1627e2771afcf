-- Tables with policies while row-level security is off: the policies are ignored, which their author did not
-- mean. Parameters: :schemas.
select 'critical' as severity, format('%I.%I', n.nspname, c.relname) as object_name,
       format('%s policies on %I.%I (%s) are ignored: row level security is off', count(*), n.nspname, c.relname,
              string_agg(quote_ident(p.polname), ', ' order by p.polname)) as evidence,
       format('ALTER TABLE %I.%I ENABLE ROW LEVEL SECURITY;', n.nspname, c.relname) as recommendation
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
  join pg_policy p on p.polrelid = c.oid
 where n.nspname in (:schemas) and not c.relrowsecurity
 group by n.nspname, c.relname
 order by 2

-- Tables in a schema anon or authenticated may use (PostgREST serves them) without row-level security: any
-- privilege granted on them reaches every row through the API. Critical when anon or authenticated already
-- holds a privilege on the table. Parameters: :exposed.
select case when privileged.roles is not null then 'critical' else 'warning' end as severity,
       format('%I.%I', n.nspname, c.relname) as object_name,
       format('row level security is off on %I.%I, in schema %I that anon/authenticated may use; %s',
              n.nspname, c.relname, n.nspname,
              coalesce(privileged.roles || ' hold privileges on it: every row is open to them through the API',
                       'no privilege for anon or authenticated yet')) as evidence,
       format('ALTER TABLE %I.%I ENABLE ROW LEVEL SECURITY;  -- then CREATE POLICY for what each role may do',
              n.nspname, c.relname) as recommendation
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
  left join lateral (select string_agg(r.rolname, ' and ' order by r.rolname) as roles from pg_roles r
                      where r.rolname in ('anon', 'authenticated')
                        and pg_catalog.has_table_privilege(r.oid, c.oid, 'SELECT, INSERT, UPDATE, DELETE')) privileged
         on true
 where n.nspname in (:exposed) and c.relkind in ('r', 'p') and not c.relrowsecurity
 order by 1, 2

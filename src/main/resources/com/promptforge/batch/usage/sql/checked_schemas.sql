-- The schemas the health checks look at, one row each: every schema an application may put tables in
-- (public, PromptForge's own, any other), leaving out PostgreSQL's (pg_catalog, information_schema, pg_toast,
-- temporary schemas) and Supabase's own, which are not ours to tune or secure. No parameters.
--   vendor:  batch and quartz hold Spring Batch's and Quartz's scripts as shipped: only the maintenance checks
--            (bloat, vacuum, sizes, growth) look at them, not the design checks (indexes, keys, functions).
--   exposed: anon or authenticated may use the schema, so PostgREST can serve what it holds: the security
--            checks (RLS, policies, definer functions and views) look at these.
select n.nspname as schema_name,
       n.nspname in ('batch', 'quartz') as vendor,
       exists (select 1 from pg_catalog.pg_roles r
                where r.rolname in ('anon', 'authenticated')
                  and pg_catalog.has_schema_privilege(r.oid, n.oid, 'USAGE')) as exposed
  from pg_catalog.pg_namespace n
 where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast',
                         -- Supabase's own schemas
                         'auth', 'storage', 'realtime', '_realtime', 'extensions', 'graphql', 'graphql_public',
                         'vault', 'pgsodium', 'pgsodium_masks', 'supabase_functions', 'supabase_migrations',
                         'net', 'cron', 'pgbouncer', 'pgtle', '_analytics', '_supavisor', 'pg_net', 'tiger',
                         'tiger_data', 'topology')
   and n.nspname !~ '^pg_(temp|toast_temp)_'
   -- a schema an extension created (e.g. pg_graphql's) is the extension's
   and not exists (select 1 from pg_catalog.pg_depend d
                    where d.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass and d.objid = n.oid
                      and d.deptype = 'e')
 order by 1

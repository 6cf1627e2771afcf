-- SECURITY DEFINER functions in an exposed schema that authenticated may execute (and anon may not: that is
-- definer_functions_executable_by_anon): every signed-in user can call them through /rest/v1/rpc with the
-- owner's rights. Left out: functions a row-level security policy calls, which the policy's roles must be able
-- to execute. Parameters: :exposed.
select 'warning' as severity, format('%I.%I(%s)', n.nspname, p.proname, oidvectortypes(p.proargtypes)) as object_name,
       format('SECURITY DEFINER function %s (owner %s) is executable by every signed-in user', format('%I.%I(%s)', n.nspname, p.proname, oidvectortypes(p.proargtypes)),
              pg_get_userbyid(p.proowner)) as evidence,
       format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC, authenticated;  -- or move it to a schema the API does '
              || 'not expose', format('%I.%I(%s)', n.nspname, p.proname, oidvectortypes(p.proargtypes))) as recommendation
  from pg_proc p
  join pg_namespace n on n.oid = p.pronamespace
 where n.nspname in (:exposed) and p.prosecdef and p.prokind = 'f'
   and exists (select 1 from pg_roles r
                where r.rolname = 'authenticated' and has_function_privilege(r.oid, p.oid, 'EXECUTE'))
   and not exists (select 1 from pg_roles r
                    where r.rolname = 'anon' and has_function_privilege(r.oid, p.oid, 'EXECUTE'))
   and not exists (select 1 from pg_depend d
                    where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
   -- a helper of row-level security: policies record the functions they call
   and not exists (select 1 from pg_depend d
                    where d.classid = 'pg_policy'::regclass and d.refclassid = 'pg_proc'::regclass
                      and d.refobjid = p.oid)
 order by 2

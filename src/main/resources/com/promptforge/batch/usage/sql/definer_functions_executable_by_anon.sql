-- SECURITY DEFINER functions in an exposed schema that anon may execute (directly or through PUBLIC): anyone
-- with the project's public key can call them through /rest/v1/rpc with the owner's rights.
-- Parameters: :exposed.
select 'critical' as severity, format('%I.%I(%s)', n.nspname, p.proname, oidvectortypes(p.proargtypes)) as object_name,
       format('SECURITY DEFINER function %s (owner %s) is executable by anon%s', format('%I.%I(%s)', n.nspname, p.proname, oidvectortypes(p.proargtypes)),
              pg_get_userbyid(p.proowner),
              case when has_function_privilege('public', p.oid, 'EXECUTE') then ' through PUBLIC' else '' end)
         as evidence,
       format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC, anon;  -- and GRANT EXECUTE to the roles that need it',
              format('%I.%I(%s)', n.nspname, p.proname, oidvectortypes(p.proargtypes))) as recommendation
  from pg_proc p
  join pg_namespace n on n.oid = p.pronamespace
 where n.nspname in (:exposed) and p.prosecdef and p.prokind = 'f'
   and exists (select 1 from pg_roles r where r.rolname = 'anon' and has_function_privilege(r.oid, p.oid, 'EXECUTE'))
   and not exists (select 1 from pg_depend d
                    where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
 order by 2

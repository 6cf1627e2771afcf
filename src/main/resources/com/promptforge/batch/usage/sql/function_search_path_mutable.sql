-- Functions without a pinned search_path: a caller who can create objects earlier on its search_path can make
-- the function call theirs (for a SECURITY DEFINER function, with the owner's rights). Extension members are
-- the extension's. Critical for SECURITY DEFINER. Parameters: :schemas.
select case when p.prosecdef then 'critical' else 'warning' end as severity,
       format('%I.%I(%s)', n.nspname, p.proname, oidvectortypes(p.proargtypes)) as object_name,
       format('%s function %s has no search_path setting (security %s)',
              case p.prolang when (select oid from pg_language where lanname = 'sql') then 'SQL'
                             when (select oid from pg_language where lanname = 'plpgsql') then 'PL/pgSQL'
                             else 'a' end,
              format('%I.%I(%s)', n.nspname, p.proname, oidvectortypes(p.proargtypes)), case when p.prosecdef then 'definer' else 'invoker' end) as evidence,
       format('ALTER %s %s SET search_path = '''';  -- then schema-qualify what it refers to',
              case p.prokind when 'p' then 'PROCEDURE' else 'FUNCTION' end, format('%I.%I(%s)', n.nspname, p.proname, oidvectortypes(p.proargtypes))) as recommendation
  from pg_proc p
  join pg_namespace n on n.oid = p.pronamespace
 where n.nspname in (:schemas) and p.prokind in ('f', 'p')
   and not exists (select 1 from unnest(p.proconfig) as c(setting) where c.setting like 'search\_path=%')
   and not exists (select 1 from pg_depend d
                    where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
 order by 2

-- Permissive policies that let anon or authenticated (or public) insert, update or delete any row: USING (true)
-- or WITH CHECK (true) on a writing command. Usually a placeholder left in. Reading policies that are true
-- (public catalogs) are left alone. Parameters: :exposed.
select 'warning' as severity, format('%I.%I.%I', n.nspname, c.relname, p.polname) as object_name,
       format('policy %I on %I.%I (%s, roles %s) is always true: %s', p.polname, n.nspname, c.relname,
              case p.polcmd when '*' then 'ALL' when 'a' then 'INSERT' when 'w' then 'UPDATE' else 'DELETE' end,
              (select string_agg(case when r = 0 then 'public' else pg_get_userbyid(r) end, ', ')
                 from unnest(p.polroles) as r),
              concat_ws(' / ', 'USING ' || pg_get_expr(p.polqual, p.polrelid),
                        'WITH CHECK ' || pg_get_expr(p.polwithcheck, p.polrelid))) as evidence,
       format('ALTER POLICY %I ON %I.%I USING (<who may>) WITH CHECK (<who may>);  -- or DROP POLICY %I ON %I.%I;',
              p.polname, n.nspname, c.relname, p.polname, n.nspname, c.relname) as recommendation
  from pg_policy p
  join pg_class c on c.oid = p.polrelid
  join pg_namespace n on n.oid = c.relnamespace
 where n.nspname in (:exposed) and p.polpermissive and p.polcmd in ('*', 'a', 'w', 'd')
   and (pg_get_expr(p.polqual, p.polrelid) = 'true' or pg_get_expr(p.polwithcheck, p.polrelid) = 'true')
   and exists (select 1 from pg_roles r
                where r.rolname in ('anon', 'authenticated') and (r.oid = any (p.polroles) or 0 = any (p.polroles)))
 order by 2

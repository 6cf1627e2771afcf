-- Several permissive policies for the same table, role and command: PostgreSQL evaluates every one of them for
-- each row (they are OR-ed), where one policy with the conditions OR-ed would do. A policy FOR ALL counts for
-- each command; a policy TO public counts for anon and authenticated. Parameters: :exposed.
with applies as (
  select n.nspname, c.relname, p.polname, r.role_name, cmd.command
    from pg_policy p
    join pg_class c on c.oid = p.polrelid
    join pg_namespace n on n.oid = c.relnamespace
   -- the roles named, and anon and authenticated for a policy TO public (role 0)
   cross join lateral (select pg_get_userbyid(r) from unnest(p.polroles) as r where r <> 0
                       union
                       select x.rolname from pg_roles x
                        where 0 = any (p.polroles) and x.rolname in ('anon', 'authenticated')) as r(role_name)
   cross join lateral (select unnest(case p.polcmd when '*' then array['SELECT', 'INSERT', 'UPDATE', 'DELETE']
                                                    when 'r' then array['SELECT'] when 'a' then array['INSERT']
                                                    when 'w' then array['UPDATE'] else array['DELETE'] end))
                       as cmd(command)
   where n.nspname in (:exposed) and p.polpermissive
)
select 'warning' as severity, format('%I.%I', a.nspname, a.relname) as object_name,
       format('%s permissive policies for role %s and %s on %I.%I: %s; each is evaluated for every row',
              count(*), a.role_name, a.command, a.nspname, a.relname,
              string_agg(quote_ident(a.polname), ', ' order by a.polname)) as evidence,
       format('-- merge %s into one %s policy TO %s whose condition ORs theirs (each sub-select wrapped as '
              || '(select ...)), then DROP POLICY the others ON %I.%I',
              string_agg(quote_ident(a.polname), ' and ' order by a.polname), a.command, a.role_name,
              a.nspname, a.relname) as recommendation
  from applies a
 group by a.nspname, a.relname, a.role_name, a.command
having count(*) > 1
 order by 2, a.role_name, a.command

-- Views in an exposed schema that run as their owner (no security_invoker): whoever may read the view reads
-- the tables with the owner's rights, past their row-level security. Critical when anon or authenticated may
-- read it. Parameters: :exposed.
select case when readers.roles is not null then 'critical' else 'warning' end as severity,
       format('%I.%I', n.nspname, c.relname) as object_name,
       format('view %I.%I runs with its owner''s (%s) rights, not the reader''s; %s', n.nspname, c.relname,
              pg_get_userbyid(c.relowner), coalesce(readers.roles || ' may read it', 'anon and authenticated may not read it yet'))
         as evidence,
       format('ALTER VIEW %I.%I SET (security_invoker = true);', n.nspname, c.relname) as recommendation
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
  left join lateral (select string_agg(r.rolname, ' and ' order by r.rolname) as roles from pg_roles r
                      where r.rolname in ('anon', 'authenticated')
                        and pg_catalog.has_table_privilege(r.oid, c.oid, 'SELECT')) readers on true
 where n.nspname in (:exposed) and c.relkind = 'v'
   and not exists (select 1 from pg_options_to_table(c.reloptions) o
                    where o.option_name = 'security_invoker' and o.option_value::boolean)
   and not exists (select 1 from pg_depend d
                    where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
 order by 2

-- Every object of this database that a migration can create, one name per row: what
-- db.CatalogObjects compares with db/schema-fingerprints.txt to recognize a database installed by hand.
--
-- Names only (no function bodies, no view text, no grants): a landed migration whose function bodies
-- are edited is still recognized. Left out on purpose:
--   * the system schemas, and the schemas auth and extensions (Supabase's own; 001 creates stand-ins for auth
--     only where missing, 021 a schema extensions only where missing, for the extensions it moves there);
--   * members of extensions (pgcrypto lives in public on plain PostgreSQL, in extensions on Supabase);
--   * NOT NULL constraints (PostgreSQL 18 lists them in pg_constraint, 15 and 17 do not);
--   * internal triggers (foreign keys) and the row and array types PostgreSQL makes for every table.
with scope as (
  -- the schemas looked at
  select n.oid, n.nspname
    from pg_catalog.pg_namespace n
   where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast', 'auth', 'extensions')
     and n.nspname not like 'pg\_temp\_%'
     and n.nspname not like 'pg\_toast\_temp\_%'
),
extension_member as (
  -- objects that belong to an extension
  select d.classid, d.objid
    from pg_catalog.pg_depend d
   where d.deptype = 'e'
),
relation as (
  select c.oid, c.relname, c.relkind, c.relrowsecurity, c.relforcerowsecurity, s.nspname
    from pg_catalog.pg_class c
    join scope s on s.oid = c.relnamespace
   where c.relkind in ('r', 'p', 'v', 'm', 'S', 'i', 'I', 'f', 'c')
     and not exists (select 1 from extension_member e
                      where e.classid = 'pg_catalog.pg_class'::regclass and e.objid = c.oid)
),
type_name as (
  -- argument types as written in SQL: built-in ones bare, the others schema-qualified
  select t.oid,
         case when tn.nspname = 'pg_catalog' then pg_catalog.format_type(t.oid, null)
              else tn.nspname || '.' || t.typname end as name
    from pg_catalog.pg_type t
    join pg_catalog.pg_namespace tn on tn.oid = t.typnamespace
)
select 'schema ' || s.nspname as object
  from scope s
 where s.nspname <> 'public'
   and not exists (select 1 from extension_member e
                    where e.classid = 'pg_catalog.pg_namespace'::regclass and e.objid = s.oid)
union all
select case r.relkind
         when 'r' then 'table ' when 'p' then 'table ' when 'v' then 'view '
         when 'm' then 'materialized view ' when 'S' then 'sequence ' when 'f' then 'foreign table '
         when 'c' then 'type '
         else 'index ' end || r.nspname || '.' || r.relname
  from relation r
union all
select 'row security ' || r.nspname || '.' || r.relname from relation r where r.relrowsecurity
union all
select 'forced row security ' || r.nspname || '.' || r.relname from relation r where r.relforcerowsecurity
union all
select 'column ' || r.nspname || '.' || r.relname || '.' || a.attname
  from relation r
  join pg_catalog.pg_attribute a on a.attrelid = r.oid
 where r.relkind in ('r', 'p', 'v', 'm', 'f')
   and a.attnum > 0
   and not a.attisdropped
union all
-- functions and procedures by name and argument types (overloads are distinct objects)
select case p.prokind when 'p' then 'procedure ' when 'a' then 'aggregate ' when 'w' then 'window function '
                      else 'function ' end
       || s.nspname || '.' || p.proname || '('
       || coalesce((select string_agg(tn.name, ', ' order by a.n)
                      from unnest(p.proargtypes::oid[]) with ordinality as a(type_oid, n)
                      join type_name tn on tn.oid = a.type_oid), '')
       || ')'
  from pg_catalog.pg_proc p
  join scope s on s.oid = p.pronamespace
 where not exists (select 1 from extension_member e
                    where e.classid = 'pg_catalog.pg_proc'::regclass and e.objid = p.oid)
union all
select 'trigger ' || r.nspname || '.' || r.relname || '.' || t.tgname
  from pg_catalog.pg_trigger t
  join relation r on r.oid = t.tgrelid
 where not t.tgisinternal
union all
select 'policy ' || r.nspname || '.' || r.relname || '.' || p.polname
  from pg_catalog.pg_policy p
  join relation r on r.oid = p.polrelid
union all
-- a constraint added NOT VALID (013) and validated later (014) is a different object in each state
select 'constraint ' || r.nspname || '.' || r.relname || '.' || c.conname
       || case when c.convalidated then '' else ' not valid' end
  from pg_catalog.pg_constraint c
  join relation r on r.oid = c.conrelid
 where c.contype <> 'n'
union all
select 'constraint ' || s.nspname || '.' || t.typname || '.' || c.conname
       || case when c.convalidated then '' else ' not valid' end
  from pg_catalog.pg_constraint c
  join pg_catalog.pg_type t on t.oid = c.contypid
  join scope s on s.oid = t.typnamespace
 where c.contypid <> 0
   and c.contype <> 'n'
union all
-- enums, domains, ranges and base types; composite types come with relation above (relkind c)
select 'type ' || s.nspname || '.' || t.typname
  from pg_catalog.pg_type t
  join scope s on s.oid = t.typnamespace
 where t.typtype in ('e', 'd', 'r', 'm', 'b')
   and t.typcategory <> 'A'
   and not exists (select 1 from extension_member e
                    where e.classid = 'pg_catalog.pg_type'::regclass and e.objid = t.oid)
union all
select 'enum value ' || s.nspname || '.' || t.typname || '.' || en.enumlabel
  from pg_catalog.pg_enum en
  join pg_catalog.pg_type t on t.oid = en.enumtypid
  join scope s on s.oid = t.typnamespace

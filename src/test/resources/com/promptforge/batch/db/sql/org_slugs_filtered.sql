-- Test statement: the slugs of the organization :org (null: every one), through a shared part.
select o.slug
  from public.organizations o
 where
-- include: _org_filter.sql
 order by o.slug;

-- The organization a parameter names (id, slug, name): by :id when the parameter is a uuid, else by :slug (:id is
-- then null). At most one row: ids and slugs are unique.
select o.id, o.slug, o.name
  from public.organizations o
 where (cast(:id as uuid) is not null and o.id = :id)
    or (cast(:id as uuid) is null and o.slug = :slug)

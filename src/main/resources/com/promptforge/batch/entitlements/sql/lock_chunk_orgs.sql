-- Locks the chunk's organizations (:orgIds, uuid[]) against anyone else rewriting their entitlements: the same
-- lock pf_apply_plan_entitlements() takes, in id order so that two lockers cannot deadlock. A statement of its
-- own so that apply_chunk_changes.sql, which starts after it, sees what the other writer committed.
select o.id
  from public.organizations o
 where o.id = any (:orgIds)
 order by o.id
   for no key update

-- Every organization's id, in id order: the orgs whose weeks are stored, slice by slice.
select id from public.organizations order by id

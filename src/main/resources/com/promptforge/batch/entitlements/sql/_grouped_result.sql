-- Shared part (included, not run alone): the last select of the statements that return changes grouped. It reads
-- their result CTE (see _apply.sql) and returns one row per source, flag and kind of change ('group': orgs and
-- rows), one row with the number of distinct orgs changed ('orgs'), and each skipped org with its slug and name
-- ('skip'), in this order.
select 'group' as row_type, r.source, r.flag, r.kind, count(distinct r.org_id) as orgs, count(*) as changed_rows,
       null::uuid as org_id, null::text as org_slug, null::text as org_name, null::text as reason,
       null::timestamptz as at
  from result r
 where r.row_type = 'change'
 group by r.source, r.flag, r.kind
union all
select 'orgs', null, null, null, count(distinct r.org_id), count(*), null, null, null, null, null
  from result r
 where r.row_type = 'change'
union all
select 'skip', null, null, null, null, null, r.org_id, o.slug, o.name, r.reason, r.at
  from result r
  -- left: a skip of an org deleted since is still reported
  left join public.organizations o on o.id = r.org_id
 where r.row_type = 'skip'
 order by 1, 2, 3, 4, 7

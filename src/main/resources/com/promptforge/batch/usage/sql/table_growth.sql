-- Tables (heap, indexes and TOAST) that grew by :growthMinShare or more since the week before, as stored in
-- usage.relation_weeks (020), and are at least :growthMinBytes now: at that pace a table is a problem within
-- weeks. Parameters: :maintained, :weekStart, :previousWeekStart, :growthMinShare, :growthMinBytes.
select 'warning' as severity, format('%I.%I', w.schema_name, w.relation_name) as object_name,
       format('%s on %s, %s the week of %s: +%s%% in a week (%s live rows, %s the week before)',
              pg_size_pretty(w.total_bytes), w.week_start, pg_size_pretty(p.total_bytes), p.week_start,
              round(100.0 * (w.total_bytes - p.total_bytes) / p.total_bytes), coalesce(w.live_rows::text, '-'),
              coalesce(p.live_rows::text, '-')) as evidence,
       format('-- check what writes to %I.%I (Query performance) and whether old rows can be archived or '
              || 'partitioned away; at this pace it doubles in %s weeks', w.schema_name, w.relation_name,
              ceil(ln(2) / ln(w.total_bytes::numeric / p.total_bytes))) as recommendation
  from usage.relation_weeks w
  join usage.relation_weeks p on p.week_start = :previousWeekStart and p.schema_name = w.schema_name
                             and p.relation_name = w.relation_name and p.kind = w.kind
 where w.week_start = :weekStart and w.kind = 'table' and w.schema_name in (:maintained)
   and w.total_bytes >= :growthMinBytes and p.total_bytes > 0
   and w.total_bytes >= (1 + :growthMinShare) * p.total_bytes
 order by w.total_bytes - p.total_bytes desc

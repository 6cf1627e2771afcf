-- The snapshot the period of the week :week_start starts at: the last usable one of an earlier week.
select id, taken_at, stats_reset from usage.statement_snapshots
 where available and week_start < :week_start
 order by week_start desc, id desc
 limit 1

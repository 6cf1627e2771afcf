-- Deletes the statement snapshots of weeks starting before :keep_from (PF_USAGE_KEEP_WEEKS before this week), their
-- counters with them (on delete cascade), except :current_id (the one just taken) and :baseline_id (the one the
-- report compares with, null when none): a report of an old week still has its comparison week. Returns each
-- deleted snapshot's id.
delete from usage.statement_snapshots
 where week_start < :keep_from
   and id <> :current_id
   and (cast(:baseline_id as bigint) is null or id <> cast(:baseline_id as bigint))
returning id

-- Whether the chunk (:orgIds, uuid[]) has anything to write with :graceDays days of grace: a difference in the
-- projection or an org to skip. Read first for every chunk, without locks: on most nights most chunks have nothing
-- to change, and they are spared the locks and every write.
-- include: _reconcile.sql
select exists (select 1 from diff) or exists (select 1 from skipped) as has_changes

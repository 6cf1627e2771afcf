-- The figures of one ISO week (:week_start; runs in [:week_begin, :week_end)) of the organizations :org_ids whose
-- week is not stored complete yet, as one JSON array of one object per org: computed on the read replica
-- (PF_READ_DB_URL) and handed to org_weeks_store_computed.sql, which stores them on the primary.
select coalesce(json_agg(f), '[]')
  from (
-- include: _org_week_figures.sql
       ) f

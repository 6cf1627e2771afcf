-- Computes and stores the figures of one ISO week (:week_start, the Monday; runs in [:week_begin, :week_end)) for
-- the organizations :org_ids, recording :job_execution_id, except where a complete row is already stored: a
-- complete week is never recomputed, a row computed before the week ended is. One statement where the figures are
-- read on the primary (no PF_READ_DB_URL); with a read replica, org_weeks_compute.sql there and
-- org_weeks_store_computed.sql here. Run per slice of orgs (WeeklyUsage.store says why).
-- include: _org_weeks_insert.sql
  from (
-- include: _org_week_figures.sql
       ) f
-- include: _org_weeks_upsert.sql

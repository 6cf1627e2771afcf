-- The organization :id when only its stored weeks remain (deleted since): those can still be reported.
select distinct w.org_id from usage.org_weeks w where w.org_id = :id

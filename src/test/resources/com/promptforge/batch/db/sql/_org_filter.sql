-- Test part: the optional organization filter.
(cast(:org as uuid) is null or o.id = :org)

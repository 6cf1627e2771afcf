-- Sequences whose last value is at least :sequenceWarningShare of their maximum (critical from
-- :sequenceCriticalShare). last_value is null when never used or not readable: then not judged.
-- Parameters: :schemas, :sequenceWarningShare, :sequenceCriticalShare.
select case when s.last_value::numeric / s.max_value >= :sequenceCriticalShare
            then 'critical' else 'warning' end as severity,
       format('%I.%I', s.schemaname, s.sequencename) as object_name,
       format('%s sequence at %s of its maximum %s (%s%%)', s.data_type, s.last_value,
              s.max_value, round(100.0 * s.last_value / s.max_value, 1)) as evidence,
       case when s.data_type = 'bigint'::regtype
            then '-- a bigint sequence: re-key or archive before it runs out'
            else format('ALTER SEQUENCE %I.%I AS bigint;  -- and the column it fills to bigint',
                        s.schemaname, s.sequencename) end as recommendation
  from pg_sequences s
 where s.schemaname in (:schemas) and s.increment_by > 0 and s.last_value is not null
   and s.last_value::numeric / s.max_value >= :sequenceWarningShare
 order by s.last_value::numeric / s.max_value desc

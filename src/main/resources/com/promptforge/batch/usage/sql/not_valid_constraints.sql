-- Check and foreign-key constraints added NOT VALID and never validated: rows written before may break them,
-- and the planner cannot rely on them. Parameters: :schemas.
select 'warning' as severity, format('%I.%I', n.nspname, k.conname) as object_name,
       format('%s constraint %I on %I.%I is NOT VALID: %s',
              case k.contype when 'f' then 'foreign key' else 'check' end, k.conname, n.nspname, t.relname,
              pg_get_constraintdef(k.oid)) as evidence,
       format('ALTER TABLE %I.%I VALIDATE CONSTRAINT %I;  -- takes SHARE UPDATE EXCLUSIVE: writes go on',
              n.nspname, t.relname, k.conname) as recommendation
  from pg_constraint k
  join pg_class t on t.oid = k.conrelid
  join pg_namespace n on n.oid = t.relnamespace
 where n.nspname in (:schemas) and not k.convalidated
 order by 2

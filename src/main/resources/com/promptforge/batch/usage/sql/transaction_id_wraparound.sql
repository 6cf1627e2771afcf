-- The database's oldest unfrozen transaction id as a share of the 2^31 ids after which PostgreSQL stops
-- taking writes. Parameters: :wraparoundWarningShare, :wraparoundCriticalShare.
select case when d.age >= :wraparoundCriticalShare * 2147483648.0 then 'critical' else 'warning' end
         as severity,
       format('database %I', d.datname) as object_name,
       format('oldest unfrozen transaction id is %s transactions old, %s%% of the wraparound limit',
              d.age, round(100.0 * d.age / 2147483648.0, 1)) as evidence,
       'VACUUM (FREEZE, VERBOSE);  -- start with the tables of oldest age(relfrozenxid)'
         as recommendation
  from (select datname, age(datfrozenxid)::bigint as age from pg_database
         where datname = current_database()) d
 where d.age >= :wraparoundWarningShare * 2147483648.0

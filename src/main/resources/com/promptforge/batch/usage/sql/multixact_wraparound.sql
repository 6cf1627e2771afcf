-- The database's oldest multixact id (row locks shared by several transactions) as a share of the 2^31 after
-- which PostgreSQL stops taking writes, as transaction_id_wraparound does for transaction ids.
-- Parameters: :wraparoundWarningShare, :wraparoundCriticalShare.
select case when d.age >= :wraparoundCriticalShare * 2147483648.0 then 'critical' else 'warning' end as severity,
       format('database %I', d.datname) as object_name,
       format('oldest multixact id is %s multixacts old, %s%% of the wraparound limit', d.age,
              round(100.0 * d.age / 2147483648.0, 1)) as evidence,
       'VACUUM (FREEZE, VERBOSE);  -- start with the tables of oldest mxid_age(relminmxid)' as recommendation
  from (select datname, mxid_age(datminmxid)::bigint as age from pg_database
         where datname = current_database()) d
 where d.age >= :wraparoundWarningShare * 2147483648.0

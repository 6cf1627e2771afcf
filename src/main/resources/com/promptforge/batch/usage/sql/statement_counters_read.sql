-- The cumulative counters of this database's statements. {schema} is pg_stat_statements' schema, which differs
-- between servers: StatementSnapshots writes it in, quoted (SqlResources.identifier).
select s.userid, s.queryid, s.toplevel, pg_catalog.pg_get_userbyid(s.userid) as role_name,
       -- Utility statements are not normalized (ALTER ROLE x PASSWORD 'secret' is kept as typed): a text that
       -- gives a password a literal (PASSWORD '…', PASSWORD E'…', PASSWORD $$…$$, password = '…' in OPTIONS) is
       -- never read, so it is neither stored in usage.statement_counters nor printed in the workbook.
       case when s.query ~* '\mpassword\M\s*=?\s*(e?''|\$)'
            then '[statement that sets a password: text not kept]'
            else s.query end as query,
       s.calls, s.total_exec_time, s.rows, s.shared_blks_hit, s.shared_blks_read
  from {schema}.pg_stat_statements s
 where s.dbid = (select oid from pg_catalog.pg_database where datname = pg_catalog.current_database())
   and s.queryid is not null

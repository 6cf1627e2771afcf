-- Sessions idle inside a transaction for :idleInTransactionSeconds or more: an open transaction holds its
-- locks and keeps vacuum from removing dead rows. Parameters: :idleInTransactionSeconds.
select 'warning' as severity, format('pid %s', a.pid) as object_name,
       format('%s for %s (user %s, application %s); last statement: %s', a.state,
              justify_interval(date_trunc('second', now() - a.state_change)), a.usename,
              coalesce(nullif(a.application_name, ''), '-'), left(a.query, 300)) as evidence,
       format('SELECT pg_terminate_backend(%s);  -- and set idle_in_transaction_session_timeout',
              a.pid) as recommendation
  from pg_stat_activity a
 where a.state in ('idle in transaction', 'idle in transaction (aborted)')
   and a.pid <> pg_backend_pid()
   and now() - a.state_change >= make_interval(secs => :idleInTransactionSeconds)
 order by a.state_change

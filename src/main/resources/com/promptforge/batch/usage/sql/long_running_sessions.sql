-- Statements running for :longRunningSeconds or more at report time. Parameters: :longRunningSeconds.
select 'warning' as severity, format('pid %s', a.pid) as object_name,
       format('%s running for %s (user %s, application %s): %s', a.state,
              justify_interval(date_trunc('second', now() - a.query_start)), a.usename,
              coalesce(nullif(a.application_name, ''), '-'), left(a.query, 300)) as evidence,
       format('SELECT pg_cancel_backend(%s);', a.pid) as recommendation
  from pg_stat_activity a
 where a.state = 'active' and a.backend_type = 'client backend' and a.pid <> pg_backend_pid()
   and now() - a.query_start >= make_interval(secs => :longRunningSeconds)
 order by a.query_start

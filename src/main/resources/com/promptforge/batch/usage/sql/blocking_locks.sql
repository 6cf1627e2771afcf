-- Sessions waiting for a lock for :blockedMinSeconds or more, each with the session that blocks it: who holds
-- the lock, since when (its transaction's start), what it is doing, and what the waiter wants.
-- Parameters: :blockedMinSeconds.
select case when now() - w.state_change >= make_interval(secs => 10 * :blockedMinSeconds) then 'critical'
            else 'warning' end as severity,
       format('pid %s blocked by pid %s', w.pid, h.pid) as object_name,
       format('pid %s (user %s, application %s) has waited %s for %s%s: %s; '
              || 'blocked by pid %s (user %s, application %s, %s, transaction open since %s UTC): %s',
              w.pid, w.usename, coalesce(nullif(w.application_name, ''), '-'),
              justify_interval(date_trunc('second', now() - w.state_change)), coalesce(wanted.mode, w.wait_event),
              coalesce(' on ' || wanted.relation, ''), left(w.query, 200),
              h.pid, h.usename, coalesce(nullif(h.application_name, ''), '-'), h.state,
              to_char(h.xact_start at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS'), left(h.query, 200)) as evidence,
       format('SELECT pg_terminate_backend(%s);  -- ends the blocking session and rolls back its transaction; '
              || 'or wait for it, or SELECT pg_cancel_backend(%s) to give up the waiting statement', h.pid, w.pid)
         as recommendation
  from pg_stat_activity w
 cross join lateral unnest(pg_blocking_pids(w.pid)) as b(pid)
  join pg_stat_activity h on h.pid = b.pid
  -- what the waiter asked for and could not get
  left join lateral (select l.mode, format('%I.%I', n.nspname, c.relname) as relation
                       from pg_locks l
                       left join pg_class c on c.oid = l.relation
                       left join pg_namespace n on n.oid = c.relnamespace
                      where l.pid = w.pid and not l.granted limit 1) wanted on true
 where w.wait_event_type = 'Lock'
   and now() - w.state_change >= make_interval(secs => :blockedMinSeconds)
 order by w.state_change, h.pid

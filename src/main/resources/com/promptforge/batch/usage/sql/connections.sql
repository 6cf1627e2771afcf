-- Connections in use against what max_connections leaves to ordinary roles (less the reserved ones): a
-- warning from :connectionsWarningShare, critical from :connectionsCriticalShare, with the sessions by role and
-- state so that the one pool holding them is visible. Parameters: :connectionsWarningShare,
-- :connectionsCriticalShare.
with sessions as (
  select coalesce(a.usename, '-') as role_name, coalesce(a.state, '-') as state, count(*) as n
    from pg_stat_activity a
   where a.backend_type = 'client backend'
   group by 1, 2
),
capacity as (
  select current_setting('max_connections')::int
           - current_setting('superuser_reserved_connections')::int
           -- reserved_connections exists from PostgreSQL 16 on
           - coalesce(nullif(current_setting('reserved_connections', true), ''), '0')::int as usable,
         (select coalesce(sum(n), 0) from sessions) as used
)
select case when c.used >= :connectionsCriticalShare * c.usable then 'critical' else 'warning' end as severity,
       'server connections' as object_name,
       format('%s of %s usable connections in use (%s%%); by role and state: %s', c.used, c.usable,
              round(100.0 * c.used / c.usable),
              (select string_agg(format('%s %s %s', s.role_name, s.state, s.n), ', ' order by s.n desc, s.role_name)
                 from sessions s)) as evidence,
       '-- connect through the pooler (Supavisor, PgBouncer), make the biggest pool smaller, or end idle '
         || 'sessions; raising max_connections costs memory per connection' as recommendation
  from capacity c
 where c.used >= :connectionsWarningShare * c.usable

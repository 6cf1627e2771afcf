-- The Summary's headline figures: cache hit rates of tables and indexes (:schemas), the share of the
-- transaction-id wraparound limit used, client sessions, the role the checks run as and what it may read, and
-- the database's size (pg_database_size: the size of its files; reads no table, takes no lock).
select (select sum(heap_blks_hit)::float8 / nullif(sum(heap_blks_hit) + sum(heap_blks_read), 0)
          from pg_statio_user_tables where schemaname in (:schemas)) as table_hit_rate,
       (select sum(idx_blks_hit)::float8 / nullif(sum(idx_blks_hit) + sum(idx_blks_read), 0)
          from pg_statio_user_indexes where schemaname in (:schemas)) as index_hit_rate,
       (select age(datfrozenxid)::float8 / 2147483648.0 from pg_database
         where datname = current_database()) as wraparound_share,
       (select count(*) from pg_stat_activity where backend_type = 'client backend') as sessions,
       current_user as role_name,
       (select rolsuper from pg_roles where rolname = current_user) as superuser,
       pg_has_role(current_user, 'pg_monitor', 'member') as pg_monitor,
       pg_database_size(current_database()) as database_bytes

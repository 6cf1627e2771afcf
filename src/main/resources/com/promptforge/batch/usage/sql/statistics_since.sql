-- Since when the cumulative statistics have been collected: their last reset, else the server's start.
select coalesce((select d.stats_reset from pg_catalog.pg_stat_database d
                  where d.datname = pg_catalog.current_database()),
                pg_catalog.pg_postmaster_start_time())

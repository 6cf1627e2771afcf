-- How far the server this connection reads (PF_READ_DB_URL, a hot standby) is behind its primary, at a job's start
-- (ReadDatabase.requireFresh). in_recovery false: not a replica, lag 0. lag_seconds null: unknown.
-- An idle primary commits nothing, so the time since the last replayed commit grows while the replica is caught
-- up: a replica that has replayed everything it received, and is receiving (a WAL receiver runs), is 0 behind.
-- Otherwise the lag is the age of the last commit it replayed: exact while the primary writes, an upper bound
-- after an idle primary (ReadDatabase measures again before it refuses).
select pg_catalog.pg_is_in_recovery() as in_recovery,
       case when not pg_catalog.pg_is_in_recovery() then 0
            when pg_catalog.pg_last_wal_receive_lsn() = pg_catalog.pg_last_wal_replay_lsn()
                 -- status is visible to pg_read_all_stats only; a row means a receiver runs
                 and exists (select 1 from pg_catalog.pg_stat_wal_receiver w
                              where coalesce(w.status, 'streaming') = 'streaming') then 0
            else extract(epoch from pg_catalog.now() - pg_catalog.pg_last_xact_replay_timestamp())
       end as lag_seconds

-- Whether this session holds the run lock :key. LockWatch asks it on the lock's own connection: when that session
-- was ended (a server restart, pg_terminate_backend), the lock went with it and the query fails or says false.
-- Key layout as in run_lock_holder.sql.
select exists (select 1
                 from pg_catalog.pg_locks l
                where l.locktype = 'advisory' and l.granted and l.objsubid = 1
                  and l.pid = pg_catalog.pg_backend_pid()
                  and ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended(:key, 0))

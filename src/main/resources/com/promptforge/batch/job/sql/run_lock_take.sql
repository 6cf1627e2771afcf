-- Takes the run lock of a job for this session, if no session holds it: true when taken. Never waits.
-- Parameter :key, the lock's name ('promptforge.batch.job:<job>'), hashed to the lock's 64-bit key.
select pg_try_advisory_lock(hashtextextended(:key, 0))

-- 024_job_heartbeats.sql
--
-- Sets up the batch service's heartbeats: one row per job execution running now, written by the
-- process that runs it (its host name and pid) when the execution starts, refreshed every
-- PF_HEARTBEAT_INTERVAL (default 10 s) on a pooled connection of its own, and deleted when the
-- execution ends. A run's advisory lock (JobLocks) lives on one connection; when that connection
-- drops, the lock goes but the run may go on. Before a run or restart marks an execution left
-- running FAILED as abandoned, it reads that execution's row here: a recent beat (within three
-- intervals) from a process that is alive means the owner still runs it, and the run is refused.
-- last_beat is the server's clock, and so is the age it is compared with: the hosts' clocks may
-- differ.
-- The table is private to the batch service, in its schema batch (010), like 023's: nothing is
-- granted to anon, authenticated or PUBLIC, so PostgREST can neither expose nor read it (as 010
-- says, RLS would add nothing there). No foreign key to the job repository: a row outlives a
-- process killed with -9, and is judged by its age.

create table if not exists batch.job_heartbeats (
  job_execution_id bigint      primary key,
  job_name         text        not null,
  host             text        not null,
  pid              bigint      not null check (pid > 0),
  started_at       timestamptz not null default now(),
  last_beat        timestamptz not null default now()
);

comment on table batch.job_heartbeats is
  'The job executions running now: which host and process runs each, and when it last said it was alive.';

revoke all on table batch.job_heartbeats from public, anon, authenticated;

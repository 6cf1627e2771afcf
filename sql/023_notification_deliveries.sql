-- 023_notification_deliveries.sql
--
-- Sets up what the batch service keeps of its notifications (the notify: channels of a job's
-- jobs/*.yml file, e-mail or webhook): one row per delivery of one execution's outcome to one
-- channel, whether it arrived, after how many attempts and, when it did not, why. A delivery that
-- fails never fails or repeats the job; this table is where it shows (the jobs command prints the
-- last delivery per channel).
-- channel is how the batch service names the channel: 'email <address>' or
-- 'webhook <scheme>://<host>/… #<hash>', never a webhook's full URL (Slack's and Teams' carry their
-- secret in the path).
-- The table is private to the batch service, in its schema batch (010): nothing is granted to anon,
-- authenticated or PUBLIC, so PostgREST can neither expose nor read it (as 010 says, RLS would add
-- nothing there). No foreign key to the job repository: its executions may be purged, the record
-- of what was sent stays.

create table if not exists batch.notification_deliveries (
  id               bigint generated always as identity primary key,
  job_name         text        not null,
  job_execution_id bigint      not null,
  outcome          text        not null check (outcome in ('completed', 'failed')),
  channel          text        not null,
  delivered        boolean     not null,
  attempts         integer     not null check (attempts >= 1),
  error            text,
  attempted_at     timestamptz not null default now(),
  constraint notification_deliveries_error_when_failed check (delivered or error is not null)
);

comment on table batch.notification_deliveries is
  'Each delivery of a job execution''s outcome to a notify: channel (e-mail, webhook), delivered or not and why.';

-- The jobs command reads the latest row per job and channel.
create index if not exists notification_deliveries_latest_idx
  on batch.notification_deliveries (job_name, channel, attempted_at desc, id desc);

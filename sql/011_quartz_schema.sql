-- 011_quartz_schema.sql
--
-- Sets up the Quartz 2.5 JDBC job store of the batch service's scheduler, in its own schema quartz:
--   * the tables and indices of Quartz's org/quartz/impl/jdbcjobstore/tables_postgres.sql (from
--     the quartz 2.5.2 jar), schema-qualified and with keywords lower-cased like the other
--     migrations, WITHOUT that script's leading DROP TABLE statements and trailing COMMIT (Flyway
--     runs each migration in one transaction, and nothing may ever be dropped by a migration that
--     runs on a live database). This is why spring.quartz.jdbc.initialize-schema is never: Quartz's
--     own script starts by dropping its tables;
--   * the scheduler runs clustered on these tables (org.quartz.jobStore.isClustered,
--     instanceId AUTO, PostgreSQLDelegate, table prefix quartz.QRTZ_): every `schedule` process on
--     any machine shares one schedule, and each firing runs on exactly one of them.
-- The schema is private to the batch service (the owner that runs the migrations): nothing is
-- granted to anon, authenticated or PUBLIC, so PostgREST can neither expose nor read it.
-- RLS: the rule "RLS on every table" protects the tables of schema public, which PostgREST exposes
-- to anon and authenticated. These tables are not in public, the roles have no usage on the schema
-- and no privilege on the tables, and the only user is the owner (who bypasses RLS anyway), so RLS
-- would add nothing here; run_all_qa_tests() checks schema public only.

create schema if not exists quartz;
comment on schema quartz is 'Quartz job store of the PromptForge batch scheduler (private).';
revoke all on schema quartz from public;

create table if not exists quartz.QRTZ_JOB_DETAILS
(
  SCHED_NAME        varchar(120) not null,
  JOB_NAME          varchar(200) not null,
  JOB_GROUP         varchar(200) not null,
  DESCRIPTION       varchar(250) null,
  JOB_CLASS_NAME    varchar(250) not null,
  IS_DURABLE        bool         not null,
  IS_NONCONCURRENT  bool         not null,
  IS_UPDATE_DATA    bool         not null,
  REQUESTS_RECOVERY bool         not null,
  JOB_DATA          bytea        null,
  primary key (SCHED_NAME, JOB_NAME, JOB_GROUP)
);

create table if not exists quartz.QRTZ_TRIGGERS
(
  SCHED_NAME     varchar(120) not null,
  TRIGGER_NAME   varchar(200) not null,
  TRIGGER_GROUP  varchar(200) not null,
  JOB_NAME       varchar(200) not null,
  JOB_GROUP      varchar(200) not null,
  DESCRIPTION    varchar(250) null,
  NEXT_FIRE_TIME bigint       null,
  PREV_FIRE_TIME bigint       null,
  PRIORITY       integer      null,
  TRIGGER_STATE  varchar(16)  not null,
  TRIGGER_TYPE   varchar(8)   not null,
  START_TIME     bigint       not null,
  END_TIME       bigint       null,
  CALENDAR_NAME  varchar(200) null,
  MISFIRE_INSTR  smallint     null,
  JOB_DATA       bytea        null,
  primary key (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
  foreign key (SCHED_NAME, JOB_NAME, JOB_GROUP)
  references quartz.QRTZ_JOB_DETAILS (SCHED_NAME, JOB_NAME, JOB_GROUP)
);

create table if not exists quartz.QRTZ_SIMPLE_TRIGGERS
(
  SCHED_NAME      varchar(120) not null,
  TRIGGER_NAME    varchar(200) not null,
  TRIGGER_GROUP   varchar(200) not null,
  REPEAT_COUNT    bigint       not null,
  REPEAT_INTERVAL bigint       not null,
  TIMES_TRIGGERED bigint       not null,
  primary key (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
  foreign key (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP)
  references quartz.QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP)
);

create table if not exists quartz.QRTZ_CRON_TRIGGERS
(
  SCHED_NAME      varchar(120) not null,
  TRIGGER_NAME    varchar(200) not null,
  TRIGGER_GROUP   varchar(200) not null,
  CRON_EXPRESSION varchar(120) not null,
  TIME_ZONE_ID    varchar(80),
  primary key (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
  foreign key (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP)
  references quartz.QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP)
);

create table if not exists quartz.QRTZ_SIMPROP_TRIGGERS
(
  SCHED_NAME    varchar(120)   not null,
  TRIGGER_NAME  varchar(200)   not null,
  TRIGGER_GROUP varchar(200)   not null,
  STR_PROP_1    varchar(512)   null,
  STR_PROP_2    varchar(512)   null,
  STR_PROP_3    varchar(512)   null,
  INT_PROP_1    int            null,
  INT_PROP_2    int            null,
  LONG_PROP_1   bigint         null,
  LONG_PROP_2   bigint         null,
  DEC_PROP_1    numeric(13, 4) null,
  DEC_PROP_2    numeric(13, 4) null,
  BOOL_PROP_1   bool           null,
  BOOL_PROP_2   bool           null,
  primary key (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
  foreign key (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP)
  references quartz.QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP)
);

create table if not exists quartz.QRTZ_BLOB_TRIGGERS
(
  SCHED_NAME    varchar(120) not null,
  TRIGGER_NAME  varchar(200) not null,
  TRIGGER_GROUP varchar(200) not null,
  BLOB_DATA     bytea        null,
  primary key (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
  foreign key (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP)
  references quartz.QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP)
);

create table if not exists quartz.QRTZ_CALENDARS
(
  SCHED_NAME    varchar(120) not null,
  CALENDAR_NAME varchar(200) not null,
  CALENDAR      bytea        not null,
  primary key (SCHED_NAME, CALENDAR_NAME)
);


create table if not exists quartz.QRTZ_PAUSED_TRIGGER_GRPS
(
  SCHED_NAME    varchar(120) not null,
  TRIGGER_GROUP varchar(200) not null,
  primary key (SCHED_NAME, TRIGGER_GROUP)
);

create table if not exists quartz.QRTZ_FIRED_TRIGGERS
(
  SCHED_NAME        varchar(120) not null,
  ENTRY_ID          varchar(95)  not null,
  TRIGGER_NAME      varchar(200) not null,
  TRIGGER_GROUP     varchar(200) not null,
  INSTANCE_NAME     varchar(200) not null,
  FIRED_TIME        bigint       not null,
  SCHED_TIME        bigint       not null,
  PRIORITY          integer      not null,
  STATE             varchar(16)  not null,
  JOB_NAME          varchar(200) null,
  JOB_GROUP         varchar(200) null,
  IS_NONCONCURRENT  bool         null,
  REQUESTS_RECOVERY bool         null,
  primary key (SCHED_NAME, ENTRY_ID)
);

create table if not exists quartz.QRTZ_SCHEDULER_STATE
(
  SCHED_NAME        varchar(120) not null,
  INSTANCE_NAME     varchar(200) not null,
  LAST_CHECKIN_TIME bigint       not null,
  CHECKIN_INTERVAL  bigint       not null,
  primary key (SCHED_NAME, INSTANCE_NAME)
);

create table if not exists quartz.QRTZ_LOCKS
(
  SCHED_NAME varchar(120) not null,
  LOCK_NAME  varchar(40)  not null,
  primary key (SCHED_NAME, LOCK_NAME)
);

create index if not exists IDX_QRTZ_J_REQ_RECOVERY
  on quartz.QRTZ_JOB_DETAILS (SCHED_NAME, REQUESTS_RECOVERY);
create index if not exists IDX_QRTZ_J_GRP
  on quartz.QRTZ_JOB_DETAILS (SCHED_NAME, JOB_GROUP);

create index if not exists IDX_QRTZ_T_J
  on quartz.QRTZ_TRIGGERS (SCHED_NAME, JOB_NAME, JOB_GROUP);
create index if not exists IDX_QRTZ_T_JG
  on quartz.QRTZ_TRIGGERS (SCHED_NAME, JOB_GROUP);
create index if not exists IDX_QRTZ_T_C
  on quartz.QRTZ_TRIGGERS (SCHED_NAME, CALENDAR_NAME);
create index if not exists IDX_QRTZ_T_G
  on quartz.QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_GROUP);
create index if not exists IDX_QRTZ_T_STATE
  on quartz.QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_STATE);
create index if not exists IDX_QRTZ_T_N_STATE
  on quartz.QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP, TRIGGER_STATE);
create index if not exists IDX_QRTZ_T_N_G_STATE
  on quartz.QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_GROUP, TRIGGER_STATE);
create index if not exists IDX_QRTZ_T_NEXT_FIRE_TIME
  on quartz.QRTZ_TRIGGERS (SCHED_NAME, NEXT_FIRE_TIME);
create index if not exists IDX_QRTZ_T_NFT_ST
  on quartz.QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_STATE, NEXT_FIRE_TIME);
create index if not exists IDX_QRTZ_T_NFT_MISFIRE
  on quartz.QRTZ_TRIGGERS (SCHED_NAME, MISFIRE_INSTR, NEXT_FIRE_TIME);
create index if not exists IDX_QRTZ_T_NFT_ST_MISFIRE
  on quartz.QRTZ_TRIGGERS (SCHED_NAME, MISFIRE_INSTR, NEXT_FIRE_TIME, TRIGGER_STATE);
create index if not exists IDX_QRTZ_T_NFT_ST_MISFIRE_GRP
  on quartz.QRTZ_TRIGGERS (SCHED_NAME, MISFIRE_INSTR, NEXT_FIRE_TIME, TRIGGER_GROUP, TRIGGER_STATE);

create index if not exists IDX_QRTZ_FT_TRIG_INST_NAME
  on quartz.QRTZ_FIRED_TRIGGERS (SCHED_NAME, INSTANCE_NAME);
create index if not exists IDX_QRTZ_FT_INST_JOB_REQ_RCVRY
  on quartz.QRTZ_FIRED_TRIGGERS (SCHED_NAME, INSTANCE_NAME, REQUESTS_RECOVERY);
create index if not exists IDX_QRTZ_FT_J_G
  on quartz.QRTZ_FIRED_TRIGGERS (SCHED_NAME, JOB_NAME, JOB_GROUP);
create index if not exists IDX_QRTZ_FT_JG
  on quartz.QRTZ_FIRED_TRIGGERS (SCHED_NAME, JOB_GROUP);
create index if not exists IDX_QRTZ_FT_T_G
  on quartz.QRTZ_FIRED_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP);
create index if not exists IDX_QRTZ_FT_TG
  on quartz.QRTZ_FIRED_TRIGGERS (SCHED_NAME, TRIGGER_GROUP);

-- Belt and braces for Supabase, whose roles may carry default privileges of their own.
revoke all on all tables in schema quartz from public, anon, authenticated;

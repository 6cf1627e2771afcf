-- 010_batch_schema.sql
--
-- Sets up Spring Batch's job repository for the batch service, in its own schema batch:
--   * the tables and sequences of Spring Batch 6's JDBC job repository as the spring-batch-core
--     6.0.x jar ships them (org/springframework/batch/core/schema-postgresql.sql): only
--     schema-qualified, keywords lower-cased like the other migrations, plus three foreign-key
--     indices (below). The batch service finds them through
--     spring.batch.jdbc.table-prefix = batch.BATCH_;
--   * a versioned migration instead of spring.batch.jdbc.initialize-schema, so that the schema is
--     created once, in order, by the same Flyway run as everything else, and upgrades of Spring
--     Batch come as a new migration.
-- The schema is private to the batch service (the owner that runs the migrations): nothing is
-- granted to anon, authenticated or PUBLIC, so PostgREST can neither expose nor read it.
-- RLS: the rule "RLS on every table" protects the tables of schema public, which PostgREST exposes
-- to anon and authenticated. These tables are not in public, the roles have no usage on the schema
-- and no privilege on the tables, and the only user is the owner (who bypasses RLS anyway), so RLS
-- would add nothing here; run_all_qa_tests() checks schema public only.

create schema if not exists batch;
comment on schema batch is 'Spring Batch job repository of the PromptForge batch service (private).';
revoke all on schema batch from public;

create table if not exists batch.BATCH_JOB_INSTANCE (
  JOB_INSTANCE_ID bigint not null primary key,
  VERSION bigint,
  JOB_NAME varchar(100) not null,
  JOB_KEY varchar(32) not null,
  constraint JOB_INST_UN unique (JOB_NAME, JOB_KEY)
);

create table if not exists batch.BATCH_JOB_EXECUTION (
  JOB_EXECUTION_ID bigint not null primary key,
  VERSION bigint,
  JOB_INSTANCE_ID bigint not null,
  CREATE_TIME timestamp not null,
  START_TIME timestamp default null,
  END_TIME timestamp default null,
  STATUS varchar(10),
  EXIT_CODE varchar(2500),
  EXIT_MESSAGE varchar(2500),
  LAST_UPDATED timestamp,
  constraint JOB_INST_EXEC_FK foreign key (JOB_INSTANCE_ID)
  references batch.BATCH_JOB_INSTANCE (JOB_INSTANCE_ID)
);

create table if not exists batch.BATCH_JOB_EXECUTION_PARAMS (
  JOB_EXECUTION_ID bigint not null,
  PARAMETER_NAME varchar(100) not null,
  PARAMETER_TYPE varchar(100) not null,
  PARAMETER_VALUE varchar(2500),
  IDENTIFYING char(1) not null,
  constraint JOB_EXEC_PARAMS_FK foreign key (JOB_EXECUTION_ID)
  references batch.BATCH_JOB_EXECUTION (JOB_EXECUTION_ID)
);

create table if not exists batch.BATCH_STEP_EXECUTION (
  STEP_EXECUTION_ID bigint not null primary key,
  VERSION bigint not null,
  STEP_NAME varchar(100) not null,
  JOB_EXECUTION_ID bigint not null,
  CREATE_TIME timestamp not null,
  START_TIME timestamp default null,
  END_TIME timestamp default null,
  STATUS varchar(10),
  COMMIT_COUNT bigint,
  READ_COUNT bigint,
  FILTER_COUNT bigint,
  WRITE_COUNT bigint,
  READ_SKIP_COUNT bigint,
  WRITE_SKIP_COUNT bigint,
  PROCESS_SKIP_COUNT bigint,
  ROLLBACK_COUNT bigint,
  EXIT_CODE varchar(2500),
  EXIT_MESSAGE varchar(2500),
  LAST_UPDATED timestamp,
  constraint JOB_EXEC_STEP_FK foreign key (JOB_EXECUTION_ID)
  references batch.BATCH_JOB_EXECUTION (JOB_EXECUTION_ID)
);

create table if not exists batch.BATCH_STEP_EXECUTION_CONTEXT (
  STEP_EXECUTION_ID bigint not null primary key,
  SHORT_CONTEXT varchar(2500) not null,
  SERIALIZED_CONTEXT text,
  constraint STEP_EXEC_CTX_FK foreign key (STEP_EXECUTION_ID)
  references batch.BATCH_STEP_EXECUTION (STEP_EXECUTION_ID)
);

create table if not exists batch.BATCH_JOB_EXECUTION_CONTEXT (
  JOB_EXECUTION_ID bigint not null primary key,
  SHORT_CONTEXT varchar(2500) not null,
  SERIALIZED_CONTEXT text,
  constraint JOB_EXEC_CTX_FK foreign key (JOB_EXECUTION_ID)
  references batch.BATCH_JOB_EXECUTION (JOB_EXECUTION_ID)
);

create sequence if not exists batch.BATCH_STEP_EXECUTION_SEQ maxvalue 9223372036854775807 no cycle;
create sequence if not exists batch.BATCH_JOB_EXECUTION_SEQ maxvalue 9223372036854775807 no cycle;
create sequence if not exists batch.BATCH_JOB_INSTANCE_SEQ maxvalue 9223372036854775807 no cycle;

-- Not in Spring Batch's script: the foreign-key indices its reference guide recommends ("Recommendations
-- for Indexing Meta Data Tables"), for the lookups the repository makes on every start and restart.
create index if not exists batch_job_execution_instance_idx on batch.BATCH_JOB_EXECUTION (JOB_INSTANCE_ID);
create index if not exists batch_job_execution_params_execution_idx
  on batch.BATCH_JOB_EXECUTION_PARAMS (JOB_EXECUTION_ID);
create index if not exists batch_step_execution_execution_idx on batch.BATCH_STEP_EXECUTION (JOB_EXECUTION_ID);

-- Belt and braces for Supabase, whose roles may carry default privileges of their own.
revoke all on all tables in schema batch from public, anon, authenticated;
revoke all on all sequences in schema batch from public, anon, authenticated;

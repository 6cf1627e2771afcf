-- 020_health_history.sql
--
-- What the usage report's database checks keep between weeks (issue 24), beside the weekly usage figures of
-- 018 in the batch service's private schema usage:
--   * usage.table_estimates / usage.index_estimates: one row per table / index of the schemas an application
--     keeps tables in, with its size, live and dead rows and an estimate of its bloat. Estimates only, from
--     pg_class (pages and rows as of the last VACUUM / ANALYZE) and pg_stats (average column widths): no
--     relation is read and none is locked, so they cost the same on a 10M-run database as on an empty one,
--     and a session holding a lock on a table never makes them wait. The bloat check reads them, and the
--     report stores them each week;
--   * usage.relation_weeks: each week's row of those views, so that the report can show week-over-week
--     growth (a table growing 40% a week is a finding before it is a problem).
-- Like 018's tables: no privilege for anon or authenticated, RLS enabled without policies, service_role and
-- the owner only. The views are security_invoker: they show what the reading role may see in pg_stats.

-- ---------------------------------------------------------------------------------------------
-- every table and index outside PostgreSQL's own schemas; the report picks the schemas it checks
-- (usage/sql/checked_schemas.sql)
-- ---------------------------------------------------------------------------------------------
create or replace view usage.table_estimates with (security_invoker = true) as
with tables as (
  select c.oid, n.nspname as schema_name, c.relname as table_name, c.relpages, c.reltuples, c.reltoastrelid,
         current_setting('block_size')::bigint as block_size,
         coalesce((select o.option_value::int from pg_catalog.pg_options_to_table(c.reloptions) o
                    where o.option_name = 'fillfactor'), 100) as fillfactor,
         (select count(*) from pg_catalog.pg_attribute a
           where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns
    from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
   where c.relkind in ('r', 'm')
     and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
     and n.nspname !~ '^pg_(temp|toast_temp)_'
),
-- the average width of a row's values and whether any is null, from ANALYZE's statistics
widths as (
  select s.schemaname, s.tablename, count(*) as columns,
         sum((1 - s.null_frac) * s.avg_width) as data_width, bool_or(s.null_frac > 0) as has_nulls
    from pg_catalog.pg_stats s
   where not s.inherited
   group by 1, 2
),
estimate as (
  select t.*, w.columns = t.columns as analyzed,
         -- heap tuple: header (23 bytes, plus the null bitmap) and data, each aligned to 8, and a line pointer
         8 * ceil((23 + case when w.has_nulls then ceil(t.columns / 8.0) else 0 end) / 8.0)
           + 8 * ceil(w.data_width / 8.0) + 4 as tuple_bytes
    from tables t
    left join widths w on w.schemaname = t.schema_name and w.tablename = t.table_name
)
select e.oid as relid, e.schema_name, e.table_name,
       e.relpages * e.block_size as table_bytes,
       coalesce((select sum(i.relpages) from pg_catalog.pg_index x
                   join pg_catalog.pg_class i on i.oid = x.indexrelid
                  where x.indrelid = e.oid), 0) * e.block_size as index_bytes,
       coalesce((select tc.relpages from pg_catalog.pg_class tc where tc.oid = e.reltoastrelid), 0) * e.block_size
         as toast_bytes,
       greatest(e.reltuples, 0)::bigint as live_rows_estimate,
       s.n_live_tup as live_rows, s.n_dead_tup as dead_rows, s.n_mod_since_analyze as modified_since_analyze,
       s.last_vacuum, s.last_autovacuum, s.last_analyze, s.last_autoanalyze,
       -- pages beyond those the live rows need at the table's fillfactor; null until ANALYZE saw every column
       case when e.analyzed and e.reltuples >= 0 and e.relpages > 0
            then greatest(e.relpages - ceil(e.reltuples * e.tuple_bytes / ((e.block_size - 24) * e.fillfactor / 100.0)),
                          0)::bigint * e.block_size end as bloat_bytes
  from estimate e
  left join pg_catalog.pg_stat_all_tables s on s.relid = e.oid;

comment on view usage.table_estimates is
  'Per table outside PostgreSQL''s own schemas: size in bytes of heap, indexes and TOAST from pg_class.relpages (as of the last VACUUM/ANALYZE), live and dead rows, and the estimated bloat (heap pages beyond those the live rows need, from pg_stats average widths; null until analyzed). Reads no relation, takes no lock.';

create or replace view usage.index_estimates with (security_invoker = true) as
with indexes as (
  select i.oid, n.nspname as schema_name, i.relname as index_name, c.relname as table_name, am.amname,
         i.relpages, case when i.reltuples >= 0 then i.reltuples else c.reltuples end as reltuples,
         x.indnatts, x.indkey, c.oid as table_oid,
         current_setting('block_size')::bigint as block_size,
         coalesce((select o.option_value::int from pg_catalog.pg_options_to_table(i.reloptions) o
                    where o.option_name = 'fillfactor'), 90) as fillfactor
    from pg_catalog.pg_index x
    join pg_catalog.pg_class i on i.oid = x.indexrelid
    join pg_catalog.pg_class c on c.oid = x.indrelid
    join pg_catalog.pg_namespace n on n.oid = i.relnamespace
    join pg_catalog.pg_am am on am.oid = i.relam
   where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
     and n.nspname !~ '^pg_(temp|toast_temp)_'
),
-- the average width of the indexed columns' values, when every one is a plain column ANALYZE measured
widths as (
  select ix.oid, count(s.attname) = ix.indnatts as analyzed, sum((1 - s.null_frac) * s.avg_width) as data_width
    from indexes ix
   cross join lateral unnest(ix.indkey::int2[]) as k(attnum)
    left join pg_catalog.pg_attribute a on a.attrelid = ix.table_oid and a.attnum = k.attnum
    left join pg_catalog.pg_stats s on s.schemaname = ix.schema_name and s.tablename = ix.table_name
                                   and s.attname = a.attname and not s.inherited
   group by ix.oid, ix.indnatts
)
select ix.oid as indexrelid, ix.schema_name, ix.table_name, ix.index_name, ix.amname,
       ix.relpages * ix.block_size as index_bytes,
       -- B-tree only: leaf pages beyond those the entries need (8-byte header, data aligned to 8, a line
       -- pointer) at the index's fillfactor, plus the meta page; null for other methods and expressions
       case when ix.amname = 'btree' and w.analyzed and ix.relpages > 0
            then greatest(ix.relpages - 1 - ceil(ix.reltuples * (8 + 8 * ceil(w.data_width / 8.0) + 4)
                                                 / ((ix.block_size - 24 - 16) * ix.fillfactor / 100.0)),
                          0)::bigint * ix.block_size end as bloat_bytes
  from indexes ix
  left join widths w on w.oid = ix.oid;

comment on view usage.index_estimates is
  'Per index outside PostgreSQL''s own schemas: size in bytes from pg_class.relpages and, for B-tree indexes on plain columns, the estimated bloat (leaf pages beyond those the entries need, from pg_stats average widths). Reads no relation, takes no lock.';

-- ---------------------------------------------------------------------------------------------
-- usage.relation_weeks: the estimates of each table and index, once per ISO week
-- ---------------------------------------------------------------------------------------------
create table if not exists usage.relation_weeks (
  week_start         date        not null
                     constraint relation_weeks_week_start_monday_chk check (extract(isodow from week_start) = 1),
  schema_name        text        not null,
  relation_name      text        not null,
  -- 'table' or 'index'
  kind               text        not null constraint relation_weeks_kind_chk check (kind in ('table', 'index')),
  -- the index's table; the table itself for a table
  table_name         text        not null,
  -- a table: heap + indexes + TOAST; an index: the index
  total_bytes        bigint      not null,
  bloat_bytes        bigint,
  live_rows          bigint,
  dead_rows          bigint,
  measured_at        timestamptz not null default now(),
  job_execution_id   bigint,
  primary key (week_start, schema_name, relation_name, kind)
);

comment on table usage.relation_weeks is
  'Per ISO week (week_start = Monday, UTC) and table or index: size, estimated bloat, live and dead rows, as the usage report read them from usage.table_estimates / usage.index_estimates (the last report of the week wins). The report compares a table''s total_bytes with the week before.';

alter table usage.relation_weeks enable row level security;
revoke all on table usage.relation_weeks from public, anon, authenticated;
revoke all on table usage.table_estimates, usage.index_estimates from public, anon, authenticated;
grant all on table usage.relation_weeks to service_role;
grant select on table usage.table_estimates, usage.index_estimates to service_role;

-- =============================================================================================
-- QA: this file's tests, discovered by run_all_qa_tests() (009 explains the registration)
-- =============================================================================================
create or replace function public.pf_qa_tests_020()
returns table (id integer, category text, test_name text, query text)
language sql
immutable
set search_path = ''
as $fn$
  select x.id, x.category, x.test_name, x.query
    from (values
      (613, 'Security', 'the health history and estimates of usage are closed to anon and authenticated', $q$
        with relation(name) as (values ('usage.relation_weeks'), ('usage.table_estimates'), ('usage.index_estimates')),
        bad as (
          select r.name || ' readable by ' || g.rolname as msg
            from relation r
           cross join (values ('anon'), ('authenticated')) as g(rolname)
           where pg_catalog.has_table_privilege(g.rolname, r.name, 'SELECT, INSERT, UPDATE, DELETE'))
        select count(*) = 0,
               coalesce(string_agg(msg, '; ' order by msg), '3 relations closed to anon and authenticated')
          from bad
      $q$)
      ) as x(id, category, test_name, query)
$fn$;

comment on function public.pf_qa_tests_020() is
  'PromptForge QA: the tests of 020 (id 613), discovered by run_all_qa_tests(). Owner and service_role only.';
revoke all on function public.pf_qa_tests_020() from public, anon, authenticated;
grant execute on function public.pf_qa_tests_020() to service_role;

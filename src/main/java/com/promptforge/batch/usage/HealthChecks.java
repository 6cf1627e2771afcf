package com.promptforge.batch.usage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks the usage report runs, each one small named query with its thresholds beside it. They read the
 * cumulative statistics views, which a role with pg_monitor may read in full (no superuser needed).
 */
final class HealthChecks {

    /**
     * The schemas checked: PromptForge's own. Supabase's schemas (auth, storage, ...) are not ours to tune, and
     * batch and quartz are Spring Batch's and Quartz's scripts as shipped (Quartz's has prefix-covered indexes).
     */
    static final List<String> SCHEMAS = List.of("public", "usage");

    /** Since when the statistics have been collected: the last reset, else the server's start. */
    static final String STATISTICS_SINCE = """
            select coalesce((select d.stats_reset from pg_catalog.pg_stat_database d
                              where d.datname = pg_catalog.current_database()),
                            pg_catalog.pg_postmaster_start_time())
            """;

    private HealthChecks() {
    }

    static List<HealthCheck> all() {
        return List.of(
                check("unused_indexes", Map.of("unusedIndexMinBytes", 0L, "statisticsMinDays", 7),
                        // Primary keys, unique indexes and indexes backing a constraint stay: they enforce
                        // something. A warning only once the statistics are old enough to mean something.
                        """
                        select case when now() - s.since >= make_interval(days => :statisticsMinDays)
                                    then 'warning' else 'info' end as severity,
                               format('%I.%I', i.schemaname, i.indexrelname) as object_name,
                               format('0 scans since %s (statistics %s old%s); %s, on table %I.%I',
                                      to_char(s.since at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'),
                                      case when now() - s.since >= interval '1 day'
                                           then floor(extract(epoch from now() - s.since) / 86400) || ' days'
                                           else round(extract(epoch from now() - s.since) / 3600.0, 1) || ' hours' end,
                                      case when now() - s.since < make_interval(days => :statisticsMinDays)
                                           then ': too young to be sure' else '' end,
                                      pg_size_pretty(pg_relation_size(i.indexrelid)), i.schemaname, i.relname)
                                 as evidence,
                               format('DROP INDEX CONCURRENTLY %I.%I;', i.schemaname, i.indexrelname) as recommendation
                          from pg_stat_user_indexes i
                          join pg_index x on x.indexrelid = i.indexrelid
                         cross join ({statistics_since}) as s(since)
                         where i.schemaname in (:schemas)
                           and i.idx_scan = 0
                           and not x.indisunique and not x.indisprimary
                           and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
                           and pg_relation_size(i.indexrelid) >= :unusedIndexMinBytes
                         order by pg_relation_size(i.indexrelid) desc, 2
                        """.replace("{statistics_since}", STATISTICS_SINCE)),
                check("duplicate_indexes", Map.of(),
                        // a's key columns (with their operator classes and sort options) are the leading key
                        // columns of b, same method, predicate and expressions: b answers every query a does.
                        // A unique or constraint index is kept unless b is the same and unique too.
                        """
                        with ix as (
                          select x.indexrelid, x.indrelid, n.nspname, c.relname as index_name, am.amname,
                                 x.indisunique,
                                 exists (select 1 from pg_constraint k where k.conindid = x.indexrelid) as backs_constraint,
                                 (select string_agg(x.indkey[i] || ':' || x.indclass[i] || ':' || x.indoption[i], ' ' order by i)
                                    from generate_series(0, x.indnkeyatts - 1) as i) as signature,
                                 pg_get_expr(x.indpred, x.indrelid) as predicate,
                                 pg_get_expr(x.indexprs, x.indrelid) as expressions
                            from pg_index x
                            join pg_class c on c.oid = x.indexrelid
                            join pg_namespace n on n.oid = c.relnamespace
                            join pg_am am on am.oid = c.relam
                           where n.nspname in (:schemas) and x.indisvalid
                        )
                        select 'warning' as severity,
                               format('%I.%I', a.nspname, a.index_name) as object_name,
                               format('%s is covered by %s', pg_get_indexdef(a.indexrelid), pg_get_indexdef(b.indexrelid))
                                 as evidence,
                               format('DROP INDEX CONCURRENTLY %I.%I;', a.nspname, a.index_name) as recommendation
                          from ix a
                          join ix b on b.indrelid = a.indrelid and b.indexrelid <> a.indexrelid
                                   and b.amname = a.amname
                                   and b.predicate is not distinct from a.predicate
                                   and b.expressions is not distinct from a.expressions
                                   and (b.signature = a.signature or b.signature like a.signature || ' %')
                         where not a.backs_constraint
                           and (not a.indisunique or (b.indisunique and b.signature = a.signature))
                           -- of two identical indexes, report one: keep the one backing a constraint, else the older
                           and not (b.signature = a.signature and not b.backs_constraint and b.indexrelid > a.indexrelid)
                         order by 2
                        """),
                check("invalid_indexes", Map.of(),
                        // left behind by a failed CREATE INDEX CONCURRENTLY: maintained on every write, never used
                        """
                        select 'warning' as severity, format('%I.%I', n.nspname, c.relname) as object_name,
                               format('invalid index: %s', pg_get_indexdef(x.indexrelid)) as evidence,
                               format('REINDEX INDEX CONCURRENTLY %I.%I;', n.nspname, c.relname) as recommendation
                          from pg_index x
                          join pg_class c on c.oid = x.indexrelid
                          join pg_namespace n on n.oid = c.relnamespace
                         where n.nspname in (:schemas) and not x.indisvalid
                         order by 2
                        """),
                check("foreign_keys_without_index", Map.of(),
                        // an index whose leading key columns are the foreign key's columns, in any order
                        """
                        select 'warning' as severity, format('%I.%I', n.nspname, k.conname) as object_name,
                               format('foreign key %I on %I.%I (%s) references %s; no index starts with its columns, '
                                      || 'so each delete or key update there scans %I.%I',
                                      k.conname, n.nspname, t.relname, cols.list, k.confrelid::regclass,
                                      n.nspname, t.relname) as evidence,
                               format('CREATE INDEX CONCURRENTLY %I ON %I.%I (%s);',
                                      left(t.relname || '_' || cols.names, 59) || '_idx', n.nspname, t.relname, cols.list)
                                 as recommendation
                          from pg_constraint k
                          join pg_class t on t.oid = k.conrelid
                          join pg_namespace n on n.oid = t.relnamespace
                         cross join lateral (
                               select string_agg(quote_ident(a.attname), ', ' order by u.ord) as list,
                                      string_agg(a.attname, '_' order by u.ord) as names
                                 from unnest(k.conkey) with ordinality as u(attnum, ord)
                                 join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum) cols
                         where k.contype = 'f' and n.nspname in (:schemas)
                           and not exists (
                               select 1 from pg_index x
                                where x.indrelid = k.conrelid and x.indisvalid and x.indpred is null
                                  and x.indnkeyatts >= cardinality(k.conkey)
                                  and (select array_agg(x.indkey[i]) from generate_series(0, cardinality(k.conkey) - 1) i)
                                      operator(pg_catalog.@>) k.conkey
                                  and (select array_agg(x.indkey[i]) from generate_series(0, cardinality(k.conkey) - 1) i)
                                      operator(pg_catalog.<@) k.conkey)
                         order by 2
                        """),
                check("sequential_scan_heavy_tables",
                        Map.of("seqScanMinLiveRows", 10_000L, "seqScanMaxIndexUsePercent", 95),
                        // tables big enough to matter whose scans mostly read every row: missing-index candidates
                        """
                        select 'warning' as severity, format('%I.%I', t.schemaname, t.relname) as object_name,
                               format('%s sequential scans read %s rows, %s index scans (index used in %s%% of scans); '
                                      || '%s live rows, %s',
                                      t.seq_scan, t.seq_tup_read, coalesce(t.idx_scan, 0),
                                      round(100.0 * coalesce(t.idx_scan, 0) / (t.seq_scan + coalesce(t.idx_scan, 0)), 1),
                                      t.n_live_tup, pg_size_pretty(pg_relation_size(t.relid))) as evidence,
                               format('-- find the statements that filter %I.%I in Query performance, EXPLAIN them, then: '
                                      || 'CREATE INDEX CONCURRENTLY ON %I.%I (<their filter columns>);',
                                      t.schemaname, t.relname, t.schemaname, t.relname) as recommendation
                          from pg_stat_user_tables t
                         where t.schemaname in (:schemas)
                           and t.n_live_tup >= :seqScanMinLiveRows
                           and t.seq_scan > 0
                           and 100 * coalesce(t.idx_scan, 0) < :seqScanMaxIndexUsePercent * (t.seq_scan + coalesce(t.idx_scan, 0))
                         order by t.seq_tup_read desc
                        """),
                check("low_cache_hit_rate", Map.of("cacheHitRateMin", 0.99, "cacheHitMinBlocks", 10_000L),
                        // only once enough blocks were read for the rate to mean something
                        """
                        select 'warning' as severity, r.kind as object_name,
                               format('%s cache hit rate %s%% (%s blocks from cache, %s read from disk)', r.kind,
                                      round(100.0 * r.hit / (r.hit + r.read), 2), r.hit, r.read) as evidence,
                               '-- the working set does not fit in shared_buffers: raise shared_buffers (more memory '
                                 || 'on Supabase: a larger compute size) or cut what the top statements read'
                                 as recommendation
                          from (select 'table' as kind, coalesce(sum(heap_blks_hit), 0) as hit,
                                       coalesce(sum(heap_blks_read), 0) as read
                                  from pg_statio_user_tables where schemaname in (:schemas)
                                union all
                                select 'index', coalesce(sum(idx_blks_hit), 0), coalesce(sum(idx_blks_read), 0)
                                  from pg_statio_user_indexes where schemaname in (:schemas)) r
                         where r.hit + r.read >= :cacheHitMinBlocks
                           and r.hit < :cacheHitRateMin * (r.hit + r.read)
                        """),
                check("long_running_sessions", Map.of("longRunningSeconds", 300),
                        """
                        select 'warning' as severity, format('pid %s', a.pid) as object_name,
                               format('%s running for %s (user %s, application %s): %s', a.state,
                                      justify_interval(date_trunc('second', now() - a.query_start)), a.usename,
                                      coalesce(nullif(a.application_name, ''), '-'), left(a.query, 300)) as evidence,
                               format('SELECT pg_cancel_backend(%s);', a.pid) as recommendation
                          from pg_stat_activity a
                         where a.state = 'active' and a.backend_type = 'client backend' and a.pid <> pg_backend_pid()
                           and now() - a.query_start >= make_interval(secs => :longRunningSeconds)
                         order by a.query_start
                        """),
                check("idle_in_transaction_sessions", Map.of("idleInTransactionSeconds", 60),
                        // an open transaction holds locks and keeps vacuum from removing dead rows
                        """
                        select 'warning' as severity, format('pid %s', a.pid) as object_name,
                               format('%s for %s (user %s, application %s); last statement: %s', a.state,
                                      justify_interval(date_trunc('second', now() - a.state_change)), a.usename,
                                      coalesce(nullif(a.application_name, ''), '-'), left(a.query, 300)) as evidence,
                               format('SELECT pg_terminate_backend(%s);  -- and set idle_in_transaction_session_timeout',
                                      a.pid) as recommendation
                          from pg_stat_activity a
                         where a.state in ('idle in transaction', 'idle in transaction (aborted)')
                           and a.pid <> pg_backend_pid()
                           and now() - a.state_change >= make_interval(secs => :idleInTransactionSeconds)
                         order by a.state_change
                        """),
                check("transaction_id_wraparound", Map.of("wraparoundWarningShare", 0.5, "wraparoundCriticalShare", 0.75),
                        // share of the 2^31 transaction ids after which PostgreSQL stops taking writes
                        """
                        select case when d.age >= :wraparoundCriticalShare * 2147483648.0 then 'critical' else 'warning' end
                                 as severity,
                               format('database %I', d.datname) as object_name,
                               format('oldest unfrozen transaction id is %s transactions old, %s%% of the wraparound limit',
                                      d.age, round(100.0 * d.age / 2147483648.0, 1)) as evidence,
                               'VACUUM (FREEZE, VERBOSE);  -- start with the tables of oldest age(relfrozenxid)'
                                 as recommendation
                          from (select datname, age(datfrozenxid)::bigint as age from pg_database
                                 where datname = current_database()) d
                         where d.age >= :wraparoundWarningShare * 2147483648.0
                        """),
                check("sequences_near_maximum", Map.of("sequenceWarningShare", 0.75, "sequenceCriticalShare", 0.9),
                        // last_value is null when never used or not readable (then the sequence is not judged)
                        """
                        select case when s.last_value::numeric / s.max_value >= :sequenceCriticalShare
                                    then 'critical' else 'warning' end as severity,
                               format('%I.%I', s.schemaname, s.sequencename) as object_name,
                               format('%s sequence at %s of its maximum %s (%s%%)', s.data_type, s.last_value,
                                      s.max_value, round(100.0 * s.last_value / s.max_value, 1)) as evidence,
                               case when s.data_type = 'bigint'::regtype
                                    then '-- a bigint sequence: re-key or archive before it runs out'
                                    else format('ALTER SEQUENCE %I.%I AS bigint;  -- and the column it fills to bigint',
                                                s.schemaname, s.sequencename) end as recommendation
                          from pg_sequences s
                         where s.schemaname in (:schemas) and s.increment_by > 0 and s.last_value is not null
                           and s.last_value::numeric / s.max_value >= :sequenceWarningShare
                         order by s.last_value::numeric / s.max_value desc
                        """));
    }

    private static HealthCheck check(String name, Map<String, Object> thresholds, String sql) {
        return new HealthCheck(name, new LinkedHashMap<>(thresholds), sql);
    }
}

-- Foreign keys no index starts with (its columns in any order, as the leading key columns): each delete or
-- key update in the referenced table scans the referencing one. Parameters: :schemas.
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

-- Tables without a primary key: rows cannot be told apart (no logical replication of updates and deletes, no
-- safe upsert, no row-level edits in Supabase's editor). The fix reuses a unique index on NOT NULL columns
-- when there is one. Parameters: :schemas.
select 'warning' as severity, format('%I.%I', n.nspname, c.relname) as object_name,
       format('table %I.%I (%s rows) has no primary key%s', n.nspname, c.relname,
              greatest(c.reltuples, 0)::bigint,
              coalesce('; unique index ' || quote_ident(u.relname) || ' could become it', '')) as evidence,
       case when u.relname is not null
            then format('ALTER TABLE %I.%I ADD CONSTRAINT %I PRIMARY KEY USING INDEX %I;', n.nspname, c.relname,
                        left(c.relname, 58) || '_pkey', u.relname)
            else format('ALTER TABLE %I.%I ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;  '
                        || '-- or ADD PRIMARY KEY (<its identifying columns>)', n.nspname, c.relname) end
         as recommendation
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
  -- a unique, valid, plain index whose columns are all NOT NULL
  left join lateral (select i.relname from pg_index x join pg_class i on i.oid = x.indexrelid
                      where x.indrelid = c.oid and x.indisunique and x.indisvalid and x.indpred is null
                        and x.indexprs is null
                        and not exists (select 1 from pg_attribute a
                                         where a.attrelid = c.oid and a.attnum = any (x.indkey::int2[])
                                           and not a.attnotnull)
                      order by x.indnatts, i.relname limit 1) u on true
 where n.nspname in (:schemas) and c.relkind in ('r', 'p') and not c.relispartition
   and not exists (select 1 from pg_constraint k where k.conrelid = c.oid and k.contype = 'p')
 order by 2

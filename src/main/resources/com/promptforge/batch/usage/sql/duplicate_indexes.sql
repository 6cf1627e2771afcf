-- Indexes another index of the table makes redundant: a's key columns (with their operator classes and
-- sort options) are the leading key columns of b, same method, predicate and expressions, so b answers every
-- query a does. A unique or constraint index is kept unless b is the same and unique too.
-- Parameters: :schemas.
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

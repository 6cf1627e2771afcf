-- Table and index blocks found in shared buffers less than :cacheHitRateMin of the time, once
-- :cacheHitMinBlocks blocks were read (before, the rate means nothing). Parameters: :schemas, :cacheHitRateMin,
-- :cacheHitMinBlocks.
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

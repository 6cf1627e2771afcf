package com.promptforge.batch.usage;

/**
 * One statement's pg_stat_statements counters between two snapshots (calls, time, rows, blocks in the period)
 * beside its cumulative counters. Nothing in the period before the baseline: the whole counters since reset.
 */
record StatementDelta(long queryId, String role, String query, long calls, double totalMs, long rows,
                      long blocksHit, long blocksRead, long cumulativeCalls, double cumulativeTotalMs) {

    double meanMs() {
        return calls == 0 ? 0 : totalMs / calls;
    }

    double cumulativeMeanMs() {
        return cumulativeCalls == 0 ? 0 : cumulativeTotalMs / cumulativeCalls;
    }

    /** The share of blocks found in the cache in the period, or null when none were touched. */
    Double cacheHitRate() {
        long blocks = blocksHit + blocksRead;
        return blocks == 0 ? null : blocksHit / (double) blocks;
    }

    boolean slow(long slowMeanMs, long slowMinCalls) {
        return calls >= slowMinCalls && meanMs() >= slowMeanMs;
    }
}

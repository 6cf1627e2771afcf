package com.promptforge.batch.entitlements;

import java.util.Collection;
import java.util.UUID;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * How many organizations, and which (an order-independent 64-bit fingerprint of their ids), a side of the sync
 * has handled over the executions of its job instance: the reader counts the ids it handed out, the writer the
 * ids it reconciled. Both are step state, saved in each chunk's transaction; the completeness check compares them.
 */
record OrgTally(long count, long fingerprint) {

    static final OrgTally NONE = new OrgTally(0, 0);

    OrgTally plus(UUID orgId) {
        return new OrgTally(count + 1, fingerprint + mix(orgId));
    }

    OrgTally plus(Collection<UUID> orgIds) {
        OrgTally tally = this;
        for (UUID orgId : orgIds) {
            tally = tally.plus(orgId);
        }
        return tally;
    }

    OrgTally plus(OrgTally other) {
        return new OrgTally(count + other.count, fingerprint + other.fingerprint);
    }

    static OrgTally from(ExecutionContext context, String key) {
        return new OrgTally(context.getLong(key + ".count", 0L), context.getLong(key + ".fingerprint", 0L));
    }

    void putInto(ExecutionContext context, String key) {
        context.putLong(key + ".count", count);
        context.putLong(key + ".fingerprint", fingerprint);
    }

    /** A well-spread hash of one id (murmur3's 64-bit finalizer), so that sums of different sets differ. */
    private static long mix(UUID id) {
        long h = id.getMostSignificantBits() * 0x9E3779B97F4A7C15L + id.getLeastSignificantBits();
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}

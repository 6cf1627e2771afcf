package com.promptforge.batch.entitlements;

import com.promptforge.batch.job.RunSummary;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The figures of a sync: orgs scanned, orgs changed, rows added / removed / updated, orgs skipped. They live in
 * the step's execution context under {@link RunSummary}'s keys (numbered so that they print in this order),
 * which makes them both the printed summary and restart state.
 */
record SyncSummary(long orgsScanned, long orgsChanged, long rowsAdded, long rowsRemoved, long rowsUpdated,
                   long orgsSkipped) {

    static final SyncSummary NONE = new SyncSummary(0, 0, 0, 0, 0, 0);

    static final String ORGS_SCANNED = RunSummary.PREFIX + "1 orgs scanned";
    static final String ORGS_CHANGED = RunSummary.PREFIX + "2 orgs changed";
    static final String ROWS_ADDED = RunSummary.PREFIX + "3 rows added";
    static final String ROWS_REMOVED = RunSummary.PREFIX + "4 rows removed";
    static final String ROWS_UPDATED = RunSummary.PREFIX + "5 rows updated";
    static final String ORGS_SKIPPED = RunSummary.PREFIX + "6 orgs skipped";

    /** The figures of one chunk of {@code orgsScanned} orgs. */
    static SyncSummary of(int orgsScanned, ChunkOutcome outcome) {
        Set<UUID> changedOrgs = new HashSet<>();
        long added = 0;
        long removed = 0;
        long updated = 0;
        for (EntitlementChange change : outcome.changes()) {
            changedOrgs.add(change.orgId());
            switch (change.kind()) {
                case ADDED -> added++;
                case REMOVED -> removed++;
                case UPDATED -> updated++;
            }
        }
        for (ChangeGroup group : outcome.groups()) {
            switch (group.kind()) {
                case ADDED -> added += group.rows();
                case REMOVED -> removed += group.rows();
                case UPDATED -> updated += group.rows();
            }
        }
        return new SyncSummary(orgsScanned, changedOrgs.size() + outcome.groupedOrgs(), added, removed, updated,
                outcome.skipped().size());
    }

    /** Entitlement rows added, removed or updated. */
    long rowsChanged() {
        return rowsAdded + rowsRemoved + rowsUpdated;
    }

    /** Chunks hold distinct orgs, so the figures of two chunks add up. */
    SyncSummary plus(SyncSummary other) {
        return new SyncSummary(orgsScanned + other.orgsScanned, orgsChanged + other.orgsChanged,
                rowsAdded + other.rowsAdded, rowsRemoved + other.rowsRemoved, rowsUpdated + other.rowsUpdated,
                orgsSkipped + other.orgsSkipped);
    }

    static SyncSummary from(ExecutionContext context) {
        return new SyncSummary(context.getLong(ORGS_SCANNED, 0L), context.getLong(ORGS_CHANGED, 0L),
                context.getLong(ROWS_ADDED, 0L), context.getLong(ROWS_REMOVED, 0L), context.getLong(ROWS_UPDATED, 0L),
                context.getLong(ORGS_SKIPPED, 0L));
    }

    void putInto(ExecutionContext context) {
        context.putLong(ORGS_SCANNED, orgsScanned);
        context.putLong(ORGS_CHANGED, orgsChanged);
        context.putLong(ROWS_ADDED, rowsAdded);
        context.putLong(ROWS_REMOVED, rowsRemoved);
        context.putLong(ROWS_UPDATED, rowsUpdated);
        context.putLong(ORGS_SKIPPED, orgsSkipped);
    }
}

package com.promptforge.batch.entitlements;

import java.util.List;

/**
 * What reconciling one chunk of organizations changed (or would change) and which orgs it skipped: its changes one
 * by one, or (once a run's changes pass detailLimit) only counted in {@code groups}, with {@code groupedOrgs} the
 * distinct orgs they changed.
 */
record ChunkOutcome(List<EntitlementChange> changes, List<ChangeGroup> groups, long groupedOrgs,
                    List<SkippedOrg> skipped) {

    static final ChunkOutcome NOTHING = new ChunkOutcome(List.of(), List.of());

    ChunkOutcome {
        changes = List.copyOf(changes);
        groups = List.copyOf(groups);
        skipped = List.copyOf(skipped);
    }

    ChunkOutcome(List<EntitlementChange> changes, List<SkippedOrg> skipped) {
        this(changes, List.of(), 0, skipped);
    }

    /** Whether the chunk changed or skipped anything. */
    boolean isEmpty() {
        return changes.isEmpty() && groups.isEmpty() && skipped.isEmpty();
    }
}

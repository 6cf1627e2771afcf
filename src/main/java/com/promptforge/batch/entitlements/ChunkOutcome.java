package com.promptforge.batch.entitlements;

import java.util.List;

/** What reconciling one chunk of organizations changed (or would change) and which orgs it skipped. */
record ChunkOutcome(List<EntitlementChange> changes, List<SkippedOrg> skipped) {

    ChunkOutcome {
        changes = List.copyOf(changes);
        skipped = List.copyOf(skipped);
    }
}

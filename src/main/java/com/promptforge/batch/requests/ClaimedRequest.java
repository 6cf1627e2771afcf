package com.promptforge.batch.requests;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A request this process claimed (now running): which organization and days to export, and when it was claimed. */
record ClaimedRequest(UUID id, UUID orgId, String orgSlug, LocalDate from, LocalDate to, OffsetDateTime startedAt) {

    String describe() {
        return "request " + id + " (" + orgSlug + ", " + from + " to " + to + ")";
    }
}

package com.promptforge.batch.entitlements;

import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

/**
 * One entitlement row the sync added, removed or updated (or, in a dry run, would have): its key, its
 * value and validity before ({@code old*}, null when added) and after ({@code new*}, null when removed).
 * The org's slug and name and the user's e-mail (null without auth.users) are for the reader of the report.
 */
record EntitlementChange(UUID orgId, String orgSlug, String orgName, UUID userId, String userEmail, String flag, String source, String sourceRef, Kind kind,
                         Boolean oldValue, Boolean newValue,
                         OffsetDateTime oldValidFrom, OffsetDateTime oldValidUntil,
                         OffsetDateTime newValidFrom, OffsetDateTime newValidUntil,
                         OffsetDateTime changedAt) {

    enum Kind {
        ADDED, REMOVED, UPDATED;

        /** As entitlement_changes.kind spells it. */
        String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind of(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }
}

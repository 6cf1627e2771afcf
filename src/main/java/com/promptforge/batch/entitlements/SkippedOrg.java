package com.promptforge.batch.entitlements;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An organization the sync left alone because of bad billing data, and why. */
record SkippedOrg(UUID orgId, String orgSlug, String orgName, String reason, OffsetDateTime skippedAt) {
}

package com.promptforge.batch.audit;

import java.util.UUID;

/** The organization an export is for, as the database names it. */
record AuditedOrg(UUID id, String slug, String name) {
}

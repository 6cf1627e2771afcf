package com.promptforge.batch.entitlements;

import com.promptforge.batch.db.SqlResources;
import com.promptforge.batch.db.UserEmails;

/**
 * The statements of the entitlement sync ({@code entitlements/sql/}), set-based per chunk of organizations. Both
 * {@link #PREVIEW} and {@link #APPLY} start from the same CTEs ({@code _reconcile.sql}): what the projection should
 * hold for the chunk's orgs, what it holds, and the difference; {@link #APPLY} then writes only the differences and
 * records each one, in the chunk's transaction ({@link #APPLY_GROUPED} the same, returning them counted by source,
 * flag and kind). A chunk is first checked ({@link #HAS_CHANGES}), and only one with something to write is locked
 * ({@link #LOCK_ORGS}) and applied; a dry run only {@link #PREVIEW}s.
 *
 * <p>The results carry the user's e-mail from {@code auth.users}, which only some databases have: run them through
 * {@link UserEmails#inStatement}.
 */
final class EntitlementSyncSql {

    static final String LOCK_ORGS = load("lock_chunk_orgs.sql");
    static final String PREVIEW = load("preview_chunk_changes.sql");
    static final String HAS_CHANGES = load("chunk_has_changes.sql");
    static final String APPLY = load("apply_chunk_changes.sql");
    static final String APPLY_GROUPED = load("apply_chunk_changes_grouped.sql");
    static final String RECORDED_BY_JOB_INSTANCE = load("changes_recorded_by_job_instance.sql");
    static final String GROUPS_RECORDED_BY_JOB_INSTANCE = load("change_groups_recorded_by_job_instance.sql");

    private EntitlementSyncSql() {
    }

    private static String load(String file) {
        return SqlResources.statement(EntitlementSyncSql.class, file);
    }
}

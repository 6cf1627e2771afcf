package com.promptforge.batch.entitlements;

/**
 * The changes of one source, flag and kind, counted: what the report's Changes sheet lists instead of one row per
 * change once a run's changes pass {@code detailLimit}. {@code orgs} counts distinct orgs within what was counted.
 */
record ChangeGroup(String source, String flag, EntitlementChange.Kind kind, long orgs, long rows) {

    /** Orders groups by source, flag and kind, as the sheet lists them. */
    String sortKey() {
        return source + '\u0000' + flag + '\u0000' + kind.ordinal();
    }
}

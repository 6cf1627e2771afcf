package com.promptforge.batch.usage;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One organization's figures for the reported week beside the week before (null figures of the week before:
 * no record of it), and its runs per day, Monday first.
 */
record OrgUsage(UUID orgId, String slug, String name, long runs, Long previousRuns, long completedRuns,
                long failedRuns, long scoredRuns, BigDecimal avgOverallScore, BigDecimal previousAvgOverallScore,
                long exportReadyRuns, long bundles, long activeUsers, Long previousActiveUsers, long tokens,
                Long previousTokens, BigDecimal avgDurationMs, BigDecimal p95DurationMs, long[] runsPerDay,
                boolean complete, OffsetDateTime computedAt) {

    /** The change in runs as a fraction of the week before (0.25 = +25%), or null when there is nothing to compare. */
    Double runsChange() {
        return previousRuns == null || previousRuns == 0 ? null : (runs - previousRuns) / (double) previousRuns;
    }

    static Long difference(long now, Long before) {
        return before == null ? null : now - before;
    }
}

package com.promptforge.batch.entitlements;

import com.promptforge.batch.job.JobParameterSpec;
import com.promptforge.batch.job.JobParameterValues;
import java.util.List;

/** The parameters of entitlement-sync, declared once ({@link #SPECS}) and bound from a job's parameters. */
record EntitlementSyncParameters(int graceDays, long skipLimit, boolean dryRun, int chunkSize, long detailLimit) {

    static final String GRACE_DAYS = "graceDays";
    static final String SKIP_LIMIT = "skipLimit";
    static final String DRY_RUN = "dryRun";
    static final String CHUNK_SIZE = "chunkSize";
    static final String DETAIL_LIMIT = "detailLimit";

    static final List<JobParameterSpec> SPECS = List.of(
            JobParameterSpec.integer(GRACE_DAYS, 7, 0, 365,
                    "Days a past_due subscription keeps its plan after current_period_end."),
            JobParameterSpec.integer(SKIP_LIMIT, 100, 0, Integer.MAX_VALUE,
                    "Orgs with bad billing data that may be skipped before the job fails."),
            JobParameterSpec.bool(DRY_RUN, false,
                    "Compute and report the changes without writing them."),
            JobParameterSpec.integer(CHUNK_SIZE, 500, 1, 10_000,
                    "Organizations per chunk: one transaction and a few set-based statements each."),
            JobParameterSpec.integer(DETAIL_LIMIT, 50_000, 0, Integer.MAX_VALUE,
                    "Changes the report lists one by one; past it, the Changes sheet counts them by source, flag "
                            + "and kind (every row stays in entitlement_changes)."));

    /** Made by {@link com.promptforge.batch.job.JobParametersBinder} from a run's parameters. */
    static EntitlementSyncParameters from(JobParameterValues values) {
        return new EntitlementSyncParameters(values.intValue(GRACE_DAYS), values.longValue(SKIP_LIMIT),
                values.booleanValue(DRY_RUN), values.intValue(CHUNK_SIZE), values.longValue(DETAIL_LIMIT));
    }
}

package com.promptforge.batch.entitlements;

import com.promptforge.batch.job.JobDefinition;
import com.promptforge.batch.job.JobParameterSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The parameters of entitlement-sync, declared once ({@link #SPECS}) and read back from a job's parameters. */
record EntitlementSyncParameters(int graceDays, long skipLimit, boolean dryRun, int chunkSize) {

    static final String GRACE_DAYS = "graceDays";
    static final String SKIP_LIMIT = "skipLimit";
    static final String DRY_RUN = "dryRun";
    static final String CHUNK_SIZE = "chunkSize";

    static final List<JobParameterSpec> SPECS = List.of(
            JobParameterSpec.integer(GRACE_DAYS, 7, 0, 365,
                    "Days a past_due subscription keeps its plan after current_period_end."),
            JobParameterSpec.integer(SKIP_LIMIT, 100, 0, Integer.MAX_VALUE,
                    "Orgs with bad billing data that may be skipped before the job fails."),
            JobParameterSpec.bool(DRY_RUN, false,
                    "Compute and report the changes without writing them."),
            JobParameterSpec.integer(CHUNK_SIZE, 500, 1, 10_000,
                    "Organizations per chunk: one transaction and a few set-based statements each."));

    /**
     * Reads the declared parameters from a job's parameter values (however the launcher typed them: Long,
     * Boolean or String), the defaults filling in what is missing; other parameters (a run id) are ignored.
     */
    static EntitlementSyncParameters from(JobDefinition definition, Map<String, ?> jobParameters) {
        Map<String, String> given = new HashMap<>();
        for (JobParameterSpec spec : definition.parameters()) {
            Object value = jobParameters.get(spec.name());
            if (value != null) {
                given.put(spec.name(), String.valueOf(value));
            }
        }
        Map<String, Object> resolved = definition.resolve(given, "job " + definition.name());
        return new EntitlementSyncParameters(
                Math.toIntExact((Long) resolved.get(GRACE_DAYS)),
                (Long) resolved.get(SKIP_LIMIT),
                (Boolean) resolved.get(DRY_RUN),
                Math.toIntExact((Long) resolved.get(CHUNK_SIZE)));
    }
}

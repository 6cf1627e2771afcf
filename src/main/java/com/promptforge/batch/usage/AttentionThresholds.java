package com.promptforge.batch.usage;

import com.promptforge.batch.job.JobParameterSpec;
import com.promptforge.batch.job.JobParameterValues;
import java.util.List;

/**
 * The named thresholds of the Summary's Needs attention block, job parameters of usage-report with these defaults.
 * An org is <em>active</em> when it ran at least {@code minRuns} times in the week before or on average over the
 * four weeks before; only active orgs can fall, go quiet or move in failure rate or score, so that a customer who
 * tries the product twice a month is not a churn signal.
 */
record AttentionThresholds(long minRuns, long rateMinRuns, long dropPercent, long failurePoints, long scorePoints,
                           long growthPercent, int linesPerSignal) {

    static final String MIN_RUNS = "attentionMinRuns";
    static final String RATE_MIN_RUNS = "attentionRateMinRuns";
    static final String DROP_PERCENT = "attentionDropPercent";
    static final String FAILURE_POINTS = "attentionFailurePoints";
    static final String SCORE_POINTS = "attentionScorePoints";
    static final String GROWTH_PERCENT = "attentionGrowthPercent";
    static final String LINES_PER_SIGNAL = "attentionLinesPerSignal";

    static final List<JobParameterSpec> SPECS = List.of(
            JobParameterSpec.integer(MIN_RUNS, 20, 1, Integer.MAX_VALUE,
                    "Needs attention: an org is active with at least this many runs in the week before or on average "
                            + "over the four weeks before"),
            JobParameterSpec.integer(RATE_MIN_RUNS, 100, 1, Integer.MAX_VALUE,
                    "Needs attention: failure rates and average scores are compared when the org ran at least this "
                            + "many times in each week (fewer runs move them by chance)"),
            JobParameterSpec.integer(DROP_PERCENT, 50, 1, 100,
                    "Needs attention: an active org's runs fell when they are down at least this many percent on the "
                            + "week before and on the four-week average"),
            JobParameterSpec.integer(FAILURE_POINTS, 10, 1, 100,
                    "Needs attention: an active org's failure rate moved by at least this many percentage points"),
            JobParameterSpec.integer(SCORE_POINTS, 10, 1, 100,
                    "Needs attention: an active org's average score moved by at least this many points"),
            JobParameterSpec.integer(GROWTH_PERCENT, 100, 1, 100_000,
                    "Needs attention: an active org grows fast when its runs are up at least this many percent on "
                            + "the week before"),
            JobParameterSpec.integer(LINES_PER_SIGNAL, 5, 1, 1_000,
                    "Needs attention: at most this many lines of each kind (the rest are counted)"));

    static AttentionThresholds from(JobParameterValues values) {
        return new AttentionThresholds(values.longValue(MIN_RUNS), values.longValue(RATE_MIN_RUNS),
                values.longValue(DROP_PERCENT),
                values.longValue(FAILURE_POINTS), values.longValue(SCORE_POINTS), values.longValue(GROWTH_PERCENT),
                values.intValue(LINES_PER_SIGNAL));
    }

}

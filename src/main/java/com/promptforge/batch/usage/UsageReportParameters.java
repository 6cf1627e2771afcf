package com.promptforge.batch.usage;

import com.promptforge.batch.core.BadInputException;
import com.promptforge.batch.job.JobParameterSpec;
import com.promptforge.batch.job.JobParameterValues;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The parameters of usage-report, declared once ({@link #SPECS}) and bound from a job's parameters.
 * {@code week} defaults to the last ISO week completed at the launch time, so a restart reports the same week.
 */
record UsageReportParameters(IsoWeek week, String org, long slowMeanMs, long slowMinCalls, int topStatements,
                             int statementTimeoutSeconds, HealthExclusions exclusions, AttentionThresholds attention) {

    static final String WEEK = "week";
    static final String ORG = "org";
    static final String SLOW_MEAN_MS = "slowMeanMs";
    static final String SLOW_MIN_CALLS = "slowMinCalls";
    static final String TOP_STATEMENTS = "topStatements";
    static final String STATEMENT_TIMEOUT = "statementTimeoutSeconds";
    static final String HEALTH_EXCLUSIONS = "healthExclusions";

    static final List<JobParameterSpec> SPECS = java.util.stream.Stream.concat(java.util.stream.Stream.of(
            JobParameterSpec.text(WEEK, null, "The ISO week to report, as 2026-W47 or any date in it; default: "
                    + "the last completed week (UTC)"),
            JobParameterSpec.text(ORG, null, "One organization only, by id or slug; default: every organization"),
            JobParameterSpec.integer(SLOW_MEAN_MS, 20, 1, 3_600_000,
                    "A statement is slow when its mean time over the week is at least this many milliseconds"),
            JobParameterSpec.integer(SLOW_MIN_CALLS, 100, 1, Integer.MAX_VALUE,
                    "... and it was called at least this many times in the week"),
            JobParameterSpec.integer(TOP_STATEMENTS, 25, 1, 1_000,
                    "Statements listed by total time in the week"),
            JobParameterSpec.integer(STATEMENT_TIMEOUT, 60, 1, 3_600,
                    "Statement timeout of every check, in seconds"),
            JobParameterSpec.text(HEALTH_EXCLUSIONS, null, "Findings to silence on purpose, as "
                    + HealthExclusions.ACCEPTED + " (check:* silences a check); see docs/DATABASE.md")),
            AttentionThresholds.SPECS.stream()).toList();

    /**
     * Made by {@link com.promptforge.batch.job.JobParametersBinder} from a run's parameters.
     *
     * @throws BadInputException with one line when {@code week} is not a week or a date, or
     *                           {@code healthExclusions} not check:object pairs
     */
    static UsageReportParameters from(JobParameterValues values) {
        String weekText = values.text(WEEK);
        IsoWeek week;
        if (weekText == null || weekText.isBlank()) {
            week = IsoWeek.lastCompletedBefore(values.launchTime().toInstant(ZoneOffset.UTC));
        } else {
            week = IsoWeek.parse(weekText).orElseThrow(() -> new BadInputException(
                    "parameter week must be " + IsoWeek.ACCEPTED + ", got '" + weekText + "'"));
        }
        String org = values.text(ORG);
        return new UsageReportParameters(week, org == null || org.isBlank() ? null : org.trim(),
                values.longValue(SLOW_MEAN_MS), values.longValue(SLOW_MIN_CALLS), values.intValue(TOP_STATEMENTS),
                values.intValue(STATEMENT_TIMEOUT), HealthExclusions.parse(values.text(HEALTH_EXCLUSIONS)),
                AttentionThresholds.from(values));
    }
}

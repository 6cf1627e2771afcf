package com.promptforge.batch.bench;

/**
 * One row of docs/benchmarks.md: something measured beside its reference, in the same run, on the same data.
 * {@link BenchmarkSuite} sets it up, measures case and reference once each to warm up, then alternately
 * {@code rounds} times each, and reports the medians, the spread, the ratio and the peak heap.
 *
 * <p>To add a case: write a small class implementing this interface (see {@link GatingLookupCase} for a query
 * measured by EXPLAIN ANALYZE, {@link EntitlementSyncFirstRunCase} for a job run through {@code JobRunner}) and add
 * it to {@link BenchmarkSuite#cases}. Its data comes from the generated data set ({@link BenchmarkEnvironment}).
 */
public interface BenchmarkCase {

    /** "gating lookup, entitlements_effective_user for one (org, user, flag)". */
    String name();

    /** The target, as the issue states it: "server time <= 0.5 ms, index scan". */
    String target();

    /** What the figures are in: "ms" (milliseconds) or "s" (seconds). */
    String unit();

    /** What the reference is, or "-" when there is none. */
    String referenceName();

    /** Called once before the warm-up, e.g. to create the reference's table. */
    default void setUp(BenchmarkEnvironment environment) {
    }

    /** One measurement of the case, in {@link #unit()}. */
    double measure(BenchmarkEnvironment environment);

    /**
     * One measurement of the reference, in {@link #unit()}; NaN when the case has none of its own (then
     * {@link #referenceCase()} may name an earlier case whose median is the reference).
     */
    default double measureReference(BenchmarkEnvironment environment) {
        return Double.NaN;
    }

    /** The name of an earlier case whose median is this one's reference, or null. */
    default String referenceCase() {
        return null;
    }

    /** Whether the target is met, and if not, by how much: "met", "MISSED: 0.7 ms". */
    String verdict(BenchmarkResult result);

    /** Something the table should say beside the figures (the plan of a query), or "". */
    default String note() {
        return "";
    }

    /**
     * What the case's work grows with, for the table of growth from small to full: "orgs", "rows exported"; "" for
     * a case that should not grow (a lookup).
     */
    default String volumeUnit() {
        return "";
    }

    /** How much of {@link #volumeUnit()} one measurement touches, known after {@link #setUp}; 0 when none. */
    default long volume() {
        return 0;
    }

    /** Called with the case's result once it is measured (before {@link #note()} is read), e.g. to clean up. */
    default void measured(BenchmarkResult result) {
    }
}

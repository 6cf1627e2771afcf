package com.promptforge.batch.bench;

import java.util.Locale;

/**
 * The data set a benchmark run generates: {@code small} for a quick check, {@code full} for the figures
 * (100,000 orgs for gating and the sync; 10,000,000 runs in the first 10,000 orgs for the usage report and RLS; the
 * audit export takes the latest days with 1,000,000 scored runs). Small is the same shape at a hundredth.
 */
enum BenchmarkSize {
    SMALL(1_000, 100, 100_000, 5),
    /** 3 rounds: with 5 the audit export alone (case and bare loop, ~100 s each) adds 7 minutes past the hour. */
    FULL(100_000, 10_000, 10_000_000, 3);

    private final long orgs;
    private final long runOrgs;
    private final long runs;
    private final int rounds;

    BenchmarkSize(long orgs, long runOrgs, long runs, int rounds) {
        this.orgs = orgs;
        this.runOrgs = runOrgs;
        this.runs = runs;
        this.rounds = rounds;
    }

    /** Measurements of each case when the command does not say. */
    int rounds() {
        return rounds;
    }

    long runOrgs() {
        return runOrgs;
    }

    long orgs() {
        return orgs;
    }

    long runs() {
        return runs;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

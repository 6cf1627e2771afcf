package com.promptforge.batch.bench;

import java.util.Locale;

/** The data set a benchmark run generates: {@code small} for a quick check, {@code full} for the figures. */
enum BenchmarkSize {
    SMALL(1_000, 100_000),
    FULL(100_000, 10_000_000);

    private final long orgs;
    private final long runs;

    BenchmarkSize(long orgs, long runs) {
        this.orgs = orgs;
        this.runs = runs;
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

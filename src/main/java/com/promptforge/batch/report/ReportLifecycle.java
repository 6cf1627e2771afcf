package com.promptforge.batch.report;

import org.springframework.stereotype.Component;

/**
 * The one way a job's report reaches its readers: {@link #stage} names and stages it; the {@link StagedReport}
 * commits it (atomically, with its {@code .sha256}) and publishes it to the {@link ReportStore}, or discards it.
 */
@Component
public class ReportLifecycle {

    private final ReportStore store;

    public ReportLifecycle(ReportStore store) {
        this.store = store;
    }

    /** A new staged report that will be committed as {@code key}. */
    public StagedReport stage(ReportKey key) {
        return new StagedReport(key, store);
    }
}

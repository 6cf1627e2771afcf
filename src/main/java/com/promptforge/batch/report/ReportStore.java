package com.promptforge.batch.report;

import java.nio.file.Path;

/**
 * Where finished reports go for their readers. A report is committed to {@link #committedFile} (a local file, with
 * its sidecar), then {@link #publish published}. The local folder ({@link LocalReportStore}) is the store today;
 * another store (an object store) stages locally and uploads in {@code publish}, without a job changing.
 */
public interface ReportStore {

    /** The local file a report is committed to before it is published; the temp file is written beside it. */
    Path committedFile(ReportKey key);

    /**
     * Makes a committed report (and its sidecar) available to readers.
     *
     * @return where readers find it, as the run's summary prints it
     * @throws RuntimeException when it cannot: the committed file stays where it is
     */
    String publish(CommittedReport report);

    /** The store, for a one-line message: "reports folder reports", never credentials. */
    String describe();
}

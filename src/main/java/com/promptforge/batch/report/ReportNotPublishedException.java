package com.promptforge.batch.report;

/** A committed report the store did not take: one line naming the store, the reason and where the file stays. */
public class ReportNotPublishedException extends RuntimeException {

    ReportNotPublishedException(CommittedReport report, ReportStore store, RuntimeException cause) {
        super("cannot publish report " + report.key() + " to " + store.describe() + ": " + cause.getMessage()
                + "; the finished report stays at " + report.file(), cause);
    }
}

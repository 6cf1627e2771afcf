package com.promptforge.batch.report;

/**
 * A report store refused or could not be reached. The message is the one line a user sees: the store (its
 * location and endpoint, never credentials) and the reason.
 */
public class ReportStoreException extends RuntimeException {

    public ReportStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public ReportStoreException(String message) {
        super(message);
    }
}

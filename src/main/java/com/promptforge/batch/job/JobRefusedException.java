package com.promptforge.batch.job;

/**
 * A run that was not started because it would overlap another run of the same job (or the service is shutting
 * down). The message is the one line the user sees; the command line exits 1.
 */
public class JobRefusedException extends RuntimeException {

    public JobRefusedException(String message) {
        super(message);
    }

    /** The same one line, keeping Spring Batch's refusal for the log. */
    public JobRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}

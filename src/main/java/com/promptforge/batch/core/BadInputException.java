package com.promptforge.batch.core;

/**
 * Bad command-line input or job parameters. The message is the one line the user sees: what was wrong,
 * what was given and what is accepted.
 */
public class BadInputException extends RuntimeException {

    public BadInputException(String message) {
        super(message);
    }

    /** The same one line, keeping the failure that showed the input bad for the log. */
    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

package com.promptforge.batch.db;

/** The configured database cannot be reached or configured. Its message is one line without credentials. */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message) {
        super(message);
    }

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

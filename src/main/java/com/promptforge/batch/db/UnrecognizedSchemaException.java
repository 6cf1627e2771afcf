package com.promptforge.batch.db;

/**
 * A database without Flyway's history whose PromptForge objects match no migration version: exit 3 and the
 * one line saying what was found, what was expected and what to do. Nothing has been changed.
 */
final class UnrecognizedSchemaException extends DatabaseUnavailableException {

    UnrecognizedSchemaException(String message) {
        super(message);
    }
}

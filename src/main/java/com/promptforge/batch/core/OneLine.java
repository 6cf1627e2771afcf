package com.promptforge.batch.core;

/** Failures as the one line a user sees: the first line of a message, or of a failure's root cause. */
public final class OneLine {

    private OneLine() {
    }

    public static String of(String message) {
        if (message == null) {
            return "";
        }
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline);
    }

    /** The root cause's message (its class name when it has none), first line only. */
    public static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return of(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
    }
}

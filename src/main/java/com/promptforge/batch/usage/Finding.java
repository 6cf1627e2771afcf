package com.promptforge.batch.usage;

/**
 * One problem the report found: how bad ({@code critical}, {@code warning}, {@code info}), which check found it,
 * the object (index, table, session, statement), the evidence, and the statement that fixes or examines it.
 */
record Finding(String severity, String check, String object, String evidence, String recommendation) {

    static int rank(String severity) {
        return switch (severity) {
            case "critical" -> 0;
            case "warning" -> 1;
            default -> 2;
        };
    }
}

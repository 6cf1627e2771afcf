package com.promptforge.batch.usage;

import java.util.List;

/**
 * The areas of the Summary's Health block: each shows fail (a critical finding), warn (a warning) or pass, as
 * Supabase's {@code inspect report} rules do. Info findings do not change an area's state.
 */
enum HealthArea {
    INDEXES("Indexes"),
    TABLES("Tables and vacuum"),
    SESSIONS("Sessions and locks"),
    CAPACITY("Capacity"),
    SECURITY("Security"),
    QUERIES("Queries and cache");

    private final String label;

    HealthArea(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** fail / warn / pass, with the counts that decided it. */
    String state(List<Finding> findings) {
        long critical = findings.stream().filter(f -> f.severity().equals("critical")).count();
        long warning = findings.stream().filter(f -> f.severity().equals("warning")).count();
        if (critical > 0) {
            return "fail: " + critical + " critical" + (warning > 0 ? ", " + warning + " warning" : "");
        }
        return warning > 0 ? "warn: " + warning + " warning" : "pass";
    }
}

package com.promptforge.batch.usage;

/** One index as the Index usage sheet lists it: its table, size, scans and what it enforces. */
record IndexUsage(String schema, String table, String index, long sizeBytes, long scans, long tuplesRead,
                  boolean unique, boolean primary, boolean valid, String definition) {
}

package com.promptforge.batch.generator;

import java.time.Duration;
import java.util.Map;

/** What a generation wrote: rows per table, and how long it took. */
public record GeneratedData(GenerationSpec spec, Map<String, Long> rows, Duration took) {

    public long rows(String table) {
        return rows.getOrDefault(table, 0L);
    }
}

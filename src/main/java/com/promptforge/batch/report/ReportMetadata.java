package com.promptforge.batch.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a published report carries besides its bytes: the job and execution that wrote it, the organization it is
 * about (empty: every organization) and the period it covers (empty when it covers none, e.g. a sync's run).
 */
public record ReportMetadata(String job, long executionId, String org, String period) {

    /** As object metadata: ASCII keys and values (S3 sends them as HTTP headers). */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("job", job);
        map.put("execution-id", Long.toString(executionId));
        if (org != null && !org.isBlank()) {
            map.put("org", org);
        }
        if (period != null && !period.isBlank()) {
            map.put("period", period);
        }
        map.replaceAll((key, value) -> value.replaceAll("[^\\x20-\\x7e]", "?"));
        return map;
    }
}

package com.promptforge.batch.usage;

import java.util.Map;

/**
 * One database-health check, pghero style: a name, its thresholds named beside it, and one query over the
 * statistics views that returns one row per problem, with the columns severity, object_name, evidence and
 * recommendation. The query reads the thresholds and {@code :schemas} (the schemas checked) as named parameters.
 */
record HealthCheck(String name, Map<String, Object> thresholds, String sql) {
}

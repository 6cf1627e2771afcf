package com.promptforge.batch.usage;

import com.promptforge.batch.db.SqlResources;
import java.util.Map;

/**
 * One database-health check, pghero style: a name, the area of the Summary's Health block it belongs to, its
 * thresholds named beside it, and one query ({@code usage/sql/<name>.sql}) over the statistics views and catalogs
 * that returns one row per problem, with the columns severity, object_name, evidence and recommendation. The query
 * reads the thresholds and the schemas checked ({@code :schemas}, {@code :maintained}, {@code :exposed}, see
 * {@link CheckedSchemas}) as named parameters, and {@code :weekStart} / {@code :previousWeekStart}.
 */
record HealthCheck(String name, HealthArea area, Map<String, Object> thresholds) {

    String sql() {
        return SqlResources.statement(HealthCheck.class, name + ".sql");
    }
}

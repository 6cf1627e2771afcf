package com.promptforge.batch.db;

import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The names of the objects a migration can create that a database holds now ({@code db/sql/catalog_objects.sql}):
 * {@code table public.plans}, {@code function public.pf_is_org_member(uuid)}, {@code policy public.runs.x}...
 * What {@link SchemaFingerprints} are made of, and what a database is compared with.
 */
final class CatalogObjects {

    private static final String QUERY = SqlResources.statement(CatalogObjects.class, "catalog_objects.sql");

    private CatalogObjects() {
    }

    static Set<String> of(JdbcTemplate jdbc) {
        return new TreeSet<>(jdbc.queryForList(QUERY, String.class));
    }

    /** Whether {@code table} (as {@code schema.name}) has at least one row. */
    static boolean hasRows(JdbcTemplate jdbc, String table) {
        int dot = table.indexOf('.');
        String sql = "select exists (select 1 from " + SqlResources.identifier(table.substring(0, dot)) + "."
                + SqlResources.identifier(table.substring(dot + 1)) + ")";
        return Boolean.TRUE.equals(jdbc.queryForObject(sql, Boolean.class));
    }
}

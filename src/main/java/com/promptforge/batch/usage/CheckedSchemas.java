package com.promptforge.batch.usage;

import com.promptforge.batch.db.SqlResources;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The schemas the checks look at (usage/sql/checked_schemas.sql): {@code schemas} for the design checks (every
 * application schema but batch and quartz, Spring Batch's and Quartz's scripts as shipped), {@code maintained}
 * for the maintenance checks (those and batch and quartz: their tables grow and bloat like any other), and
 * {@code exposed} for the security checks (the schemas anon or authenticated may use).
 */
record CheckedSchemas(List<String> schemas, List<String> maintained, List<String> exposed) {

    static CheckedSchemas read(NamedParameterJdbcTemplate jdbc) {
        List<String> schemas = new ArrayList<>();
        List<String> maintained = new ArrayList<>();
        List<String> exposed = new ArrayList<>();
        jdbc.query(SqlResources.statement(DatabaseHealth.class, "checked_schemas.sql"), new MapSqlParameterSource(), row -> {
            String name = row.getString("schema_name");
            maintained.add(name);
            if (!row.getBoolean("vendor")) {
                schemas.add(name);
            }
            if (row.getBoolean("exposed")) {
                exposed.add(name);
            }
        });
        return new CheckedSchemas(schemas, maintained, exposed);
    }

    /** The three lists as :schemas, :maintained and :exposed; an empty list matches nothing. */
    MapSqlParameterSource addTo(MapSqlParameterSource parameters) {
        return parameters.addValue("schemas", orNothing(schemas)).addValue("maintained", orNothing(maintained))
                .addValue("exposed", orNothing(exposed));
    }

    private static List<String> orNothing(List<String> names) {
        // "in (null)" is valid SQL and true for no row
        return names.isEmpty() ? java.util.Collections.singletonList(null) : names;
    }
}

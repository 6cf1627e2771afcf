package com.promptforge.batch.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A database installed by hand ({@code run_all_migrations.sql} pasted into the SQL editor, or the files run
 * one by one with psql) has PromptForge's objects but no Flyway history. Before migrating, this recognizes
 * the version installed from the objects each migration makes ({@link SchemaFingerprints}) and records it as
 * Flyway's baseline, so that only the later migrations are applied. A database that matches no version is
 * refused before anything is written ({@link UnrecognizedSchemaException}).
 */
final class InstalledSchema {

    private static final Logger log = LoggerFactory.getLogger(InstalledSchema.class);

    private InstalledSchema() {
    }

    /** The Flyway to migrate with: {@code flyway} itself, after recording the installed version when needed. */
    static Flyway adopt(Flyway flyway) {
        Configuration configuration = flyway.getConfiguration();
        JdbcTemplate jdbc = new JdbcTemplate(configuration.getDataSource());
        if (hasHistory(jdbc, configuration)) {
            return flyway;
        }
        SchemaFingerprints.Step installed = SchemaFingerprints.load()
                .recognize(CatalogObjects.of(jdbc), table -> CatalogObjects.hasRows(jdbc, table));
        if (installed == null) {
            // None of PromptForge's objects. Other tables in the schema (a Supabase application's own) would
            // make Flyway refuse a non-empty schema: record version 0 then, and apply every migration beside them.
            return Flyway.configure().configuration(configuration)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    // no quote in a description: Flyway's baseline insert does not escape it
                    .baselineDescription("no PromptForge objects, other objects kept")
                    .load();
        }
        log.info("No Flyway history: recognized PromptForge's schema installed by hand up to {}; recording version "
                + "{} as the baseline and applying only the later migrations", installed.script(), installed.version());
        Flyway.configure().configuration(configuration)
                .baselineVersion(installed.version())
                .baselineDescription("installed by hand up to " + installed.script())
                .load()
                .baseline();
        return flyway;
    }

    private static boolean hasHistory(JdbcTemplate jdbc, Configuration configuration) {
        String schema = configuration.getDefaultSchema();
        if (schema == null && configuration.getSchemas().length > 0) {
            schema = configuration.getSchemas()[0];
        }
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                select to_regclass(quote_ident(coalesce(?, current_schema())) || '.' || quote_ident(?)) is not null""",
                Boolean.class, schema, configuration.getTable()));
    }
}

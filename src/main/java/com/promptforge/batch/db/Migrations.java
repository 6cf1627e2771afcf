package com.promptforge.batch.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * How Flyway finds and applies the migrations of {@code sql/}: under their own file names
 * ({@code 001_init_extensions_and_functions.sql} is version 001), because people also run the same files
 * by hand in the Supabase SQL editor. Used by the application and by the test harness alike.
 */
public final class Migrations {

    /** The build copies {@code sql/NNN_*.sql} (all but the rollback) here. */
    public static final String LOCATION = "classpath:db/migration";

    private Migrations() {
    }

    public static FluentConfiguration configure(FluentConfiguration configuration) {
        return configuration
                .locations(LOCATION)
                .sqlMigrationPrefix("")
                .sqlMigrationSeparator("_")
                .sqlMigrationSuffixes(".sql")
                .validateMigrationNaming(true)
                .failOnMissingLocations(true)
                .callbacks(new HistoryTableGuard())
                // The files contain dollar-quoted bodies and must stay runnable by hand: no ${...} rewriting.
                .placeholderReplacement(false);
    }

    public static Flyway flyway(DataSource dataSource) {
        return configure(Flyway.configure()).dataSource(dataSource).load();
    }

    /**
     * Applies the pending migrations (after recognizing a database installed by hand, {@link InstalledSchema});
     * {@link HistoryTableGuard} closes Flyway's history table to anon and authenticated before the first one runs.
     */
    public static MigrateResult migrate(Flyway flyway) {
        requirePresent(flyway);
        Flyway adopted = InstalledSchema.adopt(flyway);
        LandedMigrationEdits.upgrade(adopted);
        return adopted.migrate();
    }

    /** Fails loudly when the jar carries no migrations (a broken build), instead of "nothing to do". */
    public static void requirePresent(Flyway flyway) {
        if (flyway.info().all().length == 0) {
            throw new IllegalStateException("No migrations found at " + LOCATION
                    + ": the build must copy sql/NNN_*.sql into the jar");
        }
    }
}

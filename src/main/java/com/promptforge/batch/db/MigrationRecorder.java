package com.promptforge.batch.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.stereotype.Component;

/** Applies the migrations at start-up (every command needs an up-to-date schema) and keeps the result. */
@Component
public class MigrationRecorder implements FlywayMigrationStrategy {

    private MigrateResult result;

    @Override
    public void migrate(Flyway flyway) {
        result = Migrations.migrate(flyway);
    }

    /** What the start-up migration applied; null before it ran. */
    public MigrateResult result() {
        return result;
    }
}

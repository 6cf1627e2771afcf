package com.promptforge.batch.db;

import com.promptforge.batch.core.CliCommand;
import com.promptforge.batch.core.ExitCode;
import java.io.PrintStream;
import java.util.List;
import org.flywaydb.core.api.output.MigrateResult;
import org.springframework.stereotype.Component;

/** {@code migrate}: the migrations were applied while the application started; this reports what they did. */
@Component
class MigrateCommand implements CliCommand {

    private final MigrationRecorder recorder;
    private final DatabaseTarget target;

    MigrateCommand(MigrationRecorder recorder, DatabaseTarget target) {
        this.recorder = recorder;
        this.target = target;
    }

    @Override
    public String name() {
        return "migrate";
    }

    @Override
    public ExitCode run(List<String> arguments, PrintStream out) {
        MigrateResult result = recorder.result();
        out.println("Database: " + target.describe());
        if (result.migrations.isEmpty()) {
            out.println("Schema is up to date at version " + result.initialSchemaVersion + "; nothing applied.");
        } else {
            for (var migration : result.migrations) {
                out.printf("Applied %s %s (%d ms)%n", migration.version, migration.filepath
                        .substring(migration.filepath.lastIndexOf('/') + 1), migration.executionTime);
            }
            out.println("Applied " + result.migrationsExecuted + " migration(s); schema now at version "
                    + result.targetSchemaVersion + ".");
        }
        return ExitCode.COMPLETED;
    }
}

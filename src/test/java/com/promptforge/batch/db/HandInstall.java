package com.promptforge.batch.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Installs the schema the way a person does without the jar: each file as one script, as psql or the SQL editor runs it. */
final class HandInstall {

    static final Path SQL = Path.of("sql");

    private HandInstall() {
    }

    /** sql/run_all_migrations.sql, pasted into the SQL editor. */
    static void runAll(JdbcTemplate jdbc) {
        jdbc.execute(read(SQL.resolve("run_all_migrations.sql")));
    }

    /** The migration files in order, up to and including {@code lastVersion} (e.g. "009"). */
    static void filesUpTo(JdbcTemplate jdbc, String lastVersion) {
        for (String file : files()) {
            if (file.substring(0, 3).compareTo(lastVersion) <= 0) {
                jdbc.execute(read(SQL.resolve(file)));
            }
        }
    }

    static List<String> files() {
        try {
            return MigrationsTest.migrationFiles();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package com.promptforge.batch.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings a database built from an earlier text of an edited landed migration to the current text.
 *
 * <p>Issue 10 moved the QA tests of 013 out of 009 (each migration registers its own tests), which meant
 * editing 009 and 013 after databases had been built from them. Flyway would refuse such a database
 * (checksum mismatch). For a history row whose checksum is one of the <em>known</em> earlier checksums of
 * that file, this re-runs the current file (both files are written to run again over their earlier
 * state: {@code create or replace}, guarded DDL) and records the current checksum, in one transaction.
 * The database then holds exactly what a fresh migration builds. Any other mismatch is left for Flyway's
 * validation to report: an unknown edit is still an error.
 */
final class LandedMigrationEdits {

    /** Version -> Flyway checksums of the file's earlier texts (commit 7ac407c, the last before issue 10). */
    static final Map<String, Set<Integer>> EARLIER_CHECKSUMS = Map.of(
            "009", Set.of(1411452149),
            "013", Set.of(1160759966));

    private LandedMigrationEdits() {
    }

    static void upgrade(Flyway flyway) {
        DataSource dataSource = flyway.getConfiguration().getDataSource();
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        for (MigrationInfo migration : flyway.info().applied()) {
            Set<Integer> earlier = migration.getVersion() == null ? null
                    : EARLIER_CHECKSUMS.get(migration.getVersion().getVersion());
            Integer current = migration.getResolvedChecksum();
            if (earlier == null || current == null || !earlier.contains(migration.getAppliedChecksum())) {
                continue;
            }
            String script = read(flyway, migration.getScript());
            transaction.executeWithoutResult(status -> {
                // The row lock makes a second process starting at the same moment wait, then find nothing to do.
                int rows = jdbc.update("""
                        update public.flyway_schema_history
                           set checksum = ?
                         where version = ? and success and checksum = ?""",
                        current, migration.getVersion().getVersion(), migration.getAppliedChecksum());
                if (rows == 1) {
                    jdbc.execute(script);
                }
            });
        }
    }

    private static String read(Flyway flyway, String script) {
        String resource = Migrations.LOCATION.substring("classpath:".length()) + "/" + script;
        try (InputStream in = flyway.getConfiguration().getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Migration " + resource + " is not in the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read migration " + resource, e);
        }
    }
}

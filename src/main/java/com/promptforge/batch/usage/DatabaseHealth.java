package com.promptforge.batch.usage;

import com.promptforge.batch.db.ReadDatabase;
import com.promptforge.batch.db.SqlResources;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores the week's table and index estimates (usage.relation_weeks, 020), then runs the {@link HealthChecks},
 * lists the indexes and reads pg_stat_statements, all in one read-only transaction with a statement timeout and a
 * short lock timeout ({@code set local}, so they also hold behind a transaction-mode pooler). Each check runs in
 * a savepoint: one that is not permitted or fails becomes a finding, and the others go on. A check that meets a
 * lock gives up after {@link HealthChecks#LOCK_TIMEOUT} and the finding says who holds the lock: the report
 * never waits for one.
 *
 * <p>With a read replica ({@link ReadDatabase}), index statistics are per server: the replica's own scans are read
 * there first and counted by the unused-index check, so that an index only the replica's readers use is not
 * reported unused. When they cannot be read, that check is not run (it would recommend dropping such an index).
 */
final class DatabaseHealth {

    /** lock_not_available: lock_timeout expired. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    /** The check that counts the replica's index scans too. */
    static final String UNUSED_INDEXES = "unused_indexes";

    private final NamedParameterJdbcTemplate jdbc;
    private final ReadDatabase reads;
    private final TransactionTemplate readOnly;
    private final TransactionTemplate savepoint;
    private final TransactionTemplate write;
    /** The role the checks run as, for the GRANT a refused check recommends. */
    private String role = "<the report's role>";

    DatabaseHealth(DataSource dataSource, ReadDatabase reads) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.reads = reads;
        DataSourceTransactionManager manager = new DataSourceTransactionManager(dataSource);
        // SET TRANSACTION READ ONLY, not only the driver's read-only flag
        manager.setEnforceReadOnly(true);
        manager.setNestedTransactionAllowed(true);
        this.readOnly = new TransactionTemplate(manager);
        readOnly.setReadOnly(true);
        readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.savepoint = new TransactionTemplate(manager);
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.write = new TransactionTemplate(manager);
        write.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Everything the report reads about the database's health, at one moment; {@code silenced}: how many findings
     * were left out because the exclusions name them.
     */
    record Result(List<Finding> findings, List<IndexUsage> indexes, Headline headline,
                  StatementSnapshots.Reading statements, int silenced) {
    }

    record Headline(Double tableHitRate, Double indexHitRate, Double wraparoundShare, long sessions, String role,
                    boolean superuser, boolean pgMonitor, OffsetDateTime statisticsSince, Long databaseBytes) {
    }

    /**
     * Reads the database's health for {@code week}: stores the week's estimates first, then runs every check.
     * Findings the exclusions silence are left out of {@link Result#findings()} and counted.
     */
    Result read(IsoWeek week, Long jobExecutionId, int statementTimeoutSeconds, HealthExclusions exclusions) {
        List<Finding> findings = new ArrayList<>();
        ReplicaScans replicaScans = replicaScans(statementTimeoutSeconds);
        try {
            write.executeWithoutResult(status -> {
                limits(statementTimeoutSeconds);
                MapSqlParameterSource parameters = CheckedSchemas.read(jdbc).addTo(new MapSqlParameterSource())
                        .addValue("weekStart", week.monday()).addValue("jobExecutionId", jobExecutionId);
                jdbc.update(SqlResources.statement(DatabaseHealth.class, "relation_weeks_store.sql"), parameters);
            });
        } catch (DataAccessException e) {
            findings.add(notRun("relation_weeks", e));
        }
        Result result = readOnly.execute(status -> {
            limits(statementTimeoutSeconds);
            role = jdbc.getJdbcTemplate().queryForObject("select current_user", String.class);
            CheckedSchemas checked = CheckedSchemas.read(jdbc);
            MapSqlParameterSource schemas = checked.addTo(new MapSqlParameterSource());
            for (HealthCheck check : HealthChecks.all()) {
                if (check.name().equals(UNUSED_INDEXES) && replicaScans.failure() != null) {
                    findings.add(new Finding("warning", UNUSED_INDEXES, "check " + UNUSED_INDEXES, "not run: the read "
                            + "replica's index scans (" + ReadDatabase.SETTING + ") could not be read, and an index "
                            + "only its readers use would be reported unused: "
                            + replicaScans.failure().getMostSpecificCause().getMessage(),
                            "-- check that the replica is reachable and the role may read pg_stat_user_indexes there"));
                } else {
                    findings.addAll(run(check, checked, week, replicaScans));
                }
            }
            List<IndexUsage> indexes = inSavepoint("index_usage", findings, () -> jdbc.query(
                    SqlResources.statement(DatabaseHealth.class, "index_usage.sql"), schemas, (row, n) -> new IndexUsage(row.getString(1),
                            row.getString(2), row.getString(3), row.getLong(4), row.getLong(5), row.getLong(6),
                            row.getBoolean(7), row.getBoolean(8), row.getBoolean(9), row.getString(10))), List.of());
            Headline headline = inSavepoint("headline", findings, () -> jdbc.queryForObject(SqlResources.statement(DatabaseHealth.class, "headline.sql"),
                    schemas, (row, n) -> new Headline(nullableDouble(row.getObject(1)),
                            nullableDouble(row.getObject(2)), nullableDouble(row.getObject(3)), row.getLong(4),
                            row.getString(5), row.getBoolean(6), row.getBoolean(7),
                            jdbc.getJdbcTemplate().queryForObject(SqlResources.statement(DatabaseHealth.class, "statistics_since.sql"),
                                    OffsetDateTime.class), (Long) row.getObject(8))), null);
            StatementSnapshots.Reading statements = inSavepoint("pg_stat_statements", findings,
                    () -> StatementSnapshots.read(jdbc.getJdbcTemplate()),
                    StatementSnapshots.Reading.unavailable("pg_stat_statements could not be read (see Findings)"));
            return new Result(findings, indexes, headline, statements, 0);
        });
        List<Finding> kept = result.findings().stream().filter(f -> !exclusions.silences(f)).toList();
        return new Result(kept, result.indexes(), result.headline(), result.statements(),
                result.findings().size() - kept.size());
    }

    /** The statement timeout and the lock timeout, for the current transaction only. */
    private void limits(int statementTimeoutSeconds) {
        jdbc.getJdbcTemplate().queryForObject("select set_config('statement_timeout', ?, true) || ' ' || "
                + "set_config('lock_timeout', ?, true)", String.class, statementTimeoutSeconds + "s",
                HealthChecks.LOCK_TIMEOUT);
    }

    /**
     * The read replica's index scans, by index ({@code schemas}, {@code indexes}, {@code scans} side by side) and
     * since when its statistics run; empty without a replica; {@code failure} when they could not be read.
     */
    private record ReplicaScans(List<String> schemas, List<String> indexes, List<Long> scans, OffsetDateTime since,
                                DataAccessException failure) {

        static final ReplicaScans NONE = new ReplicaScans(List.of(), List.of(), List.of(), null, null);

        MapSqlParameterSource addTo(MapSqlParameterSource parameters) {
            return parameters.addValue("replicaSchemas", new SqlArrayValue("text", schemas.toArray()))
                    .addValue("replicaIndexes", new SqlArrayValue("text", indexes.toArray()))
                    .addValue("replicaScans", new SqlArrayValue("int8", scans.toArray()))
                    .addValue("replicaSince", since);
        }
    }

    private ReplicaScans replicaScans(int statementTimeoutSeconds) {
        if (!reads.isReplica()) {
            return ReplicaScans.NONE;
        }
        TransactionTemplate onReplica = new TransactionTemplate(new DataSourceTransactionManager(reads.dataSource()));
        onReplica.setReadOnly(true);
        onReplica.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        NamedParameterJdbcTemplate replica = new NamedParameterJdbcTemplate(reads.dataSource());
        try {
            return onReplica.execute(status -> {
                replica.getJdbcTemplate().queryForObject("select set_config('statement_timeout', ?, true)",
                        String.class, statementTimeoutSeconds + "s");
                List<String> schemas = new ArrayList<>();
                List<String> indexes = new ArrayList<>();
                List<Long> scans = new ArrayList<>();
                replica.getJdbcTemplate().query(SqlResources.statement(DatabaseHealth.class,
                        "replica_index_scans.sql"), row -> {
                    schemas.add(row.getString("schemaname"));
                    indexes.add(row.getString("indexrelname"));
                    scans.add(row.getLong("idx_scan"));
                });
                OffsetDateTime since = replica.getJdbcTemplate().queryForObject(
                        SqlResources.statement(DatabaseHealth.class, "statistics_since.sql"), OffsetDateTime.class);
                return new ReplicaScans(schemas, indexes, scans, since, null);
            });
        } catch (DataAccessException e) {
            return new ReplicaScans(List.of(), List.of(), List.of(), null, e);
        }
    }

    private List<Finding> run(HealthCheck check, CheckedSchemas checked, IsoWeek week, ReplicaScans replicaScans) {
        MapSqlParameterSource parameters = replicaScans.addTo(checked.addTo(
                        new MapSqlParameterSource(Map.copyOf(check.thresholds()))))
                .addValue("weekStart", week.monday()).addValue("previousWeekStart", week.previous().monday());
        List<Finding> notRun = new ArrayList<>();
        List<Finding> found = inSavepoint(check.name(), notRun, () -> jdbc.query(check.sql(), parameters,
                (row, n) -> new Finding(row.getString("severity"), check.name(), row.getString("object_name"),
                        row.getString("evidence"), row.getString("recommendation"))), List.of());
        return notRun.isEmpty() ? found : notRun;
    }

    /** Runs {@code work} in a savepoint; a failure becomes a finding and {@code otherwise} the answer. */
    private <T> T inSavepoint(String name, List<Finding> findings, java.util.function.Supplier<T> work, T otherwise) {
        try {
            return savepoint.execute(status -> work.get());
        } catch (DataAccessException e) {
            if (LOCK_NOT_AVAILABLE.equals(state(e))) {
                findings.addAll(lockedOut(name, e));
            } else {
                findings.add(notRun(name, e));
            }
            return otherwise;
        }
    }

    /**
     * The check gave up on a lock: one finding per relation another session holds ACCESS EXCLUSIVE (what the
     * check could not read), naming the holder, since when, and who else waits for it.
     */
    private List<Finding> lockedOut(String check, DataAccessException e) {
        List<Finding> findings = new ArrayList<>();
        String waited = "gave up after lock_timeout " + HealthChecks.LOCK_TIMEOUT + " (" + e.getMostSpecificCause()
                .getMessage() + ")";
        try {
            MapSqlParameterSource schemas = CheckedSchemas.read(jdbc).addTo(new MapSqlParameterSource());
            savepoint.executeWithoutResult(status -> jdbc.query(SqlResources.statement(DatabaseHealth.class, "lock_holders.sql"), schemas, row -> {
                findings.add(new Finding("warning", check, "check " + check, String.format(java.util.Locale.ROOT,
                        "%s: %s is locked ACCESS EXCLUSIVE by pid %d (user %s, application %s, %s, transaction open "
                                + "since %s: %s); waiting for it: %s. Not read: what this check reports for %s",
                        waited, row.getString("relation_name"), row.getInt("pid"), row.getString("role_name"),
                        row.getString("application"), row.getString("state"),
                        row.getObject("xact_start", OffsetDateTime.class), row.getString("query"),
                        row.getString("waiting_pids") == null ? "no other session" : "pids "
                                + row.getString("waiting_pids"), row.getString("relation_name")),
                        "SELECT pg_terminate_backend(" + row.getInt("pid") + ");  -- if that transaction is stuck; "
                                + "else run the report again once it ends"));
            }));
        } catch (DataAccessException unreadable) {
            // the holders could not be listed either: the lock is still reported
        }
        if (findings.isEmpty()) {
            findings.add(new Finding("warning", check, "check " + check, waited
                    + "; the lock was released before its holder could be listed",
                    "-- run the report again; see blocking_locks"));
        }
        return findings;
    }

    private static String state(DataAccessException e) {
        return e.getMostSpecificCause() instanceof SQLException sql ? sql.getSQLState() : null;
    }

    private Finding notRun(String check, DataAccessException e) {
        String state = state(e);
        String message = e.getMostSpecificCause().getMessage();
        if ("42501".equals(state)) {
            return new Finding("info", check, "check " + check, "not permitted for this role: " + message,
                    "GRANT pg_monitor TO " + role + ";  -- as an administrator");
        }
        if ("57014".equals(state)) {
            return new Finding("warning", check, "check " + check, "stopped by the statement timeout: " + message,
                    "-- run the job with a larger statementTimeoutSeconds");
        }
        return new Finding("warning", check, "check " + check, "could not run: " + message,
                "-- see the message; the other checks ran");
    }

    private static Double nullableDouble(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}

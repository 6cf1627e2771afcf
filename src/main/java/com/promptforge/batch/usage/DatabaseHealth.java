package com.promptforge.batch.usage;

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
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the {@link HealthChecks}, lists the indexes and reads pg_stat_statements, all in one read-only
 * transaction with a statement timeout ({@code set local}, so it also holds behind a transaction-mode pooler).
 * Each check runs in a savepoint: one that is not permitted or fails becomes a finding, and the others go on.
 */
final class DatabaseHealth {

    /** Every index of the schemas checked, biggest first. */
    static final String INDEXES = """
            select i.schemaname, i.relname, i.indexrelname, pg_relation_size(i.indexrelid) as size_bytes,
                   i.idx_scan, i.idx_tup_read, x.indisunique, x.indisprimary, x.indisvalid,
                   pg_get_indexdef(i.indexrelid) as definition
              from pg_stat_user_indexes i
              join pg_index x on x.indexrelid = i.indexrelid
             where i.schemaname in (:schemas)
             order by size_bytes desc, 1, 2, 3
            """;

    /** Headline figures: cache hit rates of tables and indexes, transaction-id age, whether we are superuser. */
    static final String HEADLINE = """
            select (select sum(heap_blks_hit)::float8 / nullif(sum(heap_blks_hit) + sum(heap_blks_read), 0)
                      from pg_statio_user_tables where schemaname in (:schemas)) as table_hit_rate,
                   (select sum(idx_blks_hit)::float8 / nullif(sum(idx_blks_hit) + sum(idx_blks_read), 0)
                      from pg_statio_user_indexes where schemaname in (:schemas)) as index_hit_rate,
                   (select age(datfrozenxid)::float8 / 2147483648.0 from pg_database
                     where datname = current_database()) as wraparound_share,
                   (select count(*) from pg_stat_activity where backend_type = 'client backend') as sessions,
                   current_user as role_name,
                   (select rolsuper from pg_roles where rolname = current_user) as superuser,
                   pg_has_role(current_user, 'pg_monitor', 'member') as pg_monitor
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final TransactionTemplate savepoint;
    /** The role the checks run as, for the GRANT a refused check recommends. */
    private String role = "<the report's role>";

    DatabaseHealth(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        DataSourceTransactionManager manager = new DataSourceTransactionManager(dataSource);
        // SET TRANSACTION READ ONLY, not only the driver's read-only flag
        manager.setEnforceReadOnly(true);
        manager.setNestedTransactionAllowed(true);
        this.readOnly = new TransactionTemplate(manager);
        readOnly.setReadOnly(true);
        readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.savepoint = new TransactionTemplate(manager);
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Everything the report reads about the database's health, at one moment. */
    record Result(List<Finding> findings, List<IndexUsage> indexes, Headline headline,
                  StatementSnapshots.Reading statements) {
    }

    record Headline(Double tableHitRate, Double indexHitRate, Double wraparoundShare, long sessions, String role,
                    boolean superuser, boolean pgMonitor, OffsetDateTime statisticsSince) {
    }

    Result read(int statementTimeoutSeconds) {
        return readOnly.execute(status -> {
            jdbc.getJdbcTemplate().queryForObject("select set_config('statement_timeout', ?, true)", String.class,
                    statementTimeoutSeconds + "s");
            role = jdbc.getJdbcTemplate().queryForObject("select current_user", String.class);
            MapSqlParameterSource schemas = new MapSqlParameterSource("schemas", HealthChecks.SCHEMAS);
            List<Finding> findings = new ArrayList<>();
            for (HealthCheck check : HealthChecks.all()) {
                findings.addAll(run(check));
            }
            List<IndexUsage> indexes = inSavepoint("index_usage", findings, () -> jdbc.query(INDEXES, schemas,
                    (row, n) -> new IndexUsage(row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
                            row.getLong(5), row.getLong(6), row.getBoolean(7), row.getBoolean(8), row.getBoolean(9),
                            row.getString(10))), List.of());
            Headline headline = inSavepoint("headline", findings, () -> jdbc.queryForObject(HEADLINE, schemas,
                    (row, n) -> new Headline(nullableDouble(row.getObject(1)), nullableDouble(row.getObject(2)),
                            nullableDouble(row.getObject(3)), row.getLong(4), row.getString(5), row.getBoolean(6),
                            row.getBoolean(7), jdbc.getJdbcTemplate().queryForObject(HealthChecks.STATISTICS_SINCE,
                                    OffsetDateTime.class))), null);
            StatementSnapshots.Reading statements = inSavepoint("pg_stat_statements", findings,
                    () -> StatementSnapshots.read(jdbc.getJdbcTemplate()),
                    StatementSnapshots.Reading.unavailable("pg_stat_statements could not be read (see Findings)"));
            return new Result(findings, indexes, headline, statements);
        });
    }

    private List<Finding> run(HealthCheck check) {
        MapSqlParameterSource parameters = new MapSqlParameterSource(Map.copyOf(check.thresholds()))
                .addValue("schemas", HealthChecks.SCHEMAS);
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
            findings.add(notRun(name, e));
            return otherwise;
        }
    }

    private Finding notRun(String check, DataAccessException e) {
        String state = e.getMostSpecificCause() instanceof SQLException sql ? sql.getSQLState() : null;
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

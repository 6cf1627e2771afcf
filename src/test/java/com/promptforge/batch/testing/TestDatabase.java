package com.promptforge.batch.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A fresh, fully migrated database of its own for one test class, on the test JVM's one server.
 * Connections are made as the server's superuser (the role that ran the migrations, like the batch
 * service); {@link #as(String, UUID, SqlWork)} switches to a Supabase role the way PostgREST does.
 */
public final class TestDatabase implements AutoCloseable {

    private final TestDatabaseServer server;
    private final String name;
    private final HikariDataSource dataSource;

    private TestDatabase(TestDatabaseServer server, String name) {
        this.server = server;
        this.name = name;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl(name));
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.setMaximumPoolSize(4);
        config.setPoolName("test-" + name);
        this.dataSource = new HikariDataSource(config);
    }

    /** A new migrated database; close it to drop it. */
    public static TestDatabase create(String hint) {
        TestDatabaseServer server = TestDatabaseServer.get();
        return new TestDatabase(server, server.createDatabase(hint, true));
    }

    /** A new database with nothing in it, for tests of migrating itself; close it to drop it. */
    public static TestDatabase createEmpty(String hint) {
        TestDatabaseServer server = TestDatabaseServer.get();
        return new TestDatabase(server, server.createDatabase(hint, false));
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    /** The server's host, port, superuser and password, for what is put in front of it (a pooler). */
    public String serverHost() {
        return server.host();
    }

    public int serverPort() {
        return server.port();
    }

    public String serverUser() {
        return server.user();
    }

    public String serverPassword() {
        return server.password();
    }

    public String serverDescription() {
        return server.description();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    /** Settings that point the application (and its command line) at this database. */
    public Map<String, Object> applicationProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("pf.db.url", jdbcUrl());
        properties.put("pf.db.user", server.user());
        properties.put("pf.db.password", server.password() == null ? "" : server.password());
        properties.put("pf.db.pool-size", 4);
        return properties;
    }

    /**
     * Runs {@code work} as {@code role} ({@code anon}, {@code authenticated} or {@code service_role}) with the
     * JWT claims Supabase would set for {@code userId} (null for anon), in a transaction that is rolled back.
     */
    public <T> T as(String role, UUID userId, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (var statement = connection.prepareStatement(
                        "select set_config('role', ?, true), set_config('request.jwt.claims', ?, true)")) {
                    statement.setString(1, role);
                    statement.setString(2, userId == null
                            ? "{\"role\":\"" + role + "\"}"
                            : "{\"sub\":\"" + userId + "\",\"role\":\"" + role + "\"}");
                    statement.execute();
                }
                return work.run(connection);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code work} as the superuser (no role switch, no JWT claims) in a transaction that is rolled back,
     * e.g. to try transaction-local settings or to plant rows that must not outlive one test.
     */
    public <T> T rolledBack(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                return work.run(connection);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
        server.dropDatabase(name);
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}

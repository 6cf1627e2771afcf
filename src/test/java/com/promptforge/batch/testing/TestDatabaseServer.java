package com.promptforge.batch.testing;

import com.promptforge.batch.db.DatabaseTarget;
import com.promptforge.batch.db.EmbeddedDatabaseServer;
import com.promptforge.batch.db.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.util.FileSystemUtils;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one PostgreSQL server of a test JVM, chosen once:
 * <ul>
 *   <li>{@code PF_TEST_DB_URL} (a superuser URL, either form PF_DB_URL accepts) when set;</li>
 *   <li>Testcontainers' {@code postgres:17} when {@code PF_TEST_DB=testcontainers} and Docker is usable;</li>
 *   <li>the embedded PostgreSQL 17 otherwise.</li>
 * </ul>
 * The migrations are applied once to a template database; every test class gets a fresh copy of it.
 */
final class TestDatabaseServer {

    private static TestDatabaseServer instance;

    private final String description;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String runId = Long.toString(ProcessHandle.current().pid(), 36);
    private final String template = "pf_template_" + runId;
    private final AtomicInteger counter = new AtomicInteger();
    private final List<String> created = new CopyOnWriteArrayList<>();
    private final String maintenanceDatabase;

    private TestDatabaseServer(String description, String host, int port, String maintenanceDatabase,
                               String user, String password) {
        this.description = description;
        this.host = host;
        this.port = port;
        this.maintenanceDatabase = maintenanceDatabase;
        this.user = user;
        this.password = password;
    }

    static synchronized TestDatabaseServer get() {
        if (instance == null) {
            instance = start();
            instance.createTemplate();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::dropCreated, "drop-test-databases"));
        }
        return instance;
    }

    private static TestDatabaseServer start() {
        String url = System.getenv("PF_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            DatabaseTarget target = DatabaseTarget.parse("PF_TEST_DB_URL", url,
                    System.getenv("PF_TEST_DB_USER"), System.getenv("PF_TEST_DB_PASSWORD"));
            String[] hostPort = target.host().split(":");
            return new TestDatabaseServer("PF_TEST_DB_URL " + target.describe(), hostPort[0],
                    Integer.parseInt(hostPort[1]), target.database(), target.user(), target.password());
        }
        if ("testcontainers".equalsIgnoreCase(System.getenv("PF_TEST_DB"))
                && DockerClientFactory.instance().isDockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17")
                    .withCommand("postgres", "-c", "shared_preload_libraries=pg_stat_statements",
                            "-c", "max_connections=200");
            container.start();
            return new TestDatabaseServer("Testcontainers postgres:17", container.getHost(),
                    container.getFirstMappedPort(), container.getDatabaseName(), container.getUsername(),
                    container.getPassword());
        }
        try {
            Path directory = Files.createTempDirectory("pf-test-pg");
            EmbeddedDatabaseServer server = EmbeddedDatabaseServer.start(directory.resolve("data"), false);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                FileSystemUtils.deleteRecursively(directory.toFile());
            }, "stop-embedded-postgres"));
            return new TestDatabaseServer("embedded PostgreSQL 17", "localhost", server.port(), "postgres",
                    EmbeddedDatabaseServer.SUPERUSER, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String description() {
        return description;
    }

    String user() {
        return user;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    String password() {
        return password;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** A new database, copied from the migrated template, or empty (nothing migrated) when asked. */
    String createDatabase(String hint, boolean migrated) {
        String cleanHint = hint.toLowerCase().replaceAll("[^a-z0-9]", "");
        String name = "pf_t_" + runId + "_" + counter.incrementAndGet() + "_"
                + cleanHint.substring(0, Math.min(20, cleanHint.length()));
        execute("create database " + name + (migrated ? " template " + template : ""));
        created.add(name);
        return name;
    }

    void dropDatabase(String name) {
        execute("drop database if exists " + name + " with (force)");
        created.remove(name);
    }

    private void createTemplate() {
        execute("drop database if exists " + template + " with (force)");
        execute("create database " + template);
        created.add(template);
        try (SingleConnectionDataSource dataSource = new SingleConnectionDataSource(jdbcUrl(template), user,
                password, true)) {
            Migrations.migrate(Migrations.flyway(dataSource));
        }
    }

    private void dropCreated() {
        for (String name : List.copyOf(created)) {
            try {
                dropDatabase(name);
            } catch (RuntimeException ignored) {
                // The server may already be gone at shutdown.
            }
        }
    }

    private void execute(String sql) {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl(maintenanceDatabase), properties);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + description + ": " + e.getMessage(), e);
        }
    }
}

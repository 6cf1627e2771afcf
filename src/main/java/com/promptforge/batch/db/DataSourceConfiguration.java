package com.promptforge.batch.db;

import com.promptforge.batch.core.BadInputException;
import com.promptforge.batch.core.ConsoleText;
import com.promptforge.batch.core.OneLine;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one data source: the server named by PF_DB_URL, or the embedded PostgreSQL when none is given; and where the
 * read-only jobs read ({@link ReadDatabase}: a replica, PF_READ_DB_URL, else that same data source).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
class DataSourceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DataSourceConfiguration.class);

    @Bean
    DatabaseTarget databaseTarget(DatabaseProperties properties, EmbeddedServerHolder embedded) {
        if (properties.embedded()) {
            EmbeddedDatabaseServer server = embedded.start(Path.of(properties.embeddedDir(), "pgdata"));
            server.ensureDatabase(properties.embeddedDatabase());
            return new DatabaseTarget(server.jdbcUrl(properties.embeddedDatabase()), EmbeddedDatabaseServer.SUPERUSER,
                    null, "localhost:" + server.port() + " (embedded)", properties.embeddedDatabase());
        }
        return DatabaseTarget.parse("PF_DB_URL", properties.url(), properties.user(), properties.password());
    }

    @Bean(destroyMethod = "close")
    EmbeddedServerHolder embeddedServerHolder() {
        return new EmbeddedServerHolder();
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseTarget target, DatabaseProperties properties) {
        HikariDataSource pool = pool("promptforge", "PF_DB_URL", target, properties, !properties.embedded(), false);
        log.info("Database: {}", target.describe());
        return pool;
    }

    /**
     * Where the read-only jobs read: the replica PF_READ_DB_URL names (a pool of its own, read-only, checked like
     * the primary), else the primary. A replica needs its primary as PF_DB_URL: the embedded server has none.
     */
    @Bean(destroyMethod = "close")
    ReadDatabase readDatabase(DataSource dataSource, DatabaseProperties properties) {
        if (!properties.readReplica()) {
            return ReadDatabase.primary(dataSource);
        }
        if (properties.embedded()) {
            throw new DatabaseUnavailableException(ReadDatabase.SETTING + " is set but PF_DB_URL is not: a read "
                    + "replica is read beside its primary, so set PF_DB_URL to the primary it replicates");
        }
        Duration maxLag = maxLag(properties.readMaxLag());
        DatabaseTarget replica = DatabaseTarget.parse(ReadDatabase.SETTING, properties.readUrl(), properties.user(),
                properties.password());
        HikariDataSource pool = pool("promptforge-read", ReadDatabase.SETTING, replica, properties, true, true);
        log.info("Read replica: {}", replica.describe());
        return ReadDatabase.replica(pool, replica, maxLag, properties.readMaxLag().strip());
    }

    /** PF_READ_MAX_LAG as Spring reads every duration setting (5m, 90s, 1h, PT5M). */
    static Duration maxLag(String text) {
        try {
            Duration lag = DurationStyle.detectAndParse(text == null ? "" : text.strip());
            if (!lag.isNegative()) {
                return lag;
            }
        } catch (IllegalArgumentException e) {
            // one line below
        }
        throw new BadInputException(ReadDatabase.MAX_LAG_SETTING + " '" + ConsoleText.safe(String.valueOf(text))
                + "' is not accepted: expected a duration from 0 such as 5m, 90s or 1h");
    }

    /** A pool of {@code target}, checked first: reachable, and (unless embedded) a session per connection. */
    private static HikariDataSource pool(String name, String setting, DatabaseTarget target,
                                         DatabaseProperties properties, boolean probeSession, boolean readOnly) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(target.jdbcUrl());
        config.setUsername(target.user());
        config.setPassword(target.password());
        config.setMaximumPoolSize(properties.poolSize());
        config.setConnectionTimeout(10_000);
        config.addDataSourceProperty("ApplicationName", "promptforge-batch");
        config.setReadOnly(readOnly);
        Properties connectionProperties = connectionProperties(target);
        requireReachable(setting, target, connectionProperties);
        if (probeSession) {
            SessionProbe.requireSession(setting, target, connectionProperties);
        }
        return new HikariDataSource(config);
    }

    @Bean
    FlywayConfigurationCustomizer promptForgeMigrations() {
        return Migrations::configure;
    }

    /** One direct connection first, so that a wrong host or password is one clear line, not a pool timeout. */
    private static void requireReachable(String setting, DatabaseTarget target, Properties connectionProperties) {
        try (Connection connection = DriverManager.getConnection(target.jdbcUrl(), connectionProperties)) {
            connection.isValid(5);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("Cannot reach the database " + target.describe()
                    + " (" + setting + "): " + OneLine.rootCause(e));
        }
    }

    private static Properties connectionProperties(DatabaseTarget target) {
        Properties connectionProperties = new Properties();
        if (target.user() != null) {
            connectionProperties.setProperty("user", target.user());
        }
        if (target.password() != null) {
            connectionProperties.setProperty("password", target.password());
        }
        connectionProperties.setProperty("connectTimeout", "10");
        return connectionProperties;
    }



    /** Owns the embedded server so that it stops with the application context. */
    static final class EmbeddedServerHolder implements AutoCloseable {
        private EmbeddedDatabaseServer server;

        EmbeddedDatabaseServer start(Path dataDirectory) {
            server = EmbeddedDatabaseServer.start(dataDirectory, true);
            return server;
        }

        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }
}

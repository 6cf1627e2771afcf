package com.promptforge.batch.db;

import com.promptforge.batch.core.OneLine;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.Properties;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one data source: the server named by PF_DB_URL, or the embedded PostgreSQL when none is given. */
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
        HikariConfig config = new HikariConfig();
        config.setPoolName("promptforge");
        config.setJdbcUrl(target.jdbcUrl());
        config.setUsername(target.user());
        config.setPassword(target.password());
        config.setMaximumPoolSize(properties.poolSize());
        config.setConnectionTimeout(10_000);
        config.addDataSourceProperty("ApplicationName", "promptforge-batch");
        Properties connectionProperties = connectionProperties(target);
        requireReachable(target, connectionProperties);
        if (!properties.embedded()) {
            SessionProbe.requireSession(target, connectionProperties);
        }
        log.info("Database: {}", target.describe());
        return new HikariDataSource(config);
    }

    @Bean
    FlywayConfigurationCustomizer promptForgeMigrations() {
        return Migrations::configure;
    }

    /** One direct connection first, so that a wrong host or password is one clear line, not a pool timeout. */
    private static void requireReachable(DatabaseTarget target, Properties connectionProperties) {
        try (Connection connection = DriverManager.getConnection(target.jdbcUrl(), connectionProperties)) {
            connection.isValid(5);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("Cannot reach the database " + target.describe()
                    + " (PF_DB_URL): " + OneLine.rootCause(e));
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

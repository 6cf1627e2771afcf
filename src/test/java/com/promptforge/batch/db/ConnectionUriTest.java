package com.promptforge.batch.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PF_DB_URL's {@code postgresql://} URI against the real server: a password with {@code +} logs in (RFC 3986
 * decoding, not form decoding), and a percent-encoded {@code ?} in the database name stays in the name instead of
 * adding driver parameters.
 */
@PromptForgeDatabase
class ConnectionUriTest {

    private static final String ROLE = "pf_uri_plus_login";
    private static final String PASSWORD = "a+b+c";

    private final TestDatabase db;
    private final String hostAndPort;

    ConnectionUriTest(TestDatabase db) {
        this.db = db;
        this.hostAndPort = DatabaseTarget.parse("test", db.jdbcUrl(), null, null).host();
    }

    @Test
    void aPasswordWithAPlusLogsInThroughTheUri() throws Exception {
        db.jdbc().execute("drop role if exists " + ROLE);
        db.jdbc().execute("create role " + ROLE + " login password '" + PASSWORD + "'");
        Path hba = Path.of(db.jdbc().queryForObject("show hba_file", String.class));
        String rules = Files.readString(hba);
        // The test server trusts local connections; this role must give its password, so that a wrong one fails.
        Files.writeString(hba, "host all " + ROLE + " all scram-sha-256\n" + rules);
        try {
            db.jdbc().execute("select pg_reload_conf()");
            awaitRefused(ROLE, PASSWORD.replace('+', ' '));

            DatabaseTarget target = DatabaseTarget.parse("PF_DB_URL",
                    "postgresql://" + ROLE + ":" + PASSWORD + "@" + hostAndPort + "/" + db.name(), null, null);
            try (Connection connection = DriverManager.getConnection(target.jdbcUrl(), target.user(),
                    target.password())) {
                assertThat(single(connection, "select current_user")).isEqualTo(ROLE);
            }
        } finally {
            Files.writeString(hba, rules);
            db.jdbc().execute("select pg_reload_conf()");
            db.jdbc().execute("drop role if exists " + ROLE);
        }
    }

    @Test
    void anEncodedQuestionMarkInTheDatabaseNameStaysInTheNameAndAddsNoDriverParameter() throws SQLException {
        String name = "pf_uri_name?ApplicationName=injected";
        db.jdbc().execute("drop database if exists \"" + name + "\"");
        db.jdbc().execute("create database \"" + name + "\"");
        try {
            Map<String, Object> properties = db.applicationProperties();
            DatabaseTarget target = DatabaseTarget.parse("PF_DB_URL", "postgresql://" + hostAndPort
                    + "/pf_uri_name%3FApplicationName%3Dinjected", (String) properties.get("pf.db.user"),
                    (String) properties.get("pf.db.password"));

            try (Connection connection = DriverManager.getConnection(target.jdbcUrl(), target.user(),
                    target.password())) {
                assertThat(single(connection, "select current_database()")).isEqualTo(name);
                assertThat(single(connection, "show application_name")).isNotEqualTo("injected");
            }
        } finally {
            db.jdbc().execute("drop database if exists \"" + name + "\" with (force)");
        }
    }

    /** Waits until the reloaded rules apply: a wrong password (the plus signs read as spaces) is refused. */
    private void awaitRefused(String role, String wrongPassword) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Connection ignored = DriverManager.getConnection(db.jdbcUrl(), role, wrongPassword)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the server still lets " + role + " in with a wrong password");
                }
                Thread.sleep(100);
            } catch (SQLException refused) {
                assertThat(refused.getSQLState()).as(refused.getMessage()).isEqualTo("28P01");
                return;
            }
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (ResultSet result = connection.createStatement().executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}

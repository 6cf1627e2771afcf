package com.promptforge.batch.db;

import com.promptforge.batch.core.OneLine;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/**
 * Checks by behaviour, whatever the host name, that connections keep their server session. A transaction pooler
 * (PgBouncer's {@code pool_mode = transaction}, Supabase's port 6543) hands each transaction to any server
 * connection: a job's run lock (a session advisory lock) and the cursors of a streaming read would be lost without
 * an error. Every command is checked, since every command migrates first, and through PgBouncer's transaction mode
 * the driver's named prepared statements fail as well ({@code prepared statement "S_2" already exists}).
 *
 * <p>One connection reads its backend and sets a session variable in a transaction; a second connection then holds
 * a transaction open (so that a pooler must give the first another server connection); the first reads its backend
 * and the variable again. Another backend, the first backend handed to the second connection, or a lost variable
 * means transaction pooling.
 */
final class SessionProbe {

    private SessionProbe() {
    }

    static void requireSession(String setting, DatabaseTarget target, Properties connectionProperties) {
        String token = UUID.randomUUID().toString();
        try (Connection first = DriverManager.getConnection(target.jdbcUrl(), connectionProperties);
             Connection second = DriverManager.getConnection(target.jdbcUrl(), connectionProperties)) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            String backend = single(first, "select pg_backend_pid()");
            // Simple statements only: a transaction pooler breaks the driver's named prepared statements.
            try (Statement statement = first.createStatement()) {
                statement.execute("set pf.session_probe = '" + token + "'");
            }
            first.commit();
            String secondBackend = single(second, "select pg_backend_pid()");
            if (secondBackend.equals(backend)) {
                throw transactionPooler(setting, target);
            }
            String backendAgain = single(first, "select pg_backend_pid()");
            String probed = single(first, "select current_setting('pf.session_probe', true)");
            first.commit();
            second.commit();
            if (!backendAgain.equals(backend) || !token.equals(probed)) {
                throw transactionPooler(setting, target);
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("Cannot check that " + target.describe()
                    + " (" + setting + ") keeps a session per connection: " + OneLine.rootCause(e));
        }
    }

    private static DatabaseUnavailableException transactionPooler(String setting, DatabaseTarget target) {
        return new DatabaseUnavailableException(setting + " (" + target.host() + ") goes through a transaction pooler, "
                + "which runs each transaction on any server session and would lose the jobs' run locks and cursors: "
                + "use session mode (PgBouncer pool_mode = session; Supabase's session pooler, port 5432 of the same "
                + "host) or a direct connection");
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}

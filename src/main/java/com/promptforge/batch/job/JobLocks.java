package com.promptforge.batch.job;

import com.promptforge.batch.core.HostName;
import com.promptforge.batch.db.DatabaseTarget;
import com.promptforge.batch.db.DatabaseUnavailableException;
import com.promptforge.batch.db.SqlResources;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * One run per job at a time, across every process and machine on the database: a PostgreSQL session advisory
 * lock per job name, held on a connection of its own (not from the pool) for the whole run. The lock goes when
 * the connection goes, so a process that dies (kill -9, lost machine) cannot leave it behind.
 */
@Component
class JobLocks {

    private static final Logger log = LoggerFactory.getLogger(JobLocks.class);

    /** The lock key: a 64-bit hash of this prefix and the job name. */
    static final String KEY_PREFIX = "promptforge.batch.job:";

    private static final String TAKE = SqlResources.statement(JobLocks.class, "run_lock_take.sql");
    private static final String HOLDER = SqlResources.statement(JobLocks.class, "run_lock_holder.sql");
    private static final String HELD = SqlResources.statement(JobLocks.class, "run_lock_held.sql");

    private final DatabaseTarget target;
    private final String holderName;

    JobLocks(DatabaseTarget target) {
        this.target = target;
        this.holderName = HostName.current() + ":" + ProcessHandle.current().pid();
    }

    /** The lock of {@code jobName}, or empty (with who holds it) when another session holds it. */
    Acquisition tryLock(String jobName) {
        Connection connection = connect(jobName);
        try {
            try (PreparedStatement lock = SqlResources.prepare(connection, TAKE, key(jobName));
                 ResultSet result = lock.executeQuery()) {
                result.next();
                if (result.getBoolean(1)) {
                    return new Acquisition(new Held(connection, jobName), null);
                }
            }
            String holder = holder(connection, jobName);
            connection.close();
            return new Acquisition(null, holder);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new DatabaseUnavailableException("Cannot take the run lock of job " + jobName + ": "
                    + e.getMessage(), e);
        }
    }

    /** The application_name of the session holding the lock ("pf-lock job host:pid"), when visible. */
    private static String holder(Connection connection, String jobName) throws SQLException {
        try (PreparedStatement query = SqlResources.prepare(connection, HOLDER, key(jobName));
             ResultSet result = query.executeQuery()) {
            return result.next() ? result.getString(1) : null;
        }
    }

    private static MapSqlParameterSource key(String jobName) {
        return new MapSqlParameterSource("key", KEY_PREFIX + jobName);
    }

    private Connection connect(String jobName) {
        Properties properties = new Properties();
        if (target.user() != null) {
            properties.setProperty("user", target.user());
        }
        if (target.password() != null) {
            properties.setProperty("password", target.password());
        }
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("tcpKeepAlive", "true");
        // Only LockWatch's checks read from it: a server that stopped answering fails the check, not hangs it.
        properties.setProperty("socketTimeout", "30");
        // Shown to whoever is refused: which machine and process runs the job.
        String name = "pf-lock " + jobName + " " + holderName;
        properties.setProperty("ApplicationName", name.length() > 63 ? name.substring(0, 63) : name);
        try {
            return DriverManager.getConnection(target.jdbcUrl(), properties);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("Cannot reach the database " + target.describe()
                    + " for the run lock of job " + jobName + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // Handled by design: a connection that fails to close is broken, and the server ends its session, and
            // the lock with it, when the socket goes.
            log.warn("Could not close a run lock's connection: {}", e.toString(), e);
        }
    }

    /** Either the held lock, or who holds it (null when not visible). */
    record Acquisition(Held lock, String holder) {
    }

    /** A held lock; closing it closes its connection, which releases the lock. */
    static final class Held implements AutoCloseable {
        private final Connection connection;
        private final String jobName;

        private Held(Connection connection, String jobName) {
            this.connection = connection;
            this.jobName = jobName;
        }

        String jobName() {
            return jobName;
        }

        /**
         * Whether this session still holds the lock: false when its connection was lost (a server restart,
         * pg_terminate_backend), which took the lock with it.
         */
        boolean isHeld() {
            try (PreparedStatement held = SqlResources.prepare(connection, HELD, key(jobName));
                 ResultSet result = held.executeQuery()) {
                return result.next() && result.getBoolean(1);
            } catch (SQLException e) {
                // Handled by design: a session that cannot answer holds nothing the run can count on.
                log.warn("The run lock's connection of {} does not answer: {}", jobName, e.toString());
                return false;
            }
        }

        @Override
        public void close() {
            closeQuietly(connection);
        }
    }
}

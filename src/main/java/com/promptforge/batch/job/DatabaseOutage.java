package com.promptforge.batch.job;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a lost database (worth waiting for) from every other failure (not worth retrying): a failure is an outage
 * when its cause chain holds an SQLException of SQLSTATE class 08 (connection exception: refused, broken, closed),
 * 57P01 admin_shutdown (a restart, pg_terminate_backend), 57P02 crash_shutdown, 57P03 cannot_connect_now (starting
 * up, in recovery: a failover), or the pool's "no connection available" (it retries connecting meanwhile).
 */
final class DatabaseOutage {

    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");

    private DatabaseOutage() {
    }

    static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    String state = next.getSQLState();
                    if (state != null && (state.startsWith("08") || SHUTDOWN_STATES.contains(state))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}

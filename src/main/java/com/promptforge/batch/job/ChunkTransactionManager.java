package com.promptforge.batch.job;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The transaction manager of chunk transactions (on the one data source, so the job repository's statements join
 * them). It differs from the default in one case: a commit that fails because the connection is gone. The default
 * reports that outcome as unknown, which makes Spring Batch mark the step UNKNOWN, a status that cannot be
 * restarted. The server rolls back a transaction whose session ends before COMMIT, so this manager rolls back and,
 * when the rollback itself cannot reach the server, counts the transaction as rolled back. In the rare case where
 * the COMMIT reached the server just before the connection dropped, data and step metadata committed together;
 * the in-memory step then carries an older version, its next save fails the step on the version check, and a
 * restart continues from what the database holds.
 */
final class ChunkTransactionManager extends JdbcTransactionManager {

    private static final Logger log = LoggerFactory.getLogger(ChunkTransactionManager.class);

    ChunkTransactionManager(DataSource dataSource) {
        super(dataSource);
        setRollbackOnCommitFailure(true);
    }

    @Override
    protected void doRollback(DefaultTransactionStatus status) {
        try {
            super.doRollback(status);
        } catch (RuntimeException e) {
            if (!DatabaseOutage.isOutage(e) && !connectionClosed(status)) {
                throw e;
            }
            // Handled: the session is gone, and the transaction with it; the chunk is retried or the step fails.
            log.warn("Rollback could not reach the database; its session is gone, so was the transaction: {}",
                    e.toString(), e);
        }
    }

    /** Whether the transaction's connection is closed (the pool closes one that reported a lost session). */
    private static boolean connectionClosed(DefaultTransactionStatus status) {
        try {
            return status.getTransaction() instanceof JdbcTransactionObjectSupport transaction
                    && transaction.hasConnectionHolder()
                    && transaction.getConnectionHolder().getConnection().isClosed();
        } catch (SQLException | RuntimeException e) {
            return true; // a connection that cannot even say whether it is closed is as good as closed
        }
    }
}

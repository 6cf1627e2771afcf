package com.promptforge.batch.audit;

import com.promptforge.batch.db.SqlResources;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * Reads the export's rows (the runs, then the bundles) on a thread of its own into a bounded queue, so that reading
 * on one core overlaps writing the workbook on the other: the read is about a third of the export's time, and it
 * was spent while the writer waited. The queue holds at most {@value #QUEUED_BATCHES} batches of
 * {@value #BATCH_ROWS} rows (a few MB), so memory stays flat however far the reader is ahead.
 *
 * <p>The reader owns the connection's cursors while it runs; {@link #close()} stops it (and cancels the query it is
 * in) and waits for it, before the export gives the connection back.
 */
final class AuditRowReader implements AutoCloseable {

    /** Rows handed over at once: one queue operation per batch instead of per row. */
    static final int BATCH_ROWS = 500;
    static final int QUEUED_BATCHES = 16;
    private static final long OFFER_WAIT_MILLIS = 100;
    private static final long STOP_WAIT_MILLIS = 30_000;

    /** How one row of a query becomes an {@link AuditRow}. */
    @FunctionalInterface
    interface RowMapping {
        AuditRow read(ResultSet row) throws SQLException;
    }

    /** One query of the export: its statement, its parameters and how its rows are read. */
    record Query(String sql, SqlParameterSource parameters, RowMapping mapping) {
    }

    private sealed interface Item {
    }

    private record Batch(List<AuditRow> rows) implements Item {
    }

    private record End() implements Item {
    }

    private record Failed(Throwable cause) implements Item {
    }

    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private final Connection connection;
    private final List<Query> queries;
    private final int fetchSize;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile PreparedStatement current;
    private Iterator<AuditRow> batch = List.<AuditRow>of().iterator();
    private boolean ended;

    private AuditRowReader(Connection connection, List<Query> queries, int fetchSize) {
        this.connection = connection;
        this.fetchSize = fetchSize;
        this.queries = List.copyOf(queries);
        this.thread = new Thread(this::readAll, "audit-export-reader");
        this.thread.setDaemon(true);
    }

    /**
     * Starts reading {@code queries} one after the other on {@code connection} (autocommit off, so that cursors of
     * {@code fetchSize} rows per round trip stream).
     */
    static AuditRowReader start(Connection connection, List<Query> queries, int fetchSize) {
        AuditRowReader reader = new AuditRowReader(connection, queries, fetchSize);
        reader.thread.start();
        return reader;
    }

    /**
     * The next row in the queries' order, waiting for the reader if need be; null after the last.
     *
     * @throws SQLException what the reader failed with (a runtime failure is rethrown as it was)
     */
    AuditRow next() throws SQLException, InterruptedException {
        while (!batch.hasNext()) {
            if (ended) {
                return null;
            }
            Item item = queue.take();
            if (item instanceof Batch rows) {
                batch = rows.rows().iterator();
            } else {
                ended = true;
                if (item instanceof Failed failed) {
                    throw rethrown(failed.cause());
                }
            }
        }
        return batch.next();
    }

    /** Batches read and waiting for the writer: how far the reader is ahead. */
    int queuedBatches() {
        return queue.size();
    }

    /** Whether the reading thread has ended. */
    boolean stopped() {
        return !thread.isAlive();
    }

    private void readAll() {
        try {
            for (Query query : queries) {
                if (!readOne(query)) {
                    return;
                }
            }
            hand(new End());
        } catch (Throwable e) {
            if (!stopped) {
                hand(new Failed(e));
            }
        }
    }

    /** Reads one query to its end; false when stopped before. */
    private boolean readOne(Query query) throws SQLException {
        try (PreparedStatement statement = SqlResources.prepare(connection, query.sql(), query.parameters())) {
            statement.setFetchSize(fetchSize);
            current = statement;
            try (ResultSet rows = statement.executeQuery()) {
                List<AuditRow> rowsOfBatch = new ArrayList<>(BATCH_ROWS);
                while (!stopped && rows.next()) {
                    rowsOfBatch.add(query.mapping().read(rows));
                    if (rowsOfBatch.size() == BATCH_ROWS) {
                        if (!hand(new Batch(rowsOfBatch))) {
                            return false;
                        }
                        rowsOfBatch = new ArrayList<>(BATCH_ROWS);
                    }
                }
                return !stopped && (rowsOfBatch.isEmpty() || hand(new Batch(rowsOfBatch)));
            }
        } finally {
            current = null;
        }
    }

    /** Queues {@code item}, waiting while the queue is full; false if stopped meanwhile. */
    private boolean hand(Item item) {
        try {
            while (!stopped) {
                if (queue.offer(item, OFFER_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private static SQLException rethrown(Throwable cause) {
        if (cause instanceof SQLException sql) {
            return sql;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new SQLException("reading the audit export failed", cause);
    }

    /** Stops the reader (cancelling the query it is in) and waits for it; does nothing after it ended. */
    @Override
    public void close() {
        stopped = true;
        PreparedStatement statement = current;
        if (statement != null && thread.isAlive()) {
            try {
                statement.cancel();
            } catch (SQLException ignored) {
                // The reader stops at its next row anyway.
            }
        }
        queue.clear();
        try {
            thread.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

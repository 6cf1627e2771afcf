package com.promptforge.batch.audit;

import com.promptforge.batch.db.SqlResources;
import com.promptforge.batch.db.UserEmails;
import com.promptforge.batch.report.PublishedReport;
import com.promptforge.batch.report.ReportLifecycle;
import com.promptforge.batch.spreadsheet.SummarySheet;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One export in progress: a connection of its own (not the step's transaction) holding one read-only,
 * repeatable-read transaction, so that the counts, the runs and the bundles are one snapshot; server-side
 * cursors that stream (autocommit off and a fetch size: pgJDBC otherwise reads the whole result into memory),
 * read on a thread of their own ({@link AuditRowReader}) while this one writes; and the workbook the rows stream
 * into. {@link #write} moves it on by a bounded number of rows, so that the step commits its progress (and can be
 * stopped) between slices.
 */
final class AuditExport implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AuditExport.class);

    /** Rows per round trip: measured flat from 1,000 to 5,000; memory stays a few MB. */
    static final int FETCH_SIZE = 2_000;

    private final Connection connection;
    private final AuditScope scope;
    private final boolean withEmails;
    private final AuditWorkbook workbook;
    private final long totalRows;
    private AuditRowReader reader;
    private boolean finished;

    private AuditExport(Connection connection, AuditScope scope, boolean withEmails, AuditWorkbook workbook,
                        long totalRows) {
        this.connection = connection;
        this.scope = scope;
        this.withEmails = withEmails;
        this.workbook = workbook;
        this.totalRows = totalRows;
    }

    /** Opens the snapshot, counts what it will write, starts the workbook and the reader. */
    static AuditExport open(DataSource dataSource, AuditScope scope, ReportLifecycle reports, int maxRowsPerSheet)
            throws SQLException {
        Connection connection = dataSource.getConnection();
        AuditWorkbook workbook = null;
        try {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            boolean withEmails;
            try (PreparedStatement hasUsers = connection.prepareStatement(AuditExportSql.HAS_AUTH_USERS);
                 ResultSet result = hasUsers.executeQuery()) {
                result.next();
                withEmails = result.getBoolean(1);
            }
            long total;
            try (PreparedStatement count = SqlResources.prepare(connection, AuditExportSql.COUNT,
                    AuditExportSql.parameters(scope))) {
                try (ResultSet result = count.executeQuery()) {
                    result.next();
                    total = result.getLong(1) + result.getLong(2);
                }
            }
            workbook = AuditWorkbook.create(reports, AuditWorkbook.key(scope), maxRowsPerSheet,
                    ExportThreshold.OVERALL);
            AuditExport export = new AuditExport(connection, scope, withEmails, workbook, total);
            export.reader = AuditRowReader.start(connection, export.queries(), FETCH_SIZE);
            return export;
        } catch (SQLException | RuntimeException e) {
            if (workbook != null) {
                workbook.close();
            }
            closeQuietly(connection, e);
            throw e;
        }
    }

    /** Runs plus bundles in the snapshot: what the progress line counts towards. */
    long totalRows() {
        return totalRows;
    }

    boolean finished() {
        return finished;
    }

    /** Writes at most {@code max} rows (runs first, then bundles); returns how many it wrote. */
    int write(int max) throws SQLException, InterruptedException {
        int written = 0;
        while (written < max && !finished) {
            AuditRow row = reader.next();
            if (row == null) {
                finished = true;
            } else {
                if (row instanceof ScoredRun run) {
                    workbook.run(run);
                } else {
                    workbook.bundle((AuditedBundle) row);
                }
                written++;
            }
        }
        return written;
    }

    AuditWorkbook workbook() {
        return workbook;
    }

    /** Ends the snapshot, gives the connection back and commits and publishes the workbook with its manifest. */
    PublishedReport commit(Consumer<SummarySheet> manifest) {
        reader.close();
        closeQuietly(connection, null);
        return workbook.commit(manifest);
    }

    /** Throws away an unfinished workbook and gives the connection back. */
    @Override
    public void close() {
        try {
            workbook.close();
        } finally {
            if (reader != null) {
                reader.close();
            }
            closeQuietly(connection, null);
        }
    }

    /** The runs, then the bundles. */
    private List<AuditRowReader.Query> queries() {
        UserEmails emails = new UserEmails(withEmails);
        return List.of(
                new AuditRowReader.Query(emails.inStatement(AuditExportSql.RUNS), AuditExportSql.parameters(scope),
                        ScoredRun::read),
                new AuditRowReader.Query(emails.inStatement(AuditExportSql.BUNDLES),
                        AuditExportSql.parameters(scope), AuditedBundle::read));
    }

    private static void closeQuietly(Connection connection, Exception cause) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            connection.close();
        } catch (SQLException e) {
            if (cause != null) {
                cause.addSuppressed(e); // reported with the failure that made the export close
            } else {
                log.warn("Could not close the export's cursor connection: {}", e.toString(), e);
            }
        }
    }
}

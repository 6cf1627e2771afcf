package com.promptforge.batch.bench;

import com.promptforge.batch.audit.AuditExportSql;
import com.promptforge.batch.db.SqlResources;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The benchmark suite's reference for the audit export: the export's own two queries for every organization,
 * streamed (autocommit off, the export's fetch size) straight into fastexcel (the engine the export writes with since
 * issue 23; it was SXSSF before) at the export's compression level, inline strings, one sheet each, read and write on
 * one thread, no Spring Batch, no summary, no formats beyond the date. What the job costs above this is the price of
 * the framework and the writer's care (names, print setup, widths, rollover, safe text, checksum), less what its
 * reader thread saves.
 */
final class AuditExportBareLoop {

    private static final int FLUSH_ROWS = 100;
    private static final String DATE_FORMAT = "yyyy-mm-dd hh:mm:ss";

    private AuditExportBareLoop() {
    }

    /** Writes the rows of from..to (UTC days, inclusive) to {@code file}; returns how many rows it wrote. */
    static long write(Connection connection, LocalDate from, LocalDate to, Path file)
            throws SQLException, IOException {
        long written = 0;
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            Workbook workbook = new Workbook(out, "bench", null);
            workbook.setCompressionLevel(1);
            List<String> queries = AuditExportSql.everyOrgWithoutEmails();
            for (int query = 0; query < 2; query++) {
                try (PreparedStatement statement = SqlResources.prepare(connection, queries.get(query),
                        AuditExportSql.parameters(from, to))) {
                    statement.setFetchSize(AuditExportSql.FETCH_SIZE);
                    try (ResultSet rows = statement.executeQuery()) {
                        written += copy(rows, workbook, query == 0 ? "runs" : "bundles");
                    }
                }
            }
            workbook.finish();
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
        return written;
    }

    /** Copies the rows into sheets named {@code name}, {@code name 2}, ...: a sheet holds 1,048,576 rows. */
    private static long copy(ResultSet rows, Workbook workbook, String name) throws SQLException, IOException {
        ResultSetMetaData meta = rows.getMetaData();
        int columns = meta.getColumnCount();
        int maxRows = 1_048_576;
        int sheets = 1;
        Worksheet sheet = workbook.newWorksheet(name);
        long copied = 0;
        int r = 0;
        int blockStart = 0;
        while (rows.next()) {
            if (r == maxRows) {
                dateStyle(sheet, meta, blockStart, r - 1);
                sheet.finish();
                sheet = workbook.newWorksheet(name + " " + ++sheets);
                r = 0;
                blockStart = 0;
            }
            copied++;
            for (int c = 1; c <= columns; c++) {
                switch (meta.getColumnType(c)) {
                    case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                        OffsetDateTime time = rows.getObject(c, OffsetDateTime.class);
                        if (time != null) {
                            sheet.value(r, c - 1, time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
                        }
                    }
                    case Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.NUMERIC, Types.DOUBLE -> {
                        double value = rows.getDouble(c);
                        if (!rows.wasNull()) {
                            sheet.value(r, c - 1, value);
                        }
                    }
                    case Types.BIT, Types.BOOLEAN -> sheet.value(r, c - 1, rows.getBoolean(c));
                    default -> {
                        String text = rows.getString(c);
                        if (text != null) {
                            sheet.inlineString(r, c - 1, text);
                        }
                    }
                }
            }
            r++;
            if (r - blockStart == FLUSH_ROWS) {
                dateStyle(sheet, meta, blockStart, r - 1);
                sheet.flush();
                blockStart = r;
            }
        }
        if (r > blockStart) {
            dateStyle(sheet, meta, blockStart, r - 1);
        }
        sheet.finish();
        return copied;
    }

    /** The date format over the timestamp columns of rows first..last, one style call per column. */
    private static void dateStyle(Worksheet sheet, ResultSetMetaData meta, int first, int last) throws SQLException {
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            int type = meta.getColumnType(c);
            if (type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE) {
                sheet.range(first, c - 1, last, c - 1).style().format(DATE_FORMAT).set();
            }
        }
    }
}

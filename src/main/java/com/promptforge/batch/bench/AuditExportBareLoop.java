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
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The benchmark suite's reference for the audit export: the export's own two queries for every organization,
 * streamed (autocommit off, the export's fetch size) straight into SXSSF with the shared writer's compression, one
 * sheet each, no Spring Batch, no summary, no formats beyond the date. What the job costs above this is the price of
 * the framework and the writer's care (names, print setup, widths, rollover, checksum).
 */
final class AuditExportBareLoop {

    private AuditExportBareLoop() {
    }

    /** Writes the rows of from..to (UTC days, inclusive) to {@code file}; returns how many rows it wrote. */
    static long write(Connection connection, LocalDate from, LocalDate to, Path file)
            throws SQLException, IOException {
        long written = 0;
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(new XSSFWorkbook(), 100, false, false) {
            @Override
            protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
                ZipArchiveOutputStream zip = super.createArchiveOutputStream(out);
                zip.setLevel(Deflater.BEST_SPEED);
                return zip;
            }
        }) {
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
            List<String> queries = AuditExportSql.everyOrgWithoutEmails();
            for (int query = 0; query < 2; query++) {
                try (PreparedStatement statement = SqlResources.prepare(connection, queries.get(query),
                        AuditExportSql.parameters(from, to))) {
                    statement.setFetchSize(AuditExportSql.FETCH_SIZE);
                    try (ResultSet rows = statement.executeQuery()) {
                        written += copy(rows, workbook, query == 0 ? "runs" : "bundles", date);
                    }
                }
            }
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                workbook.write(out);
            }
            workbook.dispose();
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
        return written;
    }

    /** Copies the rows into sheets named {@code name}, {@code name 2}, ...: a sheet holds 1,048,576 rows. */
    private static long copy(ResultSet rows, SXSSFWorkbook workbook, String name, CellStyle date) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        int columns = meta.getColumnCount();
        int maxRows = workbook.getSpreadsheetVersion().getMaxRows();
        SXSSFSheet sheet = workbook.createSheet(name);
        long copied = 0;
        int r = 0;
        while (rows.next()) {
            if (r == maxRows) {
                sheet = workbook.createSheet(name + " " + (workbook.getNumberOfSheets() + 1));
                r = 0;
            }
            copied++;
            SXSSFRow row = sheet.createRow(r++);
            for (int c = 1; c <= columns; c++) {
                switch (meta.getColumnType(c)) {
                    case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                        OffsetDateTime time = rows.getObject(c, OffsetDateTime.class);
                        if (time != null) {
                            var cell = row.createCell(c - 1);
                            cell.setCellValue(time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
                            cell.setCellStyle(date);
                        }
                    }
                    case Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.NUMERIC, Types.DOUBLE -> {
                        double value = rows.getDouble(c);
                        if (!rows.wasNull()) {
                            row.createCell(c - 1).setCellValue(value);
                        }
                    }
                    case Types.BIT, Types.BOOLEAN -> row.createCell(c - 1).setCellValue(rows.getBoolean(c));
                    default -> {
                        String text = rows.getString(c);
                        if (text != null) {
                            row.createCell(c - 1).setCellValue(text);
                        }
                    }
                }
            }
        }
        return copied;
    }
}

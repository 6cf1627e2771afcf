package com.promptforge.batch.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * An audit workbook read back with POI, every cell as the text the tests compare with SQL: timestamps as
 * {@code yyyy-MM-dd HH:mm:ss.SSS} (UTC), numbers without trailing zeros, booleans as true/false, empty as "".
 */
final class AuditWorkbookFile {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private AuditWorkbookFile() {
    }

    static XSSFWorkbook open(Path file) {
        try {
            return new XSSFWorkbook(OPCPackage.open(file.toFile(), PackageAccess.READ));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The data rows of a sheet (header excluded), cells joined by '|'. */
    static List<String> rows(XSSFSheet sheet) {
        int columns = sheet.getRow(0).getLastCellNum();
        List<String> rows = new ArrayList<>();
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                cells.add(text(row.getCell(c)));
            }
            rows.add(String.join("|", cells));
        }
        return rows;
    }

    static List<String> header(XSSFSheet sheet) {
        List<String> header = new ArrayList<>();
        for (Cell cell : sheet.getRow(0)) {
            header.add(cell.getStringCellValue());
        }
        return header;
    }

    /** The Manifest (the first sheet) as label -> value as displayed. */
    static Map<String, String> manifest(XSSFWorkbook workbook) {
        assertThat(workbook.getSheetName(0)).isEqualTo(AuditWorkbook.MANIFEST);
        return com.promptforge.batch.spreadsheet.PrintableWorkbookAssertions.summary(workbook);
    }

    /** The Manifest's value cell of {@code label}. */
    static Cell manifestCell(XSSFWorkbook workbook, String label) {
        XSSFSheet sheet = workbook.getSheet(AuditWorkbook.MANIFEST);
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            if (sheet.getRow(r) != null && sheet.getRow(r).getCell(0) != null
                    && label.equals(sheet.getRow(r).getCell(0).getStringCellValue())) {
                return sheet.getRow(r).getCell(1);
            }
        }
        throw new AssertionError("no manifest line '" + label + "'");
    }

    static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        return switch (cell.getCellType()) {
            case STRING -> cell.getStringCellValue();
            case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
            case NUMERIC -> DateUtil.isCellDateFormatted(cell) ? TIME.format(cell.getLocalDateTimeCellValue())
                    : number(cell.getNumericCellValue());
            case BLANK -> "";
            default -> cell.toString();
        };
    }

    /** The current JDBC row, each column as {@link #text(Cell)} shows the same value, joined by '|'. */
    static String row(ResultSet row) throws SQLException {
        List<String> cells = new ArrayList<>();
        for (int c = 1; c <= row.getMetaData().getColumnCount(); c++) {
            Object value = row.getObject(c);
            cells.add(value == null ? ""
                    : value instanceof java.sql.Timestamp || value instanceof OffsetDateTime
                    ? TIME.format(row.getObject(c, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC))
                    : value instanceof Number number ? number(new BigDecimal(number.toString()))
                    : String.valueOf(value));
        }
        return String.join("|", cells);
    }

    private static String number(double value) {
        return number(BigDecimal.valueOf(value));
    }

    private static String number(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /**
     * For workbooks too big for the DOM reader: each sheet's name with its row count and a SHA-256 of its rows
     * (values as the sheet XML stores them), read with POI's streaming reader.
     */
    static Map<String, String> digests(Path file) {
        Map<String, String> digests = new LinkedHashMap<>();
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            StylesTable styles = reader.getStylesTable();
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            while (sheets.hasNext()) {
                try (InputStream sheet = sheets.next()) {
                    RowDigest digest = new RowDigest();
                    XMLReader parser = XMLHelper.newXMLReader();
                    parser.setContentHandler(new XSSFSheetXMLHandler(styles, strings, digest, false));
                    parser.parse(new InputSource(sheet));
                    digests.put(sheets.getSheetName(), digest.rows + " rows, sha256 " + digest.hex());
                }
            }
            return digests;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class RowDigest implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final MessageDigest sha256;
        private long rows;

        RowDigest() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void startRow(int rowNum) {
            sha256.update(("\n" + rowNum + ":").getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void endRow(int rowNum) {
            rows++;
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            sha256.update((reference + "=" + value + "|").getBytes(StandardCharsets.UTF_8));
        }

        String hex() {
            return HexFormat.of().formatHex(sha256.digest());
        }
    }

}

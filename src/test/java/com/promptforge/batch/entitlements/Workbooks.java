package com.promptforge.batch.entitlements;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Reads a written workbook back with POI, as text, for comparison with SQL. */
final class Workbooks {

    private Workbooks() {
    }

    static XSSFWorkbook open(Path file) {
        try {
            return new XSSFWorkbook(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The data rows of a sheet (header excluded), each cell as text joined by '|'; empty cells as "". */
    static List<String> rows(XSSFSheet sheet, int firstColumns) {
        List<String> rows = new ArrayList<>();
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < firstColumns; c++) {
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

    static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        return switch (cell.getCellType()) {
            case STRING -> cell.getStringCellValue();
            case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
            case NUMERIC -> DateUtil.isCellDateFormatted(cell) ? cell.getLocalDateTimeCellValue().toString()
                    : Long.toString((long) cell.getNumericCellValue());
            case BLANK -> "";
            default -> cell.toString();
        };
    }
}

package com.promptforge.batch.usage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** A usage-report workbook read back with POI: rows of a sheet as maps from header to cell. */
final class UsageWorkbook {

    private UsageWorkbook() {
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

    /** The data rows of {@code sheet}, each a map from header text to its cell (absent: empty cell). */
    static List<Map<String, Cell>> rows(XSSFSheet sheet) {
        Row header = sheet.getRow(0);
        List<Map<String, Cell>> rows = new ArrayList<>();
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            Map<String, Cell> cells = new LinkedHashMap<>();
            for (int c = 0; c < header.getLastCellNum(); c++) {
                Cell cell = row == null ? null : row.getCell(c);
                if (cell != null) {
                    cells.put(header.getCell(c).getStringCellValue(), cell);
                }
            }
            rows.add(cells);
        }
        return rows;
    }

    /** The Summary sheet's label / value rows (title and section headings left out), value cells by label. */
    static Map<String, Cell> summary(XSSFWorkbook workbook) {
        XSSFSheet sheet = workbook.getSheet(UsageReportWorkbook.SUMMARY);
        Map<String, Cell> values = new LinkedHashMap<>();
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            if (row != null && row.getCell(1) != null) {
                values.put(row.getCell(0).getStringCellValue(), row.getCell(1));
            }
        }
        return values;
    }

    static String text(Cell cell) {
        return cell == null ? null : cell.getStringCellValue();
    }

    static long number(Cell cell) {
        if (cell == null) {
            throw new AssertionError("expected a number, found an empty cell");
        }
        return (long) cell.getNumericCellValue();
    }
}

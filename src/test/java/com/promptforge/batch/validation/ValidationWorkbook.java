package com.promptforge.batch.validation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A validation workbook read back with POI: its sheets' header and data rows, cells as text joined by '|'. The
 * summary here is the Tables sheet (one row per table); the invalid rows are table|key|column|problem (the columns
 * with the org and user are checked separately).
 */
record ValidationWorkbook(List<String> sheetNames, List<String> summaryHeader, List<String> summary,
                          List<String> invalidRowsHeader, List<String> invalidRows) {

    static ValidationWorkbook read(Path file) {
        // Read-only: a workbook opened read-write is saved again on close, which would change it under its .sha256.
        try (XSSFWorkbook workbook = new XSSFWorkbook(OPCPackage.open(file.toFile(), PackageAccess.READ))) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
                names.add(workbook.getSheetName(i));
            }
            XSSFSheet summary = workbook.getSheet(ValidationReport.TABLES_SHEET);
            XSSFSheet invalid = workbook.getSheet(ValidationReport.INVALID_ROWS_SHEET);
            List<String> invalidHeader = row(invalid.getRow(0));
            List<Integer> problemColumns = List.of("Table", "Key", "Column", "Problem").stream()
                    .map(invalidHeader::indexOf).toList();
            List<String> problems = new ArrayList<>();
            for (int r = 1; r <= invalid.getLastRowNum(); r++) {
                List<String> cells = row(invalid.getRow(r));
                problems.add(String.join("|", problemColumns.stream().map(cells::get).toList()));
            }
            return new ValidationWorkbook(names, row(summary.getRow(0)), rows(summary), invalidHeader, problems);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The workbooks in {@code <reportsDir>/validation}, oldest first. */
    static List<Path> in(Path reportsDir) {
        Path folder = reportsDir.resolve("validation");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".xlsx")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> rows(XSSFSheet sheet) {
        List<String> rows = new ArrayList<>();
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            rows.add(String.join("|", row(sheet.getRow(r))));
        }
        return rows;
    }

    private static List<String> row(Row row) {
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < row.getSheet().getRow(0).getLastCellNum(); c++) {
            Cell cell = row.getCell(c);
            cells.add(cell == null ? "" : switch (cell.getCellType()) {
                case NUMERIC -> Long.toString((long) cell.getNumericCellValue());
                case STRING -> cell.getStringCellValue();
                default -> cell.toString();
            });
        }
        return cells;
    }
}

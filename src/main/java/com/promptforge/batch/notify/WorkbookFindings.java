package com.promptforge.batch.notify;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.SAXParserFactory;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * The findings that need action in a report: the rows of its {@code Findings} sheet (the usage report's: severity,
 * check, object, evidence, statement) whose severity is {@code critical} or {@code warning}, most severe first as the
 * sheet lists them. Read as a stream, so a large workbook costs no memory; a workbook without such a sheet has none.
 */
final class WorkbookFindings {

    static final String SHEET = "Findings";
    static final int MOST = 20;

    private WorkbookFindings() {
    }

    static List<String> read(Path workbook) {
        List<String> findings = new ArrayList<>();
        if (workbook == null || !Files.isRegularFile(workbook)) {
            return findings;
        }
        try (OPCPackage pkg = OPCPackage.open(workbook.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            while (sheets.hasNext()) {
                try (InputStream sheet = sheets.next()) {
                    if (!SHEET.equals(sheets.getSheetName())) {
                        continue;
                    }
                    Rows rows = new Rows();
                    XMLReader xml = SAXParserFactory.newDefaultNSInstance().newSAXParser().getXMLReader();
                    xml.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(),
                            new ReadOnlySharedStringsTable(pkg), rows, false));
                    xml.parse(new InputSource(sheet));
                    for (List<String> row : rows.rows) {
                        String severity = row.isEmpty() ? "" : row.get(0);
                        if ((severity.equals("critical") || severity.equals("warning")) && findings.size() < MOST) {
                            findings.add(severity + ": " + cell(row, 1) + " " + cell(row, 2) + " (" + cell(row, 3) + ")");
                        }
                    }
                }
            }
        } catch (Exception e) {
            findings.add("(the findings could not be read from the workbook: " + e.getMessage() + ")");
        }
        return findings;
    }

    private static String cell(List<String> row, int column) {
        return column < row.size() ? row.get(column) : "";
    }

    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        final List<List<String>> rows = new ArrayList<>();
        private List<String> row;

        @Override
        public void startRow(int rowNum) {
            row = new ArrayList<>();
        }

        @Override
        public void endRow(int rowNum) {
            rows.add(row);
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = new org.apache.poi.ss.util.CellReference(reference).getCol();
            while (row.size() < column) {
                row.add("");
            }
            row.add(value == null ? "" : value);
        }
    }
}

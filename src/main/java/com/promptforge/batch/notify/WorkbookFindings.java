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
 * What needs attention in a report, one line each: the lines of its Summary's {@code Needs attention} block where it
 * has one (the usage report: the orgs to look at and the findings of severity warning or critical), otherwise the
 * rows of its {@code Findings} sheet whose severity is {@code critical} or {@code warning}, most severe first as the
 * sheet lists them. Read as a stream, so a large workbook costs no memory; a workbook with neither has none.
 */
final class WorkbookFindings {

    static final String SHEET = "Findings";
    static final String SUMMARY = "Summary";
    /** The heading of the Summary's leading block (the usage report's NeedsAttention.HEADING). */
    static final String ATTENTION = "Needs attention";
    static final int MOST = 20;

    private WorkbookFindings() {
    }

    static List<String> read(Path workbook) {
        if (workbook == null || !Files.isRegularFile(workbook)) {
            return new ArrayList<>();
        }
        try {
            List<String> attention = attention(rows(workbook, SUMMARY));
            return attention.isEmpty() ? findings(rows(workbook, SHEET)) : attention;
        } catch (Exception e) {
            return new ArrayList<>(List.of("(what needs attention could not be read from the workbook: "
                    + e.getMessage() + ")"));
        }
    }

    /** The label / text rows after the Summary's Needs attention heading, up to the blank row that ends the block. */
    private static List<String> attention(List<List<String>> summary) {
        List<String> lines = new ArrayList<>();
        int heading = -1;
        for (int i = 0; i < summary.size() && heading < 0; i++) {
            if (ATTENTION.equals(cell(summary.get(i), 0)) && cell(summary.get(i), 1).isEmpty()) {
                heading = i;
            }
        }
        for (int i = heading + 1; heading >= 0 && i < summary.size() && !cell(summary.get(i), 1).isEmpty()
                && lines.size() < MOST; i++) {
            String label = cell(summary.get(i), 0);
            lines.add(label.isEmpty() ? cell(summary.get(i), 1) : label + ": " + cell(summary.get(i), 1));
        }
        return lines;
    }

    private static List<String> findings(List<List<String>> rows) {
        List<String> findings = new ArrayList<>();
        for (List<String> row : rows) {
            String severity = row.isEmpty() ? "" : row.get(0);
            if ((severity.equals("critical") || severity.equals("warning")) && findings.size() < MOST) {
                findings.add(severity + ": " + cell(row, 1) + " " + cell(row, 2) + " (" + cell(row, 3) + ")");
            }
        }
        return findings;
    }

    /** The rows of sheet {@code name} as text, empty when the workbook has no such sheet. */
    private static List<List<String>> rows(Path workbook, String name) throws Exception {
        try (OPCPackage pkg = OPCPackage.open(workbook.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            while (sheets.hasNext()) {
                try (InputStream sheet = sheets.next()) {
                    if (name.equals(sheets.getSheetName())) {
                        Rows rows = new Rows();
                        XMLReader xml = SAXParserFactory.newDefaultNSInstance().newSAXParser().getXMLReader();
                        xml.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(),
                                new ReadOnlySharedStringsTable(pkg), rows, false));
                        xml.parse(new InputSource(sheet));
                        return rows.rows;
                    }
                }
            }
        }
        return List.of();
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

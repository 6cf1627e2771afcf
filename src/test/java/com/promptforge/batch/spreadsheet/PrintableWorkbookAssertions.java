package com.promptforge.batch.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.common.usermodel.HyperlinkType;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFHyperlink;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * What every workbook the project writes must be, checked on the file read back with POI, for any job's workbook
 * (the sync's, the validation's, the usage report's, the audit export's): every sheet prints (orientation by width,
 * one page wide, header row repeated, footer), the first sheet is a label / value summary with the run's
 * parameters, and sheets that list organizations show slug and name beside the id, as the database has them.
 */
public final class PrintableWorkbookAssertions {

    public static final String ORG_ID = "Org id";
    public static final String ORG_SLUG = "Org slug";
    public static final String ORG_NAME = "Org name";
    public static final String USER_ID = "User id";
    public static final String USER_EMAIL = "User e-mail";

    private static final DataFormatter FORMATTER = new DataFormatter(java.util.Locale.US);

    private PrintableWorkbookAssertions() {
    }

    /**
     * Every sheet: landscape exactly when wider than a portrait page (its print area, where it has one); scaled to one page wide, any number tall;
     * its first row repeated on every page; footer = report name | sheet name | "Page &P of &N"; every header
     * cell as wide as its text at least. And the workbook opens on its first sheet.
     */
    public static void assertEverySheetPrints(XSSFWorkbook workbook, String reportName) {
        assertThat(workbook.getNumberOfSheets()).isPositive();
        assertThat(workbook.getActiveSheetIndex()).as("the sheet the workbook opens on").isZero();
        for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
            XSSFSheet sheet = workbook.getSheetAt(i);
            String name = sheet.getSheetName();
            assertThat(sheet.isSelected()).as(name + " selected").isEqualTo(i == 0);
            int widthChars = 0;
            // A print area (a sheet that prints its leading columns) is as wide as the columns it holds.
            String printArea = workbook.getPrintArea(i);
            int lastPrinted = printArea == null ? Integer.MAX_VALUE
                    : new org.apache.poi.ss.util.AreaReference(printArea.substring(printArea.indexOf('!') + 1),
                    org.apache.poi.ss.SpreadsheetVersion.EXCEL2007).getLastCell().getCol();
            for (Cell header : sheet.getRow(0)) {
                int columnChars = sheet.getColumnWidth(header.getColumnIndex()) / 256;
                if (header.getColumnIndex() <= lastPrinted) {
                    widthChars += columnChars;
                }
                if (i > 0) {
                    // No header cut: each word fits, and the header fits on the lines the row is tall.
                    String text = header.getStringCellValue();
                    int lines = Math.round(sheet.getRow(0).getHeightInPoints() / sheet.getDefaultRowHeightInPoints());
                    int longestWord = java.util.Arrays.stream(text.split("\\s+")).mapToInt(String::length).max().orElse(0);
                    assertThat(columnChars).as(name + " column '" + text + "' width")
                            .isGreaterThanOrEqualTo(Math.max(longestWord, (text.length() + lines - 1) / Math.max(1, lines)));
                }
            }
            if (i == 0) {
                widthChars = sheet.getColumnWidth(0) / 256 + sheet.getColumnWidth(1) / 256;
            }
            assertThat(sheet.getPrintSetup().getLandscape()).as(name + " landscape (" + widthChars + " chars wide)")
                    .isEqualTo(widthChars > PrintLayout.PORTRAIT_WIDTH_CHARS);
            assertThat(sheet.getFitToPage()).as(name + " fit to page").isTrue();
            assertThat(sheet.getPrintSetup().getFitWidth()).as(name + " pages wide").isEqualTo((short) 1);
            if (printArea == null) {
                assertThat(sheet.getPrintSetup().getFitHeight()).as(name + " pages tall: any").isEqualTo((short) 0);
            }
            CellRangeAddress repeated = sheet.getRepeatingRows();
            assertThat(repeated).as(name + " repeated rows").isNotNull();
            assertThat(repeated.getFirstRow()).as(name + " repeated rows").isZero();
            assertThat(repeated.getLastRow()).as(name + " repeated rows").isZero();
            assertThat(footerText(sheet.getFooter().getLeft())).as(name + " footer left")
                    .isEqualTo(reportName.replace("&", "&&"));
            assertThat(footerText(sheet.getFooter().getCenter())).as(name + " footer centre")
                    .isEqualTo(name.replace("&", "&&"));
            assertThat(footerText(sheet.getFooter().getRight())).as(name + " footer right").isEqualTo("Page &P of &N");
            assertThat(footerFonts(sheet)).as(name + " footer font: the default's").isSubsetOf("", FASTEXCEL_FOOTER_FONT);
        }
    }

    /**
     * The font codes fastexcel writes before each footer part (it always names a font): the workbook's default font,
     * size and colour, which POI leaves implied. What prints is the same.
     */
    static final String FASTEXCEL_FOOTER_FONT = "&\"Calibri,Regular\"&11&K000000";

    /** A footer part's text, without the font codes that say the default font. */
    public static String footerText(String part) {
        return part.startsWith(FASTEXCEL_FOOTER_FONT) ? part.substring(FASTEXCEL_FOOTER_FONT.length()) : part;
    }

    private static java.util.Set<String> footerFonts(XSSFSheet sheet) {
        java.util.Set<String> fonts = new java.util.HashSet<>();
        for (String part : List.of(sheet.getFooter().getLeft(), sheet.getFooter().getCenter(),
                sheet.getFooter().getRight())) {
            fonts.add(part.substring(0, part.length() - footerText(part).length()));
        }
        return fonts;
    }

    /** The first sheet's label / value rows (section headings and the title left out), values as displayed. */
    public static Map<String, String> summary(XSSFWorkbook workbook) {
        XSSFSheet sheet = workbook.getSheetAt(0);
        Map<String, String> values = new LinkedHashMap<>();
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            if (row == null || row.getCell(1) == null) {
                continue;
            }
            assertThat(row.getLastCellNum()).as("summary row " + (r + 1) + ": a label and a value").isLessThanOrEqualTo((short) 2);
            values.put(row.getCell(0).getStringCellValue(), FORMATTER.formatCellValue(row.getCell(1)));
        }
        return values;
    }

    /**
     * The first sheet reads top to bottom: the report's name as title, what it is, generated at, the database
     * (name on host, no credentials), the job, its execution id, the outcome, each of the run's parameters with
     * the value it ran with, then a link to every other sheet with a description.
     */
    public static void assertSummaryDescribesTheRun(XSSFWorkbook workbook, String reportName, String jobName,
                                                    long executionId, String databaseName, Map<String, ?> parameters) {
        XSSFSheet sheet = workbook.getSheetAt(0);
        assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).as("summary title").isEqualTo(reportName);
        Map<String, String> values = summary(workbook);
        assertThat(values.get(SummarySheet.ABOUT)).as(SummarySheet.ABOUT).isNotBlank().endsWith(".");
        assertThat(values.get(SummarySheet.GENERATED_AT)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(values.get(SummarySheet.DATABASE)).startsWith(databaseName + " on ")
                .doesNotContainIgnoringCase("password").doesNotContain("@");
        assertThat(values.get(SummarySheet.JOB)).isEqualTo(jobName);
        assertThat(values.get(SummarySheet.EXECUTION)).isEqualTo(Long.toString(executionId));
        assertThat(values.get(SummarySheet.OUTCOME)).isNotBlank();
        parameters.forEach((name, value) ->
                assertThat(values.get(name)).as("parameter " + name).isEqualTo(String.valueOf(value)));
        List<String> linked = new ArrayList<>();
        for (XSSFHyperlink link : sheet.getHyperlinkList()) {
            assertThat(link.getType()).isEqualTo(HyperlinkType.DOCUMENT);
            if (link.getFirstColumn() != 0
                    || workbook.getSheet(sheet.getRow(link.getFirstRow()).getCell(0).getStringCellValue()) == null) {
                // a leading line's link, from its label to a row of a sheet
                continue;
            }
            Cell cell = sheet.getRow(link.getFirstRow()).getCell(link.getFirstColumn());
            String target = cell.getStringCellValue();
            assertThat(link.getAddress()).isEqualTo("'" + target.replace("'", "''") + "'!A1");
            assertThat(values.get(target)).as("description of sheet " + target).isNotBlank();
            linked.add(target);
        }
        List<String> others = new ArrayList<>();
        for (int i = 1; i < workbook.getNumberOfSheets(); i++) {
            others.add(workbook.getSheetName(i));
        }
        assertThat(linked).as("sheets linked from the summary").containsExactlyElementsOf(others);
    }

    /**
     * The sheet lists organizations by id with their slug and name in the next two columns, each as the database
     * has it ({@code public.organizations}, read here independently); at least one row has an org.
     */
    public static void assertOrgNamesBesideIds(XSSFSheet sheet, JdbcOperations jdbc) {
        List<String> header = header(sheet);
        int id = header.indexOf(ORG_ID);
        assertThat(id).as(sheet.getSheetName() + " has an " + ORG_ID + " column").isNotNegative();
        assertThat(header.subList(id, id + 3)).as(sheet.getSheetName() + " names beside the id")
                .containsExactly(ORG_ID, ORG_SLUG, ORG_NAME);
        Map<String, String> organizations = new HashMap<>();
        jdbc.query("select id::text, slug, name from public.organizations",
                row -> {
                    organizations.put(row.getString(1), row.getString(2) + "|" + row.getString(3));
                });
        int withOrg = 0;
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            String orgId = FORMATTER.formatCellValue(row.getCell(id));
            if (orgId.isEmpty()) {
                continue;
            }
            withOrg++;
            assertThat(FORMATTER.formatCellValue(row.getCell(id + 1)) + "|" + FORMATTER.formatCellValue(row.getCell(id + 2)))
                    .as(sheet.getSheetName() + " row " + (r + 1) + " org " + orgId)
                    .isEqualTo(organizations.get(orgId));
        }
        assertThat(withOrg).as(sheet.getSheetName() + " rows with an org").isPositive();
    }

    /** The header row's texts. */
    public static List<String> header(XSSFSheet sheet) {
        List<String> header = new ArrayList<>();
        for (Cell cell : sheet.getRow(0)) {
            header.add(cell.getStringCellValue());
        }
        return header;
    }
}

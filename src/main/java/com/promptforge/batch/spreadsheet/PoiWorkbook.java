package com.promptforge.batch.spreadsheet;

import com.promptforge.batch.report.LeftoverTempFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.common.usermodel.HyperlinkType;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Hyperlink;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The POI engine: SXSSF, a window of {@value #ROW_WINDOW} rows, inline strings, uncompressed temp files, zip level 1
 * (measured fastest; the file ~20% larger). It draws charts (the usage report).
 */
final class PoiWorkbook implements WorkbookEngine {

    static {
        // SXSSF's sheet files go to this process's scratch folder, so that a later run removes what a killed one left.
        TempFile.setTempFileCreationStrategy(
                new DefaultTempFileCreationStrategy(LeftoverTempFiles.scratchFolderOfThisProcess().toFile()));
    }

    static final int ROW_WINDOW = 100;
    private static final int WIDTH_UNITS_PER_CHARACTER = 256;

    private final SXSSFWorkbook workbook = new FastZipWorkbook();
    private final CellStyles styles = new CellStyles(workbook);

    @Override
    public DataPart dataPart(String name, DataPart after, Supplier<int[]> widths) {
        SXSSFSheet sheet = workbook.createSheet(name);
        if (after != null) {
            workbook.setSheetOrder(name, workbook.getSheetIndex(((Part) after).sheet) + 1);
        }
        return new Part(sheet);
    }

    @Override
    public SummaryCells summary(String name) {
        SXSSFSheet sheet = workbook.createSheet(name);
        workbook.setSheetOrder(name, 0);
        return new Summary(sheet);
    }

    @Override
    public void write(Path target) throws IOException {
        // Excel and Calc open a workbook on its active sheet: the first, with its tab the only one selected.
        for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
            workbook.getSheetAt(i).setSelected(i == 0);
        }
        workbook.setActiveSheet(0);
        workbook.setFirstVisibleTab(0);
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
             OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
            workbook.write(out);
            out.flush();
            // On disk before a report's commit renames it.
            channel.force(true);
        }
    }

    @Override
    public void dispose() throws IOException {
        try {
            workbook.dispose();
        } finally {
            workbook.close();
        }
    }

    private final class Part implements DataPart {

        private final SXSSFSheet sheet;
        private SXSSFRow row;
        private int rows;

        Part(SXSSFSheet sheet) {
            this.sheet = sheet;
        }

        @Override
        public String name() {
            return sheet.getSheetName();
        }

        @Override
        public void header(String[] texts, Look[] looks, boolean twoLines) {
            SXSSFRow header = sheet.createRow(0);
            for (int i = 0; i < texts.length; i++) {
                Cell cell = header.createCell(i);
                cell.setCellValue(texts[i]);
                cell.setCellStyle(styles.of(looks[i]));
            }
            if (twoLines) {
                header.setHeightInPoints(2 * sheet.getDefaultRowHeightInPoints());
            }
            sheet.createFreezePane(0, 1);
        }

        private Cell cell(int column, Look look) {
            if (row == null) {
                row = sheet.createRow(rows + 1);
            }
            Cell cell = row.createCell(column);
            if (look != Look.TEXT) {
                cell.setCellStyle(styles.of(look));
            }
            return cell;
        }

        @Override
        public void text(int column, String text, Look look) {
            cell(column, look).setCellValue(text);
        }

        @Override
        public void number(int column, double value, Look look) {
            cell(column, look).setCellValue(value);
        }

        @Override
        public void bool(int column, boolean value) {
            cell(column, Look.TEXT).setCellValue(value);
        }

        @Override
        public void endRow() {
            if (row == null) {
                sheet.createRow(rows + 1);
            }
            row = null;
            rows++;
        }

        @Override
        public void finish(PartLayout layout) {
            int columns = layout.widths().length;
            sheet.setAutoFilter(new CellRangeAddress(0, layout.rows(), 0, columns - 1));
            for (int i = 0; i < columns; i++) {
                sheet.setColumnWidth(i, layout.widths()[i] * WIDTH_UNITS_PER_CHARACTER);
            }
            if (layout.printedColumns() > 0 || layout.printedRows() > 0) {
                int lastColumn = layout.printedColumns() > 0 ? layout.printedColumns() - 1 : columns - 1;
                workbook.setPrintArea(workbook.getSheetIndex(sheet), 0, lastColumn, 0,
                        layout.printedRows() > 0 ? Math.min(layout.printedRows(), layout.rows()) : layout.rows());
            }
            PrintLayout.apply(sheet, layout.printedChars(), layout.reportName());
            if (layout.pagesTall() > 0) {
                sheet.getPrintSetup().setFitHeight((short) layout.pagesTall());
            }
        }

        @Override
        public void chart(Chart chart) {
            ChartDrawer.draw(workbook.getXSSFWorkbook().getSheet(sheet.getSheetName()), sheet, chart);
        }
    }

    private final class Summary implements SummaryCells {

        private final SXSSFSheet sheet;

        Summary(SXSSFSheet sheet) {
            this.sheet = sheet;
        }

        @Override
        public String name() {
            return sheet.getSheetName();
        }

        private Cell cell(int row, int column, Look look) {
            SXSSFRow existing = sheet.getRow(row);
            Cell cell = (existing != null ? existing : sheet.createRow(row)).createCell(column);
            cell.setCellStyle(styles.of(look));
            return cell;
        }

        @Override
        public void text(int row, int column, String text, Look look) {
            cell(row, column, look).setCellValue(text);
        }

        @Override
        public void number(int row, int column, double value, Look look) {
            cell(row, column, look).setCellValue(value);
        }

        @Override
        public void link(int row, int column, String address) {
            Hyperlink hyperlink = workbook.getCreationHelper().createHyperlink(HyperlinkType.DOCUMENT);
            hyperlink.setAddress(address);
            Cell cell = sheet.getRow(row).getCell(column);
            cell.setHyperlink(hyperlink);
        }

        @Override
        public void rowLines(int row, int lines) {
            sheet.getRow(row).setHeightInPoints(lines * sheet.getDefaultRowHeightInPoints());
        }

        @Override
        public void width(int column, int chars) {
            sheet.setColumnWidth(column, chars * WIDTH_UNITS_PER_CHARACTER);
        }

        @Override
        public void print(int widthChars, String reportName) {
            PrintLayout.apply(sheet, widthChars, reportName);
        }

        @Override
        public void chart(Chart chart) {
            ChartDrawer.draw(workbook.getXSSFWorkbook().getSheet(sheet.getSheetName()), sheet, chart);
        }
    }

    /** SXSSF with the final zip at the fastest deflate level: measured fastest, the file ~20% larger. */
    private static final class FastZipWorkbook extends SXSSFWorkbook {

        FastZipWorkbook() {
            super(new XSSFWorkbook(), ROW_WINDOW, false, false);
        }

        @Override
        protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
            ZipArchiveOutputStream zip = super.createArchiveOutputStream(out);
            zip.setLevel(Deflater.BEST_SPEED);
            return zip;
        }
    }
}

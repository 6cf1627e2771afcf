package com.promptforge.batch.spreadsheet;

import com.promptforge.batch.report.LeftoverTempFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.dhatim.fastexcel.HyperLink;
import org.dhatim.fastexcel.Position;
import org.dhatim.fastexcel.RichText;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The fastexcel engine: one pass, no temp XML, about twice as fast as SXSSF; no charts. fastexcel streams one sheet at
 * a time and writes a sheet's column widths before its rows, so:
 * <ul>
 * <li>the parts stream in workbook order: the first unwritten part streams from its first row, and a later part's rows
 * wait in {@link SpilledRows} until every part before it is complete (a rollover, {@link SpreadsheetWriter.Sheet#end},
 * or the workbook's finish), then stream from there;</li>
 * <li>a streaming part holds its first {@value #SAMPLE_ROWS} rows and takes the widths fitted to them (and to the
 * parts before it) when it first flushes; a part complete before that, or waiting until complete, gets the widths of
 * all its rows, as POI does;</li>
 * <li>the summary sheet is created first, so it is added before the first row streams.</li>
 * </ul>
 * The file is written to this process's scratch folder, then copied into the target by {@link WorkbookCopy}.
 */
final class FastexcelWorkbook implements WorkbookEngine {

    /** Rows a streaming sheet holds before its first flush, for its widths: ~3 MB for the audit's 17 columns. */
    static final int SAMPLE_ROWS = 5_000;
    /** Rows per flush after that. */
    static final int FLUSH_ROWS = 500;
    /** The default row height in points (Calibri 11), as POI's. */
    private static final double DEFAULT_ROW_POINTS = 15;
    private static final String APPLICATION = "PromptForge batch";

    private final Path file;
    private final OutputStream out;
    private final Workbook workbook;
    /** The data parts in workbook order. */
    private final List<Part> parts = new ArrayList<>();
    private Summary summary;
    private Part front;
    private boolean frontStale = true;
    private boolean started;

    FastexcelWorkbook() {
        try {
            file = scratchFile("fastexcel-", ".xlsx");
            out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the workbook's temp file: " + e.getMessage(), e);
        }
        workbook = new Workbook(out, APPLICATION, null);
        // As POI's: the fastest level, the file ~20% larger than the default's.
        workbook.setCompressionLevel(1);
    }

    /** A new file in this process's scratch folder, which a later run removes if this process leaves it. */
    static Path scratchFile(String prefix, String suffix) throws IOException {
        Path folder = Files.createDirectories(LeftoverTempFiles.scratchFolderOfThisProcess());
        return Files.createTempFile(folder, prefix, suffix);
    }

    @Override
    public DataPart dataPart(String name, DataPart after, Supplier<int[]> widths) {
        Part part = new Part(name, widths);
        parts.add(after == null ? parts.size() : parts.indexOf((Part) after) + 1, part);
        frontStale = true;
        return part;
    }

    @Override
    public SummaryCells summary(String name) {
        if (started) {
            throw new IllegalStateException("summary sheet '" + name + "': a workbook without charts takes its summary"
                    + " before its first row");
        }
        summary = new Summary(workbook.newWorksheet(name));
        return summary;
    }

    @Override
    public void write(Path target) throws IOException {
        frontStale = true;
        advance();
        if (front != null) {
            throw new IllegalStateException("sheet '" + front.name + "' is not complete");
        }
        workbook.setActiveTab(0);
        workbook.finish();
        out.close();
        WorkbookCopy.copy(file, target);
    }

    @Override
    public void dispose() throws IOException {
        try {
            for (Part part : parts) {
                if (part.waiting != null) {
                    part.waiting.discard();
                }
            }
            out.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Finds the first unwritten part, writing every complete part before it that waited, and lets it stream if rows
     * wait for it.
     */
    private void advance() {
        frontStale = false;
        front = null;
        for (Part part : parts) {
            if (part.written) {
                continue;
            }
            if (part.streaming == null && part.layout != null) {
                part.stream();
                part.finishStreaming();
                continue;
            }
            front = part;
            if (part.streaming == null && part.waiting.rows() > 0) {
                part.stream();
            }
            return;
        }
    }

    private final class Part implements DataPart {

        private final String name;
        private final Supplier<int[]> widthsSoFar;
        private String[] headerTexts;
        private Look[] headerLooks;
        private boolean twoLineHeader;
        private SpilledRows waiting = new SpilledRows();
        private Streaming streaming;
        private PartLayout layout;
        private boolean written;

        Part(String name, Supplier<int[]> widthsSoFar) {
            this.name = name;
            this.widthsSoFar = widthsSoFar;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void header(String[] texts, Look[] looks, boolean twoLines) {
            headerTexts = texts.clone();
            headerLooks = looks.clone();
            twoLineHeader = twoLines;
        }

        /** Streams from now on when every part before this one is written. */
        private boolean streams() {
            if (streaming == null) {
                if (frontStale) {
                    advance();
                }
                if (front == this && streaming == null) {
                    stream();
                }
            }
            return streaming != null;
        }

        @Override
        public void text(int column, String text, Look look) {
            if (streams()) {
                streaming.text(column, text, look);
            } else {
                waiting.text(column, text, look);
            }
        }

        @Override
        public void number(int column, double value, Look look) {
            if (streams()) {
                streaming.number(column, value, look);
            } else {
                waiting.number(column, value, look);
            }
        }

        @Override
        public void bool(int column, boolean value) {
            if (streams()) {
                streaming.bool(column, value);
            } else {
                waiting.bool(column, value);
            }
        }

        @Override
        public void endRow() {
            if (streams()) {
                streaming.endRow();
            } else {
                waiting.endRow();
            }
        }

        @Override
        public void finish(PartLayout layout) {
            this.layout = layout;
            if (streaming != null) {
                finishStreaming();
            }
            frontStale = true;
        }

        @Override
        public void chart(Chart chart) {
            throw new UnsupportedOperationException("sheet '" + name + "': a workbook without charts draws none");
        }

        /** Starts this part's sheet in the file, with the rows that waited. */
        private void stream() {
            started = true;
            PartLayout complete = layout;
            streaming = new Streaming(workbook.newWorksheet(name), headerTexts.length,
                    complete != null ? complete::widths : widthsSoFar);
            streaming.header(headerTexts, headerLooks, twoLineHeader);
            SpilledRows rows = waiting;
            waiting = null;
            rows.replay(new StreamingRows(streaming));
        }

        private void finishStreaming() {
            try {
                streaming.finish(layout);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write sheet '" + name + "': " + e.getMessage(), e);
            }
            streaming = null;
            written = true;
        }
    }

    /** A waiting part's rows replayed into its streaming sheet. */
    private record StreamingRows(Streaming sheet) implements DataPart {

        @Override
        public String name() {
            return "";
        }

        @Override
        public void header(String[] texts, Look[] looks, boolean twoLines) {
            throw new IllegalStateException("the header is not replayed");
        }

        @Override
        public void text(int column, String text, Look look) {
            sheet.text(column, text, look);
        }

        @Override
        public void number(int column, double value, Look look) {
            sheet.number(column, value, look);
        }

        @Override
        public void bool(int column, boolean value) {
            sheet.bool(column, value);
        }

        @Override
        public void endRow() {
            sheet.endRow();
        }

        @Override
        public void finish(PartLayout layout) {
            throw new IllegalStateException("a replay does not finish");
        }

        @Override
        public void chart(Chart chart) {
            throw new UnsupportedOperationException();
        }
    }

    /**
     * A sheet streaming into the file. Cells go to fastexcel as they come, their looks into a block of rows;
     * at each flush the looks are set per column over runs of cells with the same look (one fastexcel style call per
     * run, not per cell), and the first flush writes the widths.
     */
    private static final class Streaming {

        private final Worksheet sheet;
        private final int columns;
        private final Supplier<int[]> widths;
        private final Look[][] looks;
        private int row;
        private int blockStart;
        private boolean flushed;

        Streaming(Worksheet sheet, int columns, Supplier<int[]> widths) {
            this.sheet = sheet;
            this.columns = columns;
            this.widths = widths;
            this.looks = new Look[SAMPLE_ROWS + 1][columns];
            // Written with the sheet's properties, at its first flush; the rest of the print setup comes at the end.
            sheet.setFitToPage(true);
        }

        void header(String[] texts, Look[] headerLooks, boolean twoLines) {
            for (int i = 0; i < texts.length; i++) {
                inline(sheet, 0, i, texts[i]);
                looks[0][i] = headerLooks[i];
            }
            if (twoLines) {
                sheet.rowHeight(0, 2 * DEFAULT_ROW_POINTS);
            }
            sheet.freezePane(0, 1);
            row = 1;
        }

        void text(int column, String text, Look look) {
            inline(sheet, row, column, text);
            looks[row - blockStart][column] = look;
        }

        void number(int column, double value, Look look) {
            sheet.value(row, column, value);
            looks[row - blockStart][column] = look;
        }

        void bool(int column, boolean value) {
            sheet.value(row, column, value);
            looks[row - blockStart][column] = Look.TEXT;
        }

        void endRow() {
            row++;
            if (row - blockStart == (flushed ? FLUSH_ROWS : SAMPLE_ROWS + 1)) {
                try {
                    flush(widths.get());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write sheet '" + sheet.getName() + "': " + e.getMessage(),
                            e);
                }
            }
        }

        private void flush(int[] chars) throws IOException {
            setLooks();
            if (!flushed) {
                for (int i = 0; i < columns; i++) {
                    sheet.width(i, chars[i]);
                }
                flushed = true;
            }
            sheet.flush();
            blockStart = row;
        }

        private void setLooks() {
            int blockRows = row - blockStart;
            for (int column = 0; column < columns; column++) {
                int r = 0;
                while (r < blockRows) {
                    Look look = looks[r][column];
                    if (look == null || !FastexcelLooks.styled(look)) {
                        r++;
                        continue;
                    }
                    int end = r + 1;
                    while (end < blockRows && looks[end][column] == look) {
                        end++;
                    }
                    FastexcelLooks.set(sheet.range(blockStart + r, column, blockStart + end - 1, column).style(),
                            look);
                    r = end;
                }
            }
            for (int r = 0; r < blockRows; r++) {
                Arrays.fill(looks[r], null);
            }
        }

        void finish(PartLayout layout) throws IOException {
            flush(layout.widths());
            int lastColumn = layout.printedColumns() > 0 ? layout.printedColumns() - 1 : columns - 1;
            sheet.setAutoFilter(0, 0, layout.rows(), columns - 1);
            if (layout.printedColumns() > 0 || layout.printedRows() > 0) {
                int lastRow = layout.printedRows() > 0 ? Math.min(layout.printedRows(), layout.rows()) : layout.rows();
                sheet.addNamedRange(sheet.range(0, 0, lastRow, lastColumn), "_xlnm.Print_Area");
            }
            print(sheet, layout.printedChars(), layout.reportName());
            if (layout.pagesTall() > 0) {
                sheet.fitToHeight((short) layout.pagesTall());
            }
            sheet.finish();
        }
    }

    /** {@link PrintLayout}'s settings on a fastexcel sheet; the footer in the default font, as POI leaves it. */
    private static void print(Worksheet sheet, int widthChars, String reportName) {
        sheet.setFitToPage(true);
        sheet.pageOrientation(PrintLayout.landscape(widthChars) ? "landscape" : "portrait");
        sheet.fitToWidth((short) 1);
        sheet.fitToHeight((short) 0);
        sheet.repeatRows(0);
        sheet.footer(PrintLayout.literal(reportName), Position.LEFT, PrintLayout.FOOTER_FONT, PrintLayout.FOOTER_POINTS);
        sheet.footer(PrintLayout.literal(sheet.getName()), Position.CENTER, PrintLayout.FOOTER_FONT,
                PrintLayout.FOOTER_POINTS);
        sheet.footer(PrintLayout.PAGE_N_OF_M, Position.RIGHT, PrintLayout.FOOTER_FONT, PrintLayout.FOOTER_POINTS);
    }

    /** The summary: a few dozen cells, held by fastexcel until the workbook's finish writes them. */
    private static final class Summary implements SummaryCells {

        private final Worksheet sheet;
        private final Map<Long, String> texts = new HashMap<>();

        Summary(Worksheet sheet) {
            this.sheet = sheet;
        }

        @Override
        public String name() {
            return sheet.getName();
        }

        @Override
        public void text(int row, int column, String text, Look look) {
            inline(sheet, row, column, text);
            texts.put(key(row, column), text);
            look(row, column, look);
        }

        @Override
        public void number(int row, int column, double value, Look look) {
            sheet.value(row, column, value);
            look(row, column, look);
        }

        private void look(int row, int column, Look look) {
            if (FastexcelLooks.styled(look)) {
                FastexcelLooks.set(sheet.style(row, column), look);
            }
        }

        private static long key(int row, int column) {
            return ((long) row << 20) | column;
        }

        @Override
        public void link(int row, int column, String address) {
            String text = texts.get(key(row, column));
            sheet.hyperlink(row, column, HyperLink.internal(address, text));
            inline(sheet, row, column, text);
        }

        @Override
        public void rowLines(int row, int lines) {
            sheet.rowHeight(row, lines * DEFAULT_ROW_POINTS);
        }

        @Override
        public void width(int column, int chars) {
            sheet.width(column, chars);
        }

        @Override
        public void print(int widthChars, String reportName) {
            FastexcelWorkbook.print(sheet, widthChars, reportName);
        }

        @Override
        public void chart(Chart chart) {
            throw new UnsupportedOperationException("summary '" + name() + "': a workbook without charts draws none");
        }
    }

    /**
     * An inline string as POI writes it: fastexcel marks only rich text {@code xml:space="preserve"}, and without it
     * a reader drops the leading and trailing spaces of a plain one.
     */
    private static void inline(Worksheet sheet, int row, int column, String text) {
        if (!text.isEmpty() && (Character.isWhitespace(text.charAt(0))
                || Character.isWhitespace(text.charAt(text.length() - 1)))) {
            sheet.inlineString(row, column, RichText.builder().run(text).end().build());
        } else {
            sheet.inlineString(row, column, text);
        }
    }
}

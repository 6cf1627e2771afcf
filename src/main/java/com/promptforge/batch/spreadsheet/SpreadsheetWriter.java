package com.promptforge.batch.spreadsheet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.poi.ss.SpreadsheetVersion;

/**
 * A workbook being written, the one way every batch job writes .xlsx. It streams, so memory stays flat for millions
 * of rows, through one of two engines chosen when it is created: POI SXSSF ({@link #create(Path)} and its
 * siblings: every feature, charts too) or fastexcel ({@link #createWithoutCharts}: about twice as fast, for the
 * workbooks without charts such as the audit export). A reader gets the same cells, looks, widths and print setup from
 * both, with one difference: fastexcel writes a sheet's column widths before its rows, so they are fitted to its first
 * {@value FastexcelWorkbook#SAMPLE_ROWS} rows (a longer value further down keeps the sample's width).
 *
 * <p>Nothing is written to the file until {@link #finish()}: a job that fails (and closes the writer, as
 * try-with-resources does) leaves no file and an earlier file untouched. The file is written in place, so a job's
 * report is written to the staging file of its {@link com.promptforge.batch.report.StagedReport}, which commits
 * it atomically; a reader never sees it half-written.
 *
 * <pre>{@code
 * try (SpreadsheetWriter writer = SpreadsheetWriter.create(staged.file())) {
 *     SpreadsheetWriter.Sheet runs = writer.sheet("Runs", List.of(
 *             Column.text("Run", 38), Column.timestamp("Started (UTC)", 20), Column.percent("Score", 8)));
 *     for (Run run : runs) {
 *         runs.row(run.id(), run.startedAt(), run.score());
 *     }
 *     writer.finish();
 * }
 * }</pre>
 *
 * <p><b>Every sheet reads and prints</b> without the job doing anything (set in one place, {@link PrintLayout}):
 * landscape when the sheet is wider than a portrait page, scaled to one page wide (any number of pages tall), the
 * header row repeated on every printed page, a footer with the report's name, the sheet's name and "Page N of M";
 * each column as wide as its header and the content actually written (measured while streaming), capped at the
 * {@link Column}'s width. The workbook opens on its first sheet.
 *
 * <p><b>A first sheet that reads top to bottom</b>: {@link #summary(String)} adds a {@link SummarySheet} (label /
 * value rows: what the report is, generated at, database, job, execution id, outcome, parameters, headline figures,
 * then a link to every other sheet with its description) that is always placed first and laid out at finish.
 *
 * <pre>{@code
 * try (SpreadsheetWriter writer = SpreadsheetWriter.create(out, "Usage report")) {
 *     SummarySheet summary = writer.summary("Summary")
 *             .about("Prompt runs per organization in November 2026.")
 *             .generatedAt(Instant.now())
 *             .database(target.host(), target.database())      // never the credentials
 *             .job("usage-report", executionId)
 *             .parameters(Map.of("month", "2026-11"));
 *     SpreadsheetWriter.Sheet orgs = writer.sheet("Organizations", "Runs and seats per organization", List.of(
 *             Column.text("Org id", 36), Column.text("Org slug", 30), Column.text("Org name", 40),
 *             Column.integer("Runs")));
 *     ...
 *     summary.outcome("COMPLETED").count("Runs", runs).percentage("Success rate", 0.97)
 *            .duration("Took", Duration.ofSeconds(72));
 *     writer.finish();
 * }
 * }</pre>
 *
 * <p>The API: {@link #create(Path)}, {@link #create(Path, String)}, {@link #createWithoutCharts},
 * {@link #sheet(String, List)}, {@link #sheet(String, String, List)}, {@link #summary(String)}, {@link #finish()},
 * {@link #close()}; {@link Sheet#row(Object...)}, {@link Sheet#describe(String)}, {@link Sheet#end()},
 * {@link Sheet#rows()}, {@link Sheet#name()}; and
 * {@link SummarySheet}'s setters. Sheets that list organizations show the org's slug and name beside its id, and
 * sheets that list users their e-mail beside the id where the database has one, from the same query (a join).
 *
 * <p>Not thread-safe: one thread writes one workbook.
 */
public final class SpreadsheetWriter implements AutoCloseable {

    /** Excel's 1,048,576 rows less the header row. */
    public static final int MAX_DATA_ROWS_PER_SHEET = SpreadsheetVersion.EXCEL2007.getMaxRows() - 1;
    private static final int MAX_COLUMNS = SpreadsheetVersion.EXCEL2007.getMaxColumns();

    private enum State { OPEN, FINISHED, CLOSED }

    private final Path target;
    private final int maxDataRowsPerSheet;
    private final WorkbookEngine workbook;
    private final List<Sheet> sheets = new ArrayList<>();
    /** Sheet names in use, upper-cased: Excel compares them ignoring case. */
    private final Set<String> sheetNames = new HashSet<>();
    private final String reportName;
    private SummarySheet summary;
    private State state = State.OPEN;

    private SpreadsheetWriter(Path target, int maxDataRowsPerSheet, String reportName, WorkbookEngine workbook) {
        this.target = target;
        this.maxDataRowsPerSheet = maxDataRowsPerSheet;
        this.reportName = reportName;
        this.workbook = workbook;
    }

    /** Starts a workbook that {@link #finish()} will write to {@code target}; creates the parent folders. */
    public static SpreadsheetWriter create(Path target) {
        return create(target, MAX_DATA_ROWS_PER_SHEET, null);
    }

    /**
     * As {@link #create(Path)}, naming the report: the summary sheet's title and every printed page's footer.
     * Without a name, they show the file's name.
     */
    public static SpreadsheetWriter create(Path target, String reportName) {
        return create(target, MAX_DATA_ROWS_PER_SHEET, Objects.requireNonNull(reportName, "reportName"));
    }

    /**
     * As {@link #create(Path)}, rolling a sheet over after {@code maxDataRowsPerSheet} data rows (at most Excel's
     * 1,048,575); a lower limit lets tests show the rollover without a million rows.
     */
    public static SpreadsheetWriter create(Path target, int maxDataRowsPerSheet) {
        return create(target, maxDataRowsPerSheet, null);
    }

    public static SpreadsheetWriter create(Path target, int maxDataRowsPerSheet, String reportName) {
        return create(target, maxDataRowsPerSheet, reportName, false);
    }

    /**
     * As {@link #create(Path, int, String)}, written by fastexcel: about twice as fast as POI, the same cells, looks
     * and print setup, but no charts ({@link Sheet#chart} and {@link SummarySheet#chart} refuse them); column widths
     * are fitted to each sheet's first {@value FastexcelWorkbook#SAMPLE_ROWS} rows. One sheet streams into the file at
     * a time: a sheet's rows that arrive while an earlier sheet is still open wait in a temp file, so a job that
     * writes its sheets one after the other says so with {@link Sheet#end()}. The summary sheet, if any, is added
     * before the first row.
     */
    public static SpreadsheetWriter createWithoutCharts(Path target, int maxDataRowsPerSheet, String reportName) {
        return create(target, maxDataRowsPerSheet, Objects.requireNonNull(reportName, "reportName"), true);
    }

    private static SpreadsheetWriter create(Path target, int maxDataRowsPerSheet, String reportName,
                                            boolean withoutCharts) {
        Objects.requireNonNull(target, "target");
        if (maxDataRowsPerSheet < 1 || maxDataRowsPerSheet > MAX_DATA_ROWS_PER_SHEET) {
            throw new IllegalArgumentException("maxDataRowsPerSheet " + maxDataRowsPerSheet
                    + " is outside 1.." + MAX_DATA_ROWS_PER_SHEET);
        }
        Path absolute = target.toAbsolutePath();
        Path fileName = absolute.getFileName();
        if (fileName == null) {
            throw new IllegalArgumentException("target " + target + " names no file");
        }
        try {
            Files.createDirectories(absolute.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of " + target, e);
        }
        String name = reportName != null ? reportName : fileName.toString().replaceFirst("\\.xlsx$", "");
        return new SpreadsheetWriter(target, maxDataRowsPerSheet, name,
                withoutCharts ? new FastexcelWorkbook() : new PoiWorkbook());
    }

    /**
     * Adds a sheet with a bold header row, the pane frozen under it, an autofilter over the columns and
     * the columns' widths. The name is made safe for Excel ([]:*?/\ removed, at most 31 characters).
     *
     * @throws IllegalArgumentException if there are no columns, more than Excel allows, or the (safe)
     *         name is already used in this workbook
     */
    public Sheet sheet(String name, List<Column> columns) {
        return sheet(name, null, columns);
    }

    /**
     * As {@link #sheet(String, List)}, with one line on what the sheet holds: the summary sheet lists it beside
     * its link to the sheet.
     */
    public Sheet sheet(String name, String description, List<Column> columns) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(columns, "columns");
        requireOpen();
        if (columns.isEmpty() || columns.size() > MAX_COLUMNS) {
            throw new IllegalArgumentException("sheet '" + name + "' needs 1.." + MAX_COLUMNS
                    + " columns, got " + columns.size());
        }
        String safeName = SafeText.sheetName(name);
        claimSheetName(safeName);
        Sheet sheet = new Sheet(safeName, List.copyOf(columns));
        sheet.describe(description);
        sheets.add(sheet);
        return sheet;
    }

    /**
     * Adds the workbook's first sheet, a {@link SummarySheet} of label / value rows, laid out at {@link #finish()}
     * and placed before every other sheet whenever it was added. One per workbook.
     *
     * @throws IllegalStateException if the workbook already has one
     * @throws IllegalArgumentException if the (safe) name is already used in this workbook
     */
    public SummarySheet summary(String name) {
        Objects.requireNonNull(name, "name");
        requireOpen();
        if (summary != null) {
            throw new IllegalStateException("the workbook for " + target + " already has its summary sheet '"
                    + summary.name() + "'");
        }
        String safeName = SafeText.sheetName(name);
        claimSheetName(safeName);
        summary = new SummarySheet(workbook.summary(safeName));
        return summary;
    }

    /**
     * Finishes the workbook and writes it to the target, replacing an earlier file, flushed to disk. After a
     * failure the target is gone if writing it had begun (no half file), otherwise as it was.
     *
     * @return the target
     */
    public Path finish() {
        requireOpen();
        boolean writing = false;
        try {
            for (Sheet sheet : sheets) {
                sheet.end();
            }
            if (summary != null) {
                List<SummarySheet.SheetLink> links = new ArrayList<>();
                for (Sheet sheet : sheets) {
                    links.addAll(sheet.links());
                }
                summary.write(reportName, links);
            }
            writing = true;
            workbook.write(target);
            disposeWorkbook();
            state = State.FINISHED;
            return target;
        } catch (IOException e) {
            discard(e, writing);
            throw new UncheckedIOException("cannot write " + target, e);
        } catch (RuntimeException | Error e) {
            discard(e, writing);
            throw e;
        }
    }

    /**
     * Without {@link #finish()}, throws the workbook away: nothing was written to the target. Always disposes
     * SXSSF's temp files. Does nothing after a finish or a second time.
     */
    @Override
    public void close() {
        if (state == State.OPEN) {
            discard(null, false);
        }
    }

    /**
     * Disposes the workbook and, when it was being written, deletes the half-written target; a failure here is
     * added to {@code cause} if any.
     */
    private void discard(Throwable cause, boolean halfWritten) {
        state = State.CLOSED;
        Throwable failure = cause;
        try {
            disposeWorkbook();
        } catch (IOException | RuntimeException e) {
            failure = addTo(failure, e);
        }
        if (halfWritten) {
            try {
                Files.deleteIfExists(target);
            } catch (IOException e) {
                failure = addTo(failure, e);
            }
        }
        if (cause == null && failure != null) {
            throw new UncheckedIOException("cannot clean up the unfinished workbook for " + target,
                    failure instanceof IOException io ? io : new IOException(failure));
        }
    }

    private static Throwable addTo(Throwable failure, Throwable next) {
        if (failure == null) {
            return next;
        }
        failure.addSuppressed(next);
        return failure;
    }

    private void disposeWorkbook() throws IOException {
        workbook.dispose();
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("the workbook for " + target + " is already "
                    + (state == State.FINISHED ? "committed to its file" : state.name().toLowerCase(Locale.ROOT)));
        }
    }

    private void claimSheetName(String name) {
        if (!sheetNames.add(key(name))) {
            throw new IllegalArgumentException("sheet name '" + name + "' is already used in this workbook");
        }
    }

    private boolean sheetNameTaken(String name) {
        return sheetNames.contains(key(name));
    }

    private static String key(String sheetName) {
        return sheetName.toUpperCase(Locale.ROOT);
    }

    /**
     * One sheet of the workbook. When it reaches Excel's row limit it goes on in a new sheet named
     * "name (2)", "name (3)", ... with the same header, frozen pane and autofilter.
     */
    public final class Sheet {

        private final String name;
        private final Column[] columns;
        private final String[] headers;
        private final Look[] headerLooks;
        private final Look[] kindLooks;
        // Scratch for one row: every value is checked before anything is written, so a refused row
        // leaves no partial row behind.
        private final String[] texts;
        private final double[] numbers;
        private final CellKind[] cellKinds;
        private final Look[] cellLooks;
        private final FittedWidths widths;
        private final Supplier<int[]> widthsSoFar;
        private final List<String> partNames = new ArrayList<>();
        private String description;
        private int printedColumns;
        private int printedRows;
        private int printedPagesTall;
        private WorkbookEngine.DataPart part;
        private int partNumber;
        private int rowsInPart;
        private long rows;
        private boolean ended;

        private Sheet(String name, List<Column> columns) {
            this.name = name;
            this.columns = columns.toArray(Column[]::new);
            this.headers = new String[this.columns.length];
            this.headerLooks = new Look[this.columns.length];
            this.kindLooks = new Look[this.columns.length];
            for (int i = 0; i < this.columns.length; i++) {
                headers[i] = SafeText.cell(this.columns[i].header());
                CellKind kind = this.columns[i].kind();
                boolean numeric = kind == CellKind.INTEGER || kind == CellKind.DECIMAL || kind == CellKind.PERCENT;
                headerLooks[i] = SafeText.looksLikeFormula(headers[i]) ? Look.HEADER_QUOTED
                        : numeric ? Look.HEADER_NUMBER : Look.HEADER;
                kindLooks[i] = Look.forKind(kind);
            }
            this.texts = new String[this.columns.length];
            this.numbers = new double[this.columns.length];
            this.cellKinds = new CellKind[this.columns.length];
            this.cellLooks = new Look[this.columns.length];
            this.widths = new FittedWidths(columns);
            this.widthsSoFar = () -> {
                int[] chars = new int[this.columns.length];
                for (int i = 0; i < chars.length; i++) {
                    chars[i] = widths.chars(i);
                }
                return chars;
            };
            startPart(name, 1, null);
        }

        /**
         * Writes one data row: one value per column, in column order; {@code null} leaves the cell empty.
         *
         * @throws IllegalArgumentException naming the sheet, column and value type if a value does not
         *         fit its column (nothing of the row is written then), or if the count is not the columns'
         * @throws IllegalStateException after {@link #end()}
         */
        public void row(Object... values) {
            write(null, values);
        }

        /**
         * Writes one row whose cells take {@code kinds} instead of their columns' kinds: a label / value
         * sheet holds a count, a date and a percentage in its one value column.
         *
         * @throws IllegalArgumentException as {@link #row}, or if there is not one kind per column
         */
        public void rowOfKinds(List<CellKind> kinds, Object... values) {
            Objects.requireNonNull(kinds, "kinds");
            if (kinds.size() != columns.length) {
                throw new IllegalArgumentException("sheet '" + part.name() + "' has " + columns.length
                        + " columns, but " + kinds.size() + " kinds were given");
            }
            write(kinds.toArray(CellKind[]::new), values);
        }

        /**
         * Says that this sheet gets no more rows: its layout is settled now, and a workbook written by fastexcel
         * writes it out and streams the next sheet's rows instead of holding them in a temp file. Optional (the
         * workbook's finish ends every sheet); a second call does nothing.
         */
        public void end() {
            requireOpen();
            if (!ended) {
                finishPart();
                ended = true;
            }
        }

        /**
         * Draws {@code chart} on this sheet over data rows it has written (still in the streaming window, so
         * draw it right after them): its categories and values are read back from those cells.
         *
         * @throws IllegalArgumentException if the rows are not written, or no longer held in memory
         * @throws UnsupportedOperationException in a workbook made by {@link #createWithoutCharts}
         */
        public void chart(Chart chart) {
            Objects.requireNonNull(chart, "chart");
            requireOpen();
            if (partNumber != 1 || chart.lastDataRow() > rowsInPart
                    || rowsInPart - chart.firstDataRow() >= PoiWorkbook.ROW_WINDOW) {
                throw new IllegalArgumentException("sheet '" + name + "': chart '" + chart.title()
                        + "' must cover data rows written last (at most " + PoiWorkbook.ROW_WINDOW
                        + " rows back), got rows " + chart.firstDataRow() + ".." + chart.lastDataRow() + " of "
                        + rowsInPart);
            }
            part.chart(chart);
        }

        private void write(CellKind[] kinds, Object... values) {
            requireOpen();
            if (ended) {
                throw new IllegalStateException("sheet '" + name + "' was ended; it takes no more rows");
            }
            if (values == null || values.length != columns.length) {
                throw new IllegalArgumentException("sheet '" + part.name() + "' has " + columns.length
                        + " columns, but row " + (rows + 1) + " has "
                        + (values == null ? "no" : String.valueOf(values.length)) + " values");
            }
            for (int i = 0; i < columns.length; i++) {
                prepare(i, kinds == null ? columns[i].kind() : kinds[i], values[i]);
            }
            if (rowsInPart == maxDataRowsPerSheet) {
                rollOver();
            }
            for (int i = 0; i < columns.length; i++) {
                Look look = cellLooks[i];
                if (look == null) {
                    continue;
                }
                switch (cellKinds[i]) {
                    case TEXT -> {
                        part.text(i, texts[i], look);
                        widths.text(i, texts[i]);
                        texts[i] = null;
                    }
                    case BOOLEAN -> {
                        part.bool(i, numbers[i] != 0);
                        widths.value(i, CellKind.BOOLEAN, numbers[i]);
                    }
                    default -> {
                        part.number(i, numbers[i], look);
                        widths.value(i, cellKinds[i], numbers[i]);
                    }
                }
            }
            part.endRow();
            rowsInPart++;
            rows++;
        }

        /** Data rows written so far, over all parts of this sheet. */
        public long rows() {
            return rows;
        }

        /** The sheet's name as written (made safe); later parts add " (2)", " (3)", ... */
        public String name() {
            return name;
        }

        /** One line on what the sheet holds, for the summary sheet's link to it; null for none. */
        public Sheet describe(String description) {
            this.description = description;
            return this;
        }

        /**
         * Prints only the first {@code count} columns (a print area; the sheet keeps every column on screen): a sheet
         * whose leading columns are what a reader scans prints them legibly instead of all of them squeezed.
         */
        public Sheet printColumns(int count) {
            if (count < 1 || count > columns.length) {
                throw new IllegalArgumentException("sheet '" + name + "' has " + columns.length
                        + " columns, cannot print the first " + count);
            }
            this.printedColumns = count;
            return this;
        }

        /**
         * Prints only the first {@code count} data rows (a print area; the sheet keeps every row on screen): a long
         * sheet whose top rows are what matters on paper, such as the busiest organizations.
         */
        public Sheet printRows(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("sheet '" + name + "': cannot print " + count + " rows");
            }
            this.printedRows = count;
            return this;
        }

        /**
         * Prints on at most {@code pages} pages tall (still one page wide), smaller where the rows need it: a long
         * list that should stay a few pages on paper.
         */
        public Sheet printPagesTall(int pages) {
            if (pages < 1 || pages > Short.MAX_VALUE) {
                throw new IllegalArgumentException("sheet '" + name + "': cannot print on " + pages + " pages");
            }
            this.printedPagesTall = pages;
            return this;
        }

        /** The summary's links to this sheet's parts; a part after the first says it continues the first. */
        private List<SummarySheet.SheetLink> links() {
            List<SummarySheet.SheetLink> links = new ArrayList<>();
            String what = description == null ? "" : description;
            for (int i = 0; i < partNames.size(); i++) {
                links.add(new SummarySheet.SheetLink(partNames.get(i), i == 0 ? what
                        : "continues " + name + " (a sheet holds at most " + String.format("%,d", maxDataRowsPerSheet)
                                + " rows)" + (what.isEmpty() ? "" : ": " + what)));
            }
            return links;
        }

        private void prepare(int i, CellKind kind, Object value) {
            cellKinds[i] = kind;
            if (value == null) {
                cellLooks[i] = null;
                return;
            }
            if (kind == CellKind.TEXT) {
                String text = SafeText.cell(value instanceof String s ? s : String.valueOf(value));
                texts[i] = text;
                cellLooks[i] = SafeText.looksLikeFormula(text) ? Look.TEXT_QUOTED : Look.TEXT;
                return;
            }
            if (!CellValues.fits(kind, value)) {
                throw refused(i, "a " + value.getClass().getName() + " does not fit a " + kind
                        + " column, which takes " + CellValues.accepted(kind));
            }
            try {
                numbers[i] = CellValues.excelNumber(kind, value);
            } catch (CellValues.Refused e) {
                throw refused(i, "the " + value.getClass().getName() + " " + e.getMessage());
            }
            cellLooks[i] = kind == columns[i].kind() ? kindLooks[i] : Look.forKind(kind);
        }

        private IllegalArgumentException refused(int column, String reason) {
            return new IllegalArgumentException("sheet '" + part.name() + "', column '"
                    + columns[column].header() + "', row " + (rows + 1) + ": " + reason);
        }

        /** Goes on in the next part, placed right after this one even if other sheets came since. */
        private void rollOver() {
            finishPart();
            int number = partNumber + 1;
            // Skips a "name (n)" that a job happened to create itself.
            while (sheetNameTaken(SafeText.sheetPartName(name, number))) {
                number++;
            }
            String partName = SafeText.sheetPartName(name, number);
            claimSheetName(partName);
            startPart(partName, number, part);
        }

        private void startPart(String partName, int number, WorkbookEngine.DataPart previous) {
            part = workbook.dataPart(partName, previous, widthsSoFar);
            partNames.add(partName);
            partNumber = number;
            rowsInPart = 0;
            part.header(headers, headerLooks, widths.twoLineHeader());
        }

        /**
         * Sets the autofilter over the header and the rows written, the columns' widths and the print layout, now
         * that the rows are known. The widths are measured over this part and the parts before it.
         */
        private void finishPart() {
            int[] chars = widthsSoFar.get();
            int lastColumn = printedColumns > 0 ? printedColumns - 1 : columns.length - 1;
            int printedChars = 0;
            for (int i = 0; i <= lastColumn; i++) {
                printedChars += chars[i];
            }
            part.finish(new WorkbookEngine.PartLayout(rowsInPart, chars, printedColumns, printedRows,
                    printedPagesTall, printedChars, reportName));
        }
    }
}

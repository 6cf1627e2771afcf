package com.promptforge.batch.spreadsheet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What writes a {@link SpreadsheetWriter}'s cells into an .xlsx: {@link PoiWorkbook} (POI SXSSF: charts) or
 * {@link FastexcelWorkbook} (fastexcel: about twice as fast, no charts). The writer decides every value, look,
 * width and print setting; an engine only puts them in the file.
 */
interface WorkbookEngine {

    /**
     * A new data sheet, placed right after {@code after} (its part before a rollover) or, when null, after the
     * sheets so far. {@code widths} gives the columns' widths in characters as fitted so far, for an engine that
     * writes them before the rows.
     */
    DataPart dataPart(String name, DataPart after, Supplier<int[]> widths);

    /** The summary sheet, placed first; it is laid out at finish. */
    SummaryCells summary(String name);

    /** Writes the workbook to {@code target} (flushed to disk), opening on its first sheet. */
    void write(Path target) throws IOException;

    /** Frees what the engine holds (temp files, memory); called once, after a write or instead of it. */
    void dispose() throws IOException;

    /** One sheet (one part of a rolled-over sheet): a header row, then data rows in order. */
    interface DataPart {

        String name();

        /** Row 0, frozen under; two lines tall when a header wraps. */
        void header(String[] texts, Look[] looks, boolean twoLines);

        void text(int column, String text, Look look);

        void number(int column, double value, Look look);

        void bool(int column, boolean value);

        /** Ends the data row whose cells were just given. */
        void endRow();

        /** The part is complete: autofilter, widths and print setup, as {@code layout} says. */
        void finish(PartLayout layout);

        /** Draws a chart over data rows written last; an engine without charts refuses it. */
        void chart(Chart chart);
    }

    /** A sheet of cells placed freely (the summary): a few dozen, held until finish. */
    interface SummaryCells {

        String name();

        void text(int row, int column, String text, Look look);

        void number(int row, int column, double value, Look look);

        /** Makes the cell (already given) a link to {@code address} in this workbook, e.g. 'Runs'!A1. */
        void link(int row, int column, String address);

        /** Sets the row's height to {@code lines} default rows. */
        void rowLines(int row, int lines);

        void width(int column, int chars);

        void print(int widthChars, String reportName);

        /** Draws a chart; an engine without charts refuses it. */
        void chart(Chart chart);
    }

    /**
     * A finished part's layout: {@code rows} data rows under the header, each column's width in characters, the
     * printed columns and rows (0: all), at most {@code pagesTall} pages tall (0: as many as it takes), and what the
     * print layout needs ({@link PrintLayout}).
     */
    record PartLayout(int rows, int[] widths, int printedColumns, int printedRows, int pagesTall, int printedChars,
                      String reportName) {
    }
}

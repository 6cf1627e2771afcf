package com.promptforge.batch.spreadsheet;

import java.util.Objects;

/**
 * A chart a job draws over rows it wrote ({@link SpreadsheetWriter.Sheet#chart}): one series, its categories
 * from one column and its values from another, over data rows {@code firstDataRow..lastDataRow} (1 is the
 * first row under the header), placed with its top left corner at {@code anchorColumn}/{@code anchorRow}
 * (0-based cell position) and {@code widthColumns} x {@code heightRows} cells large.
 */
public record Chart(Type type, String title, String seriesTitle, int categoryColumn, int valueColumn,
                    int firstDataRow, int lastDataRow, int anchorColumn, int anchorRow, int widthColumns,
                    int heightRows) {

    public enum Type { LINE, BAR }

    public Chart {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(seriesTitle, "seriesTitle");
        if (firstDataRow < 1 || lastDataRow < firstDataRow) {
            throw new IllegalArgumentException("chart '" + title + "': data rows " + firstDataRow + ".."
                    + lastDataRow + " are not a range of written rows (the first is 1)");
        }
        if (categoryColumn < 0 || valueColumn < 0 || anchorColumn < 0 || anchorRow < 0 || widthColumns < 1
                || heightRows < 1) {
            throw new IllegalArgumentException("chart '" + title + "': columns, position and size must not be "
                    + "negative and the size at least one cell");
        }
    }
}

package com.promptforge.batch.spreadsheet;

import com.promptforge.batch.core.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The first sheet of a workbook, read top to bottom as label / value rows rather than one wide row: the report's
 * name, what it is in one sentence, when it was generated (UTC), the database (host and name, never credentials),
 * the job and its execution id, the outcome, the run's parameters, the headline figures (counts with thousands
 * separators, percentages as percentages, durations as "1 min 12 s"), then every other sheet of the workbook with
 * one line on what it holds, as a link to it.
 *
 * <p>Made by {@link SpreadsheetWriter#summary(String)}; its setters may be called in any order and at any time
 * before {@link SpreadsheetWriter#finish()}, which lays the rows out in the order above (a job usually knows its
 * outcome and figures only at the end). Values are kept in memory: a summary is a few dozen rows.
 */
public final class SummarySheet {

    public static final String ABOUT = "What this is";
    public static final String GENERATED_AT = "Generated at (UTC)";
    public static final String DATABASE = "Database";
    public static final String JOB = "Job";
    public static final String EXECUTION = "Execution id";
    public static final String OUTCOME = "Outcome";
    public static final String PARAMETERS = "Parameters";
    public static final String FIGURES = "Figures";
    public static final String SHEETS = "Sheets";

    /** Widths in characters: labels, and values (a longer value wraps). */
    private static final int MAX_LABEL_CHARS = 26;
    // Label and value together stay within a portrait page (PrintLayout.PORTRAIT_WIDTH_CHARS).
    private static final int MAX_VALUE_CHARS = PrintLayout.PORTRAIT_WIDTH_CHARS - MAX_LABEL_CHARS;
    private static final int MIN_VALUE_CHARS = 20;

    private enum Kind { TEXT, NUMBER, COUNT, PERCENT, TIMESTAMP }

    private record Value(Object value, Kind kind) {
    }

    /** A chart over headline figures, drawn below the rows. */
    private record FigureChart(Chart.Type type, String title, String seriesTitle, List<String> labels) {
    }

    /** Chart size in cells: across the label and value columns, this many rows tall. */
    private static final int CHART_ROWS = 18;

    /** A sheet the summary links to, with what it holds. */
    record SheetLink(String sheetName, String description) {
    }

    private final WorkbookEngine.SummaryCells sheet;
    private final Map<String, Value> heading = new LinkedHashMap<>();
    private final Map<String, Value> parameters = new LinkedHashMap<>();
    private final Map<String, Value> figures = new LinkedHashMap<>();
    private final List<FigureChart> charts = new java.util.ArrayList<>();
    private String leadingHeading;
    private List<LeadingLine> leadingLines = List.of();
    private final Map<String, Integer> figureRows = new java.util.HashMap<>();
    private int labelChars;
    private int valueChars = MIN_VALUE_CHARS;

    SummarySheet(WorkbookEngine.SummaryCells sheet) {
        this.sheet = sheet;
        for (String label : List.of(ABOUT, GENERATED_AT, DATABASE, JOB, EXECUTION, OUTCOME)) {
            heading.put(label, null);
        }
    }

    /** The sheet's name as written. */
    public String name() {
        return sheet.name();
    }

    /**
     * A line of the leading section: a short label, its text, and the cell it links to ({@code sheet} and the
     * cell's 0-based {@code row}, column A), or no link when {@code sheet} is null.
     */
    public record LeadingLine(String label, String text, String sheet, long row) {

        public LeadingLine {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(text, "text");
        }

        public static LeadingLine unlinked(String label, String text) {
            return new LeadingLine(label, text, null, 0);
        }
    }

    /**
     * A section placed first, right under the title (what the reader must see before anything else, such as what
     * needs attention), its lines in the given order, each label a link where it names a sheet; {@code whenEmpty} is its
     * one line when there are none.
     */
    public SummarySheet leading(String heading, List<LeadingLine> lines, String whenEmpty) {
        Objects.requireNonNull(heading, "heading");
        this.leadingHeading = heading;
        this.leadingLines = lines.isEmpty() ? List.of(LeadingLine.unlinked("", whenEmpty)) : List.copyOf(lines);
        return this;
    }

    /** What the report is, in one sentence. */
    public SummarySheet about(String sentence) {
        return put(heading, ABOUT, sentence, Kind.TEXT);
    }

    /** When the report was generated, shown in UTC. */
    public SummarySheet generatedAt(Instant at) {
        return put(heading, GENERATED_AT, at, Kind.TIMESTAMP);
    }

    /** Where the data came from: host (with port) and database name; never pass credentials. */
    public SummarySheet database(String host, String databaseName) {
        return put(heading, DATABASE, databaseName + " on " + host, Kind.TEXT);
    }

    public SummarySheet job(String jobName, long executionId) {
        put(heading, JOB, jobName, Kind.TEXT);
        return put(heading, EXECUTION, executionId, Kind.NUMBER);
    }

    /** How the run ended, e.g. "COMPLETED" or "dry run: nothing written". */
    public SummarySheet outcome(String outcome) {
        return put(heading, OUTCOME, outcome, Kind.TEXT);
    }

    /** One parameter of the run, as the run used it (numbers as numbers, anything else as its text). */
    public SummarySheet parameter(String name, Object value) {
        return put(parameters, name, value, value instanceof Number ? Kind.NUMBER : Kind.TEXT);
    }

    /** The run's parameters, in the map's order. */
    public SummarySheet parameters(Map<String, ?> values) {
        values.forEach(this::parameter);
        return this;
    }

    /** A headline count, shown with thousands separators (and still a number in the cell). */
    public SummarySheet count(String label, long value) {
        return put(figures, label, value, Kind.COUNT);
    }

    /** A headline share, {@code 0.125} shown as 12.5%. */
    public SummarySheet percentage(String label, double fraction) {
        return put(figures, label, fraction, Kind.PERCENT);
    }

    /** A headline duration, shown as {@link DurationText#spoken} says it: "1 min 12 s". */
    public SummarySheet duration(String label, Duration duration) {
        return put(figures, label, DurationText.spoken(duration), Kind.TEXT);
    }

    /** Any other headline figure, as text. */
    public SummarySheet figure(String label, Object value) {
        return put(figures, label, value, Kind.TEXT);
    }

    /**
     * A chart of the headline figures {@code labels} (set as counts or numbers, in consecutive order, e.g. runs
     * per day), their labels as categories; drawn under the summary's rows, so that no chart hides a value.
     */
    public SummarySheet chart(Chart.Type type, String title, String seriesTitle, List<String> labels) {
        Objects.requireNonNull(type, "type");
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("chart '" + title + "': no figures to chart");
        }
        charts.add(new FigureChart(type, title, seriesTitle, List.copyOf(labels)));
        return this;
    }

    private SummarySheet put(Map<String, Value> section, String label, Object value, Kind kind) {
        Objects.requireNonNull(label, "label");
        section.put(label, value == null ? null : new Value(value, kind));
        return this;
    }

    /** Lays the rows out; called once, by the writer's finish. */
    void write(String reportName, List<SheetLink> sheets) {
        sheet.text(0, 0, SafeText.cell(reportName), Look.TITLE);
        int next = 1;
        if (leadingHeading != null) {
            next = leadingLines(sectionRow(next, leadingHeading)) + 1;
        }
        next = lines(next, heading);
        if (!parameters.isEmpty()) {
            next = lines(sectionRow(next + 1, PARAMETERS), parameters);
        }
        if (!figures.isEmpty()) {
            int first = sectionRow(next + 1, FIGURES);
            next = lines(first, figures);
            int row = first;
            for (Map.Entry<String, Value> line : figures.entrySet()) {
                if (line.getValue() != null) {
                    figureRows.put(line.getKey(), row++);
                }
            }
        }
        if (!sheets.isEmpty()) {
            next = sectionRow(next + 1, SHEETS);
            for (SheetLink link : sheets) {
                int row = next++;
                sheet.text(row, 0, link.sheetName(), Look.LINK);
                sheet.link(row, 0, address(link.sheetName(), 0));
                labelChars = Math.max(labelChars, link.sheetName().length());
                valueChars = Math.max(valueChars, text(row, link.description()));
            }
        }
        int labelWidth = Math.min(MAX_LABEL_CHARS, labelChars + 2);
        int valueWidth = Math.min(MAX_VALUE_CHARS, valueChars + 1);
        sheet.width(0, labelWidth);
        sheet.width(1, valueWidth);
        sheet.print(labelWidth + valueWidth, reportName);
        drawCharts(next + 1);
    }

    /** A link's address: the sheet's name quoted (an apostrophe doubled) and the cell in column A of {@code row}. */
    private static String address(String sheetName, long row) {
        return "'" + sheetName.replace("'", "''") + "'!A" + (row + 1);
    }

    /** Draws the charts one under the other from row {@code anchorRow}, over the rows their figures are on. */
    private void drawCharts(int anchorRow) {
        int anchor = anchorRow;
        for (FigureChart chart : charts) {
            int first = row(chart, chart.labels().get(0));
            for (int i = 1; i < chart.labels().size(); i++) {
                if (row(chart, chart.labels().get(i)) != first + i) {
                    throw new IllegalArgumentException("chart '" + chart.title() + "': figures " + chart.labels()
                            + " are not consecutive lines of the summary");
                }
            }
            sheet.chart(new Chart(chart.type(), chart.title(), chart.seriesTitle(), 0, 1, first,
                    first + chart.labels().size() - 1, 0, anchor, 2, CHART_ROWS));
            anchor += CHART_ROWS + 1;
        }
    }

    private int row(FigureChart chart, String label) {
        Integer row = figureRows.get(label);
        if (row == null) {
            throw new IllegalArgumentException("chart '" + chart.title() + "': no figure '" + label + "'");
        }
        return row;
    }

    /** Writes the leading section's lines from row {@code index}, links where they have one; returns the next row. */
    private int leadingLines(int index) {
        int next = index;
        for (LeadingLine line : leadingLines) {
            labelChars = Math.max(labelChars, line.label().length());
            // From the label: a spreadsheet program shows a link's text on one line, cut at the column's edge.
            valueChars = Math.max(valueChars, valueRow(next, line.label(), new Value(line.text(), Kind.TEXT),
                    line.sheet() != null));
            if (line.sheet() != null) {
                sheet.link(next, 0, address(line.sheet(), line.row()));
            }
            next++;
        }
        return next;
    }

    /** Writes the set lines of a section from row {@code index}; returns the next free row. */
    private int lines(int index, Map<String, Value> section) {
        int next = index;
        for (Map.Entry<String, Value> line : section.entrySet()) {
            if (line.getValue() != null) {
                labelChars = Math.max(labelChars, line.getKey().length());
                valueChars = Math.max(valueChars, valueRow(next++, line.getKey(), line.getValue(), false));
            }
        }
        return next;
    }

    private int sectionRow(int index, String section) {
        sheet.text(index, 0, section, Look.SECTION);
        return index + 1;
    }

    /** Writes a label / value row, the label styled as a link if {@code linked}; returns the value's width. */
    private int valueRow(int index, String label, Value value, boolean linked) {
        sheet.text(index, 0, SafeText.cell(label),
                linked ? Look.LINK : SafeText.looksLikeFormula(label) ? Look.HEADER_QUOTED : Look.LABEL);
        return switch (value.kind()) {
            case TEXT -> text(index, String.valueOf(value.value()));
            case NUMBER -> number(index, (Number) value.value(), Look.VALUE_NUMBER, "%d");
            case COUNT -> number(index, (Number) value.value(), Look.VALUE_COUNT, "%,d");
            case PERCENT -> {
                sheet.number(index, 1, ((Number) value.value()).doubleValue(), Look.VALUE_PERCENT);
                yield 8;
            }
            case TIMESTAMP -> {
                // Floored to its second, as shown: a program rounds 23:59:59.999 up to the next day otherwise.
                sheet.number(index, 1, CellValues.excelNumber(CellKind.TIMESTAMP,
                        ((Instant) value.value()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)),
                        Look.VALUE_TIMESTAMP);
                yield 19;
            }
        };
    }

    private int number(int row, Number number, Look look, String format) {
        if (number instanceof Double || number instanceof Float || number instanceof java.math.BigDecimal) {
            sheet.number(row, 1, number.doubleValue(), look);
            return number.toString().length();
        }
        sheet.number(row, 1, CellValues.excelNumber(CellKind.INTEGER, number), look);
        return String.format(format, number.longValue()).length();
    }

    private int text(int row, String value) {
        String safe = SafeText.cell(value);
        sheet.text(row, 1, safe, SafeText.looksLikeFormula(safe) ? Look.VALUE_TEXT_QUOTED : Look.VALUE_TEXT);
        // A value wider than its column wraps; spreadsheet programs do not grow a streamed row to fit it.
        // A column of n characters (widths count the digit '0') holds about 1.3 n characters of prose.
        int perLine = MAX_VALUE_CHARS * 13 / 10;
        int lines = (safe.length() + perLine - 1) / perLine;
        if (lines > 1) {
            sheet.rowLines(row, Math.min(lines, 10));
        }
        return safe.length();
    }
}

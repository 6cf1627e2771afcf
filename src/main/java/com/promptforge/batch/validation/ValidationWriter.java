package com.promptforge.batch.validation;

import com.promptforge.batch.job.ChunkSteps;
import com.promptforge.batch.job.ReportedRun;
import com.promptforge.batch.job.RunSummary;
import com.promptforge.batch.report.ReportKey;
import com.promptforge.batch.report.ReportLifecycle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamSupport;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * Counts the checked rows per table and streams the problems of the invalid ones into the report; when the step has
 * completed, writes the summary sheet, commits and publishes the report and leaves the figures in the step's context
 * (the printed summary shows them, the {@code validate} command reads {@link #INVALID_ROWS_KEY}). A step that
 * fails or stops leaves no workbook.
 */
class ValidationWriter extends ItemStreamSupport implements ItemStreamWriter<CheckedRow>, StepExecutionListener {

    /** Step execution context: rows without their shape (long), and the workbook written (string). */
    static final String INVALID_ROWS_KEY = "validation.invalidRows";
    static final String REPORT_KEY = "validation.report";

    private final JdbcOperations jdbc;
    private final ReportLifecycle reports;
    private final ReportKey reportKey;
    private final ReportedRun run;
    private final Map<String, TableTally> tallies = new LinkedHashMap<>();
    private @Nullable ValidationReport report;

    ValidationWriter(JdbcOperations jdbc, ReportLifecycle reports, ReportKey reportKey, ReportedRun run) {
        this.jdbc = jdbc;
        this.reports = reports;
        this.reportKey = reportKey;
        this.run = run;
        setName("dataValidationWriter");
    }

    @Override
    public void open(ExecutionContext executionContext) {
        tallies.clear();
        boolean withEmails = false;
        for (ShapedTable table : ShapedTable.load(jdbc)) {
            tallies.put(table.name(), new TableTally(table));
            withEmails = table.emails().available();
        }
        report = ValidationReport.create(reports, reportKey, run, withEmails);
    }

    @Override
    public void write(Chunk<? extends CheckedRow> chunk) {
        List<CheckedRow> rows = List.copyOf(chunk.getItems());
        for (CheckedRow row : rows) {
            if (!tallies.containsKey(row.table())) {
                throw new IllegalStateException("row of " + row.table() + ", which pf_json_shapes() does not list");
            }
        }
        // Counted and reported once the chunk commits: a chunk redone after a lost database counts once.
        ChunkSteps.afterCommit(() -> rows.forEach(this::record));
    }

    private void record(CheckedRow row) {
        tallies.get(row.table()).add(row);
        if (report != null) {
            for (CheckedRow.Problem problem : row.problems()) {
                report.problem(row, problem);
            }
        }
    }

    @Override
    public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
        if (report == null || stepExecution.getStatus() != BatchStatus.COMPLETED) {
            return null;  // close() throws the unfinished workbook away
        }
        ExecutionContext context = stepExecution.getExecutionContext();
        long checked = 0;
        long invalid = 0;
        long problems = 0;
        int place = 10;
        for (TableTally tally : tallies.values()) {
            checked += tally.rowsChecked();
            invalid += tally.invalidRows();
            problems += tally.problems();
            context.putString(RunSummary.PREFIX + (place++) + " " + tally.table().name(),
                    RunSummary.number(tally.rowsChecked()) + " rows checked, "
                            + RunSummary.number(tally.invalidRows()) + " invalid");
        }
        context.putLong(RunSummary.PREFIX + "1 rows checked", checked);
        context.putLong(RunSummary.PREFIX + "2 invalid rows", invalid);
        context.putLong(RunSummary.PREFIX + "3 problems", problems);
        context.putLong(INVALID_ROWS_KEY, invalid);
        try {
            String written = report.commit(tallies.values());
            context.putString(REPORT_KEY, written);
            context.putString(RunSummary.PREFIX + "90 report", written);
            return null;
        } catch (RuntimeException e) {
            // A validation without its report is a failed run.
            stepExecution.setStatus(BatchStatus.FAILED);
            stepExecution.addFailureException(e);
            return ExitStatus.FAILED.addExitDescription(e);
        }
    }

    @Override
    public void close() {
        if (report != null) {
            report.close();
            report = null;
        }
    }
}

package com.promptforge.batch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.spreadsheet.Column;
import com.promptforge.batch.spreadsheet.SpreadsheetWriter;
import com.promptforge.batch.spreadsheet.SummarySheet;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a notification lists as needing attention: the Summary's Needs attention block where the report has one (the
 * usage report), else the Findings sheet's critical and warning rows, read from the workbook.
 */
class WorkbookFindingsTest {

    @TempDir
    Path dir;

    @Test
    void criticalAndWarningRowsOfTheFindingsSheetNeedActionInfoRowsDoNot() throws Exception {
        Path workbook = dir.resolve("usage-report-2026-W48.xlsx");
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(workbook, "Usage report")) {
            writer.sheet("Orgs", List.of(Column.text("Org", 20))).row("critical");
            SpreadsheetWriter.Sheet findings = writer.sheet(WorkbookFindings.SHEET, List.of(Column.text("Severity", 10),
                    Column.text("Check", 20), Column.text("Object", 30), Column.text("Evidence", 40),
                    Column.text("Recommended statement", 40)));
            findings.row("critical", "invalid index", "public.idx_runs_org", "the index is not valid", "reindex ...");
            findings.row("warning", "unused index", "public.idx_old", "38 MB, 0 scans", "drop index ...");
            findings.row("info", "statistics", "pg_stat_statements", "not installed", "create extension ...");
            writer.finish();
        }

        assertThat(WorkbookFindings.read(workbook)).containsExactly(
                "critical: invalid index public.idx_runs_org (the index is not valid)",
                "warning: unused index public.idx_old (38 MB, 0 scans)");
    }

    @Test
    void aWorkbookWithoutAFindingsSheetHasNone() throws Exception {
        Path workbook = dir.resolve("sync.xlsx");
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(workbook, "Sync")) {
            writer.sheet("Changes", List.of(Column.text("Severity", 10))).row("critical");
            writer.finish();
        }

        assertThat(WorkbookFindings.read(workbook)).isEmpty();
    }

    @Test
    void theSummarysNeedsAttentionBlockIsWhatNeedsAttention() throws Exception {
        Path workbook = dir.resolve("usage-report-all-orgs-2026-W48.xlsx");
        try (SpreadsheetWriter writer = SpreadsheetWriter.create(workbook, "Usage report")) {
            writer.summary("Summary").leading(WorkbookFindings.ATTENTION, List.of(
                    SummarySheet.LeadingLine.unlinked("Runs fell", "acme (Acme Ltd): 20 runs, 200 the week before"),
                    SummarySheet.LeadingLine.unlinked("Went quiet", "globex (Globex): no runs, 35 the week before")),
                    "nothing needs attention this week").count("Runs", 1234);
            writer.sheet(WorkbookFindings.SHEET, List.of(Column.text("Severity", 10), Column.text("Check", 20),
                    Column.text("Object", 30), Column.text("Evidence", 40))).row("warning", "unused index", "x", "y");
            writer.finish();
        }

        assertThat(WorkbookFindings.read(workbook)).containsExactly(
                "Runs fell: acme (Acme Ltd): 20 runs, 200 the week before",
                "Went quiet: globex (Globex): no runs, 35 the week before");
    }
}

package com.promptforge.batch.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.job.CliResult;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Hyperlink;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Summary's Needs attention block, read back with POI: each planted signal (an org falling from 200 runs a week
 * to 20, one going quiet, one whose failure rate jumps, a first-time org) among steady customers of every size and
 * a tail of occasional ones, with its figures and its link to the org's row in Orgs; and the same customers without
 * the signals give the "nothing needs attention" line.
 */
@PromptForgeDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NeedsAttentionTest {

    private static final int WEEK_MINUTES = 7 * 24 * 60;

    private final IsoWeek week = IsoWeek.lastCompletedBefore(Instant.now());
    private XSSFWorkbook planted;
    private XSSFWorkbook steady;

    /** One line of the block: label, text, and the sheet and row (1-based) its link goes to, if any. */
    record Line(String label, String text, String linkedSheet, int linkedRow) {
    }

    @BeforeAll
    void runTheReports(TestDatabase db) throws IOException {
        customers(db);
        UsageData data = new UsageData(db.jdbc());
        UUID falling = data.org("falling", "Falling Ltd");
        UUID quiet = data.org("quiet", "Quiet Corp");
        UUID failing = data.org("failing", "Failing GmbH");
        UUID newcomer = data.org("newcomer", "Newcomer Inc");
        for (int back = 4; back >= 1; back--) {
            IsoWeek before = weeksBefore(back);
            spread(data, falling, 200, before, 5);
            spread(data, quiet, 80, before, 5);
            spread(data, failing, 100, before, 5);
        }
        spread(data, falling, 20, week, 5);
        // Every second run fails this week, every fifth before: 50% against 20%.
        spread(data, failing, 100, week, 2);
        spread(data, newcomer, 35, week, 5);
        planted = report(db);

        try (TestDatabase steadyDb = TestDatabase.create("steady")) {
            customers(steadyDb);
            steady = report(steadyDb);
        }
    }

    @AfterAll
    void close() throws IOException {
        planted.close();
        steady.close();
    }

    @Test
    void anOrgFallingFrom200RunsTo20IsListedWithItsFiguresAndLinkedToItsRowInOrgs() {
        Line line = line(planted, "falling");

        assertThat(line.label()).isEqualTo("Runs fell");
        assertThat(line.text()).isEqualTo("falling (Falling Ltd): 20 runs, 200 the week before (-90%), "
                + "200 a week on average over the 4 weeks before");
        assertThat(line.linkedSheet()).isEqualTo("Orgs");
        assertThat(orgsRow(line.linkedRow())).isEqualTo("falling");
    }

    @Test
    void anOrgThatWentQuietIsListedWithWhatItRanBefore() {
        Line line = line(planted, "quiet");

        assertThat(line.label()).isEqualTo("Went quiet");
        assertThat(line.text()).isEqualTo("quiet (Quiet Corp): no runs this week, 80 the week before, "
                + "80 a week on average over the 4 weeks before");
        assertThat(orgsRow(line.linkedRow())).isEqualTo("quiet");
    }

    @Test
    void anOrgWhoseFailureRateJumpedIsListedWithBothRates() {
        Line line = line(planted, "failing");

        assertThat(line.label()).isEqualTo("Failure rate up");
        assertThat(line.text()).isEqualTo("failing (Failing GmbH): failure rate 50.0% (50 of 100 runs), "
                + "20.0% the week before (20 of 100), +30.0 points");
        assertThat(orgsRow(line.linkedRow())).isEqualTo("failing");
    }

    @Test
    void anOrgRunningForTheFirstTimeIsListed() {
        Line line = line(planted, "newcomer");

        assertThat(line.label()).isEqualTo("First runs");
        assertThat(line.text()).isEqualTo("newcomer (Newcomer Inc): 35 runs, its first ever, by 3 users");
        assertThat(orgsRow(line.linkedRow())).isEqualTo("newcomer");
    }

    @Test
    void theBlockListsTheSignalsMostImportantFirstAndNoSteadyCustomer() {
        List<String> orgs = attention(planted).stream().filter(line -> "Orgs".equals(line.linkedSheet()))
                .map(line -> line.text().substring(0, line.text().indexOf(' '))).toList();

        assertThat(orgs).containsExactly("quiet", "falling", "failing", "newcomer");
    }

    @Test
    void steadyCustomersGiveTheNothingNeedsAttentionLine() {
        List<Line> lines = attention(steady);

        assertThat(lines.get(0).text()).isEqualTo("nothing needs attention this week");
        assertThat(lines).noneMatch(line -> "Orgs".equals(line.linkedSheet()));
    }

    /**
     * Only: steady customers of every size (30 to 400 runs a week, within 10% of their own level, every fifth failed)
     * over the four weeks before and the week, and a tail of occasional ones (0 to 6 runs a week).
     */
    private void customers(TestDatabase db) {
        // The seed's runs of its demo org (two hours before the migration, so maybe in the reported week) go:
        // the data set is these customers alone.
        db.jdbc().update("delete from public.runs");
        UsageData data = new UsageData(db.jdbc());
        Random random = new Random(7);
        for (int i = 0; i < 24; i++) {
            UUID org = data.org("steady-" + i, "Steady Customer " + i);
            int level = 30 + random.nextInt(370);
            for (int back = 4; back >= 0; back--) {
                spread(data, org, level * (90 + random.nextInt(21)) / 100, weeksBefore(back), 5);
            }
        }
        for (int i = 0; i < 12; i++) {
            UUID org = data.org("occasional-" + i, "Occasional Customer " + i);
            for (int back = 4; back >= 0; back--) {
                int runs = random.nextInt(7);
                if (runs > 0) {
                    spread(data, org, runs, weeksBefore(back), 5);
                }
            }
        }
    }

    private IsoWeek weeksBefore(int weeks) {
        return new IsoWeek(week.monday().minusWeeks(weeks));
    }

    private static void spread(UsageData data, UUID org, int runs, IsoWeek week, int failEvery) {
        data.runs(org, runs, week.start().plusMinutes(7), WEEK_MINUTES / runs - 1, failEvery);
    }

    private XSSFWorkbook report(TestDatabase db) throws IOException {
        // As the demo creates it: in schema extensions (in public it is a finding of its own).
        db.jdbc().execute("create schema if not exists extensions");
        db.jdbc().execute("create extension if not exists pg_stat_statements with schema extensions");
        Path reports = Files.createTempDirectory("pf-attention");
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.reports-dir", reports.toString());
        // The planting's own statements (slow inserts, sequential scans of prompt_scores) would be warnings, listed:
        // not what these reports are about. This database's table statistics start again; statements are server-wide.
        db.jdbc().queryForList("select pg_stat_reset()");
        CliResult result = CliResult.run(properties, "run", "usage-report", "week=" + week.label(),
                "slowMeanMs=60000");
        assertThat(result.exit()).as(result.toString()).isZero();
        return UsageWorkbook.open(reports.resolve("usage").resolve("usage-report-all-orgs-" + week.label() + ".xlsx"));
    }

    /** The Needs attention block: the rows under its heading, up to the first empty row. */
    private static List<Line> attention(XSSFWorkbook workbook) {
        XSSFSheet summary = workbook.getSheet(UsageReportWorkbook.SUMMARY);
        assertThat(summary.getRow(1).getCell(0).getStringCellValue()).isEqualTo("Needs attention");
        List<Line> lines = new ArrayList<>();
        for (int r = 2; summary.getRow(r) != null && summary.getRow(r).getCell(1) != null; r++) {
            Row row = summary.getRow(r);
            Cell value = row.getCell(1);
            Hyperlink link = row.getCell(0).getHyperlink();
            if (link == null) {
                lines.add(new Line(row.getCell(0).getStringCellValue(), value.getStringCellValue(), null, 0));
            } else {
                CellReference target = new CellReference(link.getAddress());
                lines.add(new Line(row.getCell(0).getStringCellValue(), value.getStringCellValue(),
                        target.getSheetName(), target.getRow() + 1));
            }
        }
        return lines;
    }

    private Line line(XSSFWorkbook workbook, String slug) {
        return attention(workbook).stream().filter(line -> line.text().startsWith(slug + " ")).findFirst()
                .orElseThrow(() -> new AssertionError(slug + " not in Needs attention: " + attention(workbook)));
    }

    /** The slug on row {@code row} (1-based, as a link names it) of Orgs. */
    private String orgsRow(int row) {
        return planted.getSheet(UsageReportWorkbook.ORGS).getRow(row - 1).getCell(0).getStringCellValue();
    }
}

package com.promptforge.batch.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.job.CliResult;
import com.promptforge.batch.spreadsheet.PrintableWorkbookAssertions;
import com.promptforge.batch.spreadsheet.SummarySheet;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.io.IOException;
import com.promptforge.batch.report.Sha256Sidecar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One usage report of a planted week, run through the command line, read back with POI and compared with SQL
 * written here independently of the job's (plain grouped queries over runs, not get_org_run_stats).
 */
@PromptForgeDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsageReportTest {

    static final String FORMULA_NAME = "=HYPERLINK(\"http://evil.example\",\"click\")";

    private TestDatabase db;
    private IsoWeek week;
    private Path reports;
    private Path report;
    private XSSFWorkbook workbook;
    private CliResult result;

    @BeforeAll
    void runTheReport(TestDatabase db) throws IOException {
        this.db = db;
        week = IsoWeek.lastCompletedBefore(Instant.now());
        UsageData data = new UsageData(db.jdbc());
        UUID alpha = data.org("alpha", "Alpha Industries");
        UUID formula = data.org("formula", FORMULA_NAME);
        UUID gamma = data.org("gamma", "Gamma (only the week before)");
        data.runs(alpha, 30, week.start().plusHours(1), 5 * 60);
        data.runs(alpha, 12, week.previous().start().plusHours(2), 10 * 60);
        data.runs(alpha, 3, week.end().plusMinutes(1), 60);
        data.runs(formula, 7, week.start().plusMinutes(30), 20 * 60);
        data.runs(gamma, 5, week.previous().start(), 24 * 60);
        db.jdbc().execute("create extension if not exists pg_stat_statements");
        HealthProblems.plant(db.jdbc());

        reports = Files.createTempDirectory("pf-usage-reports");
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.reports-dir", reports.toString());
        result = CliResult.run(properties, "run", "usage-report", "week=" + week.label());
        report = reports.resolve("usage").resolve("usage-report-all-orgs-" + week.label() + ".xlsx");
        workbook = Files.exists(report) ? UsageWorkbook.open(report) : null;
    }

    @AfterAll
    void close() throws IOException {
        if (workbook != null) {
            workbook.close();
        }
    }

    @Test
    void theRunCompletesAndWritesTheWorkbookNamedAfterTheWeek() {
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(report).exists();
        assertThat(result.out()).contains("  report: " + report);
        assertThat(sheetNames()).containsExactly("Summary", "Orgs", "Daily", "Index usage", "Query performance",
                "Findings");
    }

    @Test
    void theReportHasItsSha256SidecarBesideItAsSha256sumWritesIt() throws IOException {
        assertThat(Sha256Sidecar.of(report)).hasContent(Sha256Sidecar.sha256(report) + "  " + report.getFileName());
    }

    @Test
    void orgsSheetHoldsEachOrgsWeekAndWeekBeforeAsSqlCountsThem() {
        Map<String, Map<String, Object>> expected = db.jdbc().queryForList("""
                select o.id::text as id, o.slug, o.name,
                       count(r.id) filter (where r.created_at >= ? and r.created_at < ?) as runs,
                       count(r.id) filter (where r.created_at >= ? and r.created_at < ?) as previous_runs,
                       count(r.id) filter (where r.created_at >= ? and r.created_at < ? and r.status = 'completed') as completed,
                       count(r.id) filter (where r.created_at >= ? and r.created_at < ? and r.status = 'failed') as failed,
                       count(s.run_id) filter (where r.created_at >= ? and r.created_at < ?) as scored,
                       count(distinct r.user_id) filter (where r.created_at >= ? and r.created_at < ?) as users,
                       coalesce(sum(r.tokens) filter (where r.created_at >= ? and r.created_at < ?), 0) as tokens,
                       round(avg(s.overall) filter (where r.created_at >= ? and r.created_at < ?), 2) as score
                  from public.organizations o
                  left join public.runs r on r.org_id = o.id
                  left join public.prompt_scores s on s.run_id = r.id
                 group by o.id""", weekBounds(8)).stream()
                .collect(Collectors.toMap(row -> (String) row.get("id"), row -> row));

        List<Map<String, Cell>> rows = UsageWorkbook.rows(workbook.getSheet("Orgs"));

        assertThat(rows).hasSize(expected.size());
        for (Map<String, Cell> row : rows) {
            Map<String, Object> sql = expected.get(UsageWorkbook.text(row.get("Org id")));
            assertThat(sql).as("org %s", UsageWorkbook.text(row.get("Org id"))).isNotNull();
            String org = (String) sql.get("slug");
            assertThat(UsageWorkbook.text(row.get("Slug"))).isEqualTo(org);
            assertThat(UsageWorkbook.text(row.get("Name"))).as(org).isEqualTo(sql.get("name"));
            assertThat(UsageWorkbook.number(row.get("Runs"))).as(org).isEqualTo(sql.get("runs"));
            assertThat(UsageWorkbook.number(row.get("Runs week before"))).as(org).isEqualTo(sql.get("previous_runs"));
            assertThat(UsageWorkbook.number(row.get("Change in runs"))).as(org)
                    .isEqualTo((Long) sql.get("runs") - (Long) sql.get("previous_runs"));
            assertThat(UsageWorkbook.number(row.get("Completed"))).as(org).isEqualTo(sql.get("completed"));
            assertThat(UsageWorkbook.number(row.get("Failed"))).as(org).isEqualTo(sql.get("failed"));
            assertThat(UsageWorkbook.number(row.get("Scored"))).as(org).isEqualTo(sql.get("scored"));
            assertThat(UsageWorkbook.number(row.get("Active users"))).as(org).isEqualTo(sql.get("users"));
            assertThat(UsageWorkbook.number(row.get("Tokens"))).as(org).isEqualTo(((Number) sql.get("tokens")).longValue());
            if (sql.get("score") == null) {
                assertThat(row.get("Avg score")).as(org).isNull();
            } else {
                assertThat(row.get("Avg score").getNumericCellValue()).as(org)
                        .isEqualTo(((Number) sql.get("score")).doubleValue());
            }
        }
        Map<String, Cell> alpha = rows.stream().filter(row -> "alpha".equals(UsageWorkbook.text(row.get("Slug"))))
                .findFirst().orElseThrow();
        assertThat(UsageWorkbook.number(alpha.get("Runs"))).isEqualTo(30);
        assertThat(alpha.get("Change %").getNumericCellValue()).isEqualTo((30 - 12) / 12.0);
        assertThat(alpha.get("Change %").getCellStyle().getDataFormatString()).isEqualTo("0.0%");
    }

    @Test
    void dailySheetHoldsRunsPerDayOfEachOrgInAColumnPerDayAsSqlCountsThem() {
        Map<String, Long> expected = db.jdbc().queryForList("""
                select (r.created_at at time zone 'UTC')::date::text || ' ' || r.org_id as key, count(*) as runs
                  from public.runs r
                 where r.created_at >= ? and r.created_at < ?
                 group by 1""", week.start(), week.end()).stream()
                .collect(Collectors.toMap(row -> (String) row.get("key"), row -> (Long) row.get("runs")));
        XSSFSheet daily = workbook.getSheet("Daily");
        List<String> headers = new java.util.ArrayList<>();
        daily.getRow(0).forEach(cell -> headers.add(cell.getStringCellValue()));

        Map<String, Long> written = new HashMap<>();
        long previousTotal = Long.MAX_VALUE;
        for (Map<String, Cell> row : UsageWorkbook.rows(daily)) {
            long total = 0;
            for (int day = 0; day < 7; day++) {
                long runs = UsageWorkbook.number(row.get(headers.get(2 + day)));
                total += runs;
                if (runs > 0) {
                    written.put(week.monday().plusDays(day) + " " + UsageWorkbook.text(row.get("Org id")), runs);
                }
            }
            assertThat(UsageWorkbook.number(row.get("Week"))).isEqualTo(total);
            assertThat(total).as("sorted by the week's total").isLessThanOrEqualTo(previousTotal);
            previousTotal = total;
        }

        assertThat(headers.subList(0, 2)).containsExactly("Slug", "Name");
        assertThat(headers.get(2)).isEqualTo("Mon " + week.monday().getDayOfMonth());
        assertThat(written).isEqualTo(expected);
    }

    @Test
    void summaryIsLabelValueRowsWithTheWeeksTotalsAsSqlCountsThem() {
        Map<String, Cell> summary = UsageWorkbook.summary(workbook);
        long runs = db.jdbc().queryForObject("select count(*) from public.runs where created_at >= ? and created_at < ?",
                Long.class, week.start(), week.end());
        long previous = db.jdbc().queryForObject(
                "select count(*) from public.runs where created_at >= ? and created_at < ?", Long.class,
                week.previous().start(), week.previous().end());

        assertThat(workbook.getSheetName(0)).isEqualTo("Summary");
        PrintableWorkbookAssertions.assertSummaryDescribesTheRun(workbook, UsageReportWorkbook.REPORT_NAME,
                "usage-report", jobExecutionId(), db.name(), Map.of("week", week.label()));
        assertThat(UsageWorkbook.text(summary.get(SummarySheet.ABOUT))).contains(week.label());
        assertThat(summary.get(SummarySheet.GENERATED_AT).getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(UsageWorkbook.text(summary.get(SummarySheet.DATABASE))).contains(db.name()).doesNotContain("password");
        assertThat(UsageWorkbook.number(summary.get("Runs"))).isEqualTo(runs);
        assertThat(UsageWorkbook.number(summary.get("Runs the week before"))).isEqualTo(previous);
        assertThat(summary.get("Change in runs").getNumericCellValue()).isEqualTo((runs - previous) / (double) previous);
        for (int day = 0; day < 7; day++) {
            LocalDate date = week.monday().plusDays(day);
            long sql = db.jdbc().queryForObject("select count(*) from public.runs where created_at >= ? and created_at < ?",
                    Long.class, date.atStartOfDay().atOffset(java.time.ZoneOffset.UTC),
                    date.plusDays(1).atStartOfDay().atOffset(java.time.ZoneOffset.UTC));
            String label = summary.keySet().stream().filter(key -> key.startsWith("Runs on ") && key.endsWith(date.toString()))
                    .findFirst().orElseThrow();
            assertThat(UsageWorkbook.number(summary.get(label))).as(label).isEqualTo(sql);
        }
    }

    /** The execution the CLI run made, as the job repository has it. */
    private long jobExecutionId() {
        return db.jdbc().queryForObject("""
                select max(e.job_execution_id) from batch.batch_job_execution e
                  join batch.batch_job_instance i on i.job_instance_id = e.job_instance_id
                 where i.job_name = 'usage-report'""", Long.class);
    }

    @Test
    void everySheetPrintsOnePageWideWithItsHeaderRepeatedAndAFooter() {
        PrintableWorkbookAssertions.assertEverySheetPrints(workbook, UsageReportWorkbook.REPORT_NAME);
    }

    @Test
    void summaryCarriesALineChartOfRunsPerDayAndABarChartOfTheBusiestOrgs() {
        var charts = workbook.getSheet("Summary").getDrawingPatriarch().getCharts();

        assertThat(charts).hasSize(2);
        assertThat(charts.get(0).getTitleText().getString()).startsWith("Runs per day");
        assertThat(charts.get(0).getCTChart().getPlotArea().getLineChartList()).hasSize(1);
        assertThat(charts.get(1).getTitleText().getString()).startsWith("Busiest organizations");
        assertThat(charts.get(1).getCTChart().getPlotArea().getBarChartList()).hasSize(1);
    }

    @Test
    void aFormulaLookingOrgNameStaysText() {
        Cell name = UsageWorkbook.rows(workbook.getSheet("Orgs")).stream()
                .filter(row -> "formula".equals(UsageWorkbook.text(row.get("Slug"))))
                .map(row -> row.get("Name")).findFirst().orElseThrow();

        assertThat(name.getCellType()).isEqualTo(CellType.STRING);
        assertThat(name.getStringCellValue()).isEqualTo(FORMULA_NAME);
        assertThat(name.getCellStyle().getQuotePrefixed()).isTrue();
    }

    @Test
    void everySheetHasAFrozenHeaderAndAnAutofilter() {
        // The Summary, first, is label / value rows (PrintableWorkbookAssertions); every data sheet after it
        for (String sheetName : sheetNames().subList(1, sheetNames().size())) {
            XSSFSheet sheet = workbook.getSheet(sheetName);
            assertThat(sheet.getPaneInformation()).as(sheetName).isNotNull();
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).as(sheetName).isEqualTo((short) 1);
            assertThat(sheet.getCTWorksheet().isSetAutoFilter()).as(sheetName).isTrue();
        }
    }

    @Test
    void aPlantedUnusedIndexIsInTheOneLineOfUnusedIndexesNotJudgedYet() {
        // The test server's statistics are minutes old: too young to judge, so the unused indexes are one line.
        assertThat(findings("unused_indexes")).singleElement().satisfies(finding -> {
            assertThat(finding.object()).endsWith(" objects");
            assertThat(finding.evidence()).contains("not judged yet, too young to be sure")
                    .contains("public.usage_probe_child_label_idx").doesNotContain("_pkey");
            assertThat(finding.recommendation()).startsWith("none yet");
        });
    }

    @Test
    void aPlantedDuplicateIndexIsAFinding() {
        assertThat(findings("duplicate_indexes")).anySatisfy(finding -> {
            assertThat(finding.object()).isEqualTo("public.usage_probe_child_amount_idx");
            assertThat(finding.evidence()).contains("usage_probe_child_amount_label_idx");
            assertThat(finding.recommendation()).isEqualTo("DROP INDEX CONCURRENTLY public.usage_probe_child_amount_idx;");
        });
    }

    @Test
    void aPlantedForeignKeyWithoutIndexIsAFinding() {
        assertThat(findings("foreign_keys_without_index")).singleElement().satisfies(finding -> {
            assertThat(finding.object()).isEqualTo("public.usage_probe_child_parent_id_fkey");
            assertThat(finding.recommendation()).isEqualTo(
                    "CREATE INDEX CONCURRENTLY usage_probe_child_parent_id_idx ON public.usage_probe_child (parent_id);");
        });
    }

    @Test
    void aPlantedSequentialScanHeavyTableIsAFinding() {
        assertThat(findings("sequential_scan_heavy_tables")).anySatisfy(finding -> {
            assertThat(finding.object()).isEqualTo("public.usage_probe_scanned");
            assertThat(finding.evidence()).contains("sequential scans").contains("20000 live rows");
            assertThat(finding.recommendation()).contains("CREATE INDEX CONCURRENTLY ON public.usage_probe_scanned");
        });
    }

    @Test
    void aPlantedSequenceNearItsMaximumIsACriticalFinding() {
        assertThat(findings("sequences_near_maximum")).singleElement().satisfies(finding -> {
            assertThat(finding.severity()).isEqualTo("critical");
            assertThat(finding.object()).isEqualTo("public.usage_probe_seq");
            assertThat(finding.evidence()).contains("2000000000").contains("2147483647");
            assertThat(finding.recommendation()).startsWith("ALTER SEQUENCE public.usage_probe_seq AS bigint;");
        });
    }

    @Test
    void everyCheckRan() {
        assertThat(UsageWorkbook.rows(workbook.getSheet("Findings")))
                .noneMatch(row -> UsageWorkbook.text(row.get("Object")).startsWith("check "));
    }

    @Test
    void queryPerformanceListsStatementsWithTheirCalls() {
        List<Map<String, Cell>> rows = UsageWorkbook.rows(workbook.getSheet("Query performance"));

        assertThat(rows).isNotEmpty().allSatisfy(row -> {
            assertThat(UsageWorkbook.number(row.get("Calls in period"))).isPositive();
            assertThat(UsageWorkbook.text(row.get("Query"))).isNotBlank();
        });
    }

    private List<Finding> findings(String check) {
        return UsageWorkbook.rows(workbook.getSheet("Findings")).stream()
                .filter(row -> check.equals(UsageWorkbook.text(row.get("Check"))))
                .map(row -> new Finding(UsageWorkbook.text(row.get("Severity")), check,
                        UsageWorkbook.text(row.get("Object")), UsageWorkbook.text(row.get("Evidence")),
                        UsageWorkbook.text(row.get("Recommended statement"))))
                .toList();
    }

    private List<String> sheetNames() {
        return java.util.stream.IntStream.range(0, workbook.getNumberOfSheets()).mapToObj(workbook::getSheetName)
                .toList();
    }

    /** The week's bounds {@code times} times over, then those of the week before for the second pair. */
    private Object[] weekBounds(int times) {
        Object[] bounds = new Object[times * 2];
        for (int i = 0; i < times; i++) {
            boolean previous = i == 1;
            bounds[2 * i] = previous ? week.previous().start() : week.start();
            bounds[2 * i + 1] = previous ? week.previous().end() : week.end();
        }
        return bounds;
    }
}

package com.promptforge.batch.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.job.CliResult;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.io.IOException;
import com.promptforge.batch.report.Sha256Sidecar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import com.promptforge.batch.spreadsheet.PrintableWorkbookAssertions;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code validate} end to end through the command line on a migrated database: clean data exits 0; rows planted
 * past the constraints (dropped, then added back NOT VALID) are each listed in the workbook, with the summary per
 * table, and exit 1; the QA suite's data-integrity tests see them too; paging through tables larger than a chunk
 * reads every row; once the rows are fixed, validate exits 0 and the constraints validate.
 * The tests share the class's database and run in order.
 */
@PromptForgeDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ValidateCommandTest {

    static final UUID DEMO_ORG = UUID.fromString("00000000-0000-4000-8000-000000000001");
    static final UUID DEMO_RUN = UUID.fromString("00000000-0000-4000-8000-000000000101");
    static final UUID DEMO_OWNER = UUID.fromString("00000000-0000-4000-8000-0000000000a1");
    private static final UUID BAD_RUN = UUID.fromString("00000000-0000-4000-8000-00000000b101");
    private static final UUID BAD_VERSION = UUID.fromString("00000000-0000-4000-8000-00000000b601");
    private static final UUID BAD_HISTORY = UUID.fromString("00000000-0000-4000-8000-00000000b201");
    private static final UUID BAD_BUNDLE = UUID.fromString("00000000-0000-4000-8000-00000000b301");
    private static final List<String> TABLES = List.of("modules", "domains", "module_versions", "runs",
            "run_telemetry", "prompt_history", "bundles", "audit_export_requests");

    private TestDatabase db;
    private JdbcTemplate jdbc;
    private Path reports;
    private long badTelemetry;

    @BeforeAll
    void start(TestDatabase db) throws IOException {
        this.db = db;
        this.jdbc = db.jdbc();
        this.reports = Files.createTempDirectory("pf-validation");
    }

    private Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.reports-dir", reports.toString());
        properties.put("pf.jobs.progress-interval", "20ms");
        return properties;
    }

    @Test
    @Order(1)
    void aCleanDatabaseValidatesWithExit0AndAWorkbookWithoutInvalidRows() {
        CliResult result = CliResult.run(properties(), "validate");

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Starting data-validation").contains("invalid rows: 0")
                .contains("Every row has its JSON shape.");
        List<Path> workbooks = ValidationWorkbook.in(reports);
        assertThat(workbooks).hasSize(1);
        assertThat(workbooks.get(0).getFileName().toString()).matches("validation-\\d{8}T\\d{6}\\.\\d{3}Z\\.xlsx");
        assertThat(result.out()).contains("report: " + workbooks.get(0));
        ValidationWorkbook workbook = ValidationWorkbook.read(workbooks.get(0));
        assertThat(workbook.sheetNames()).containsExactly("Summary", "Tables", "Invalid rows");
        assertThat(workbook.invalidRowsHeader()).containsExactly("Table", "Key", "Org id", "Org slug", "Org name",
                "User id", "Column", "Problem");
        assertThat(workbook.invalidRows()).isEmpty();
        assertThat(workbook.summaryHeader())
                .containsExactly("Table", "JSON columns", "Rows checked", "Invalid rows", "Problems");
        assertThat(workbook.summary()).containsExactlyElementsOf(expectedSummary(Map.of()));
    }

    @Test
    @Order(2)
    void rowsPlantedPastTheConstraintsAreEachListedInTheWorkbookAndExit1() {
        plantOneBadRowPerTable();
        List<String> expected = List.of(
                "modules|M07|vector|modules.vector.clarity must be a number from 0 to 1, got 1.5",
                "modules|M07|kpis|modules.kpis must be a non-empty array of {\"name\", \"target\", \"unit\"} objects, got []",
                "domains|RETAIL|jargon|domains.jargon[1] repeats \"shrink\"",
                "module_versions|" + BAD_VERSION + "|spec|module_versions.spec has the unknown key \"notes\" "
                        + "(allowed: objective, inputs, outputs, template)",
                "runs|" + BAD_RUN + "|parameters|runs.parameters.urgency must be one of low|medium|high|critical, "
                        + "got \"asap\"",
                "run_telemetry|" + badTelemetry + "|payload|run_telemetry.payload is missing the keys model, "
                        + "prompt_tokens, completion_tokens, latency_ms (event_type llm_call)",
                "prompt_history|" + BAD_HISTORY + "|snapshot|prompt_history.snapshot is missing the key prompt",
                "bundles|" + BAD_BUNDLE + "|paths|bundles.paths has no path for md (formats: pdf, md)");

        CliResult result = CliResult.run(properties(), "validate");

        assertThat(result.exit()).as(result.toString()).isEqualTo(1);
        Path report = ValidationWorkbook.in(reports).get(1);
        ValidationWorkbook workbook = ValidationWorkbook.read(report);
        assertThat(workbook.invalidRows()).containsExactlyElementsOf(expected);
        // the same functions as the database's own listing
        assertThat(workbook.invalidRows()).containsExactlyElementsOf(jdbc.queryForList("""
                select table_name || '|' || row_key || '|' || column_name || '|' || problem
                  from public.pf_json_shape_problems()""", String.class));
        assertThat(workbook.summary()).containsExactlyElementsOf(expectedSummary(Map.of(
                "modules", new long[] {1, 2}, "domains", new long[] {1, 1}, "module_versions", new long[] {1, 1},
                "runs", new long[] {1, 1}, "run_telemetry", new long[] {1, 1}, "prompt_history", new long[] {1, 1},
                "bundles", new long[] {1, 1})));
        assertThat(result.out())
                .containsPattern("data-validation/data-validation-check-rows: [\\d,]+ of [\\d,]+ items")
                .contains("rows checked: " + String.format("%,d", totalRows()))
                .contains("invalid rows: 7").contains("problems: 8")
                .contains("modules: 50 rows checked, 1 invalid").contains("runs: 2 rows checked, 1 invalid")
                .contains("7 row(s) do not have their JSON shape: each is listed in " + report
                        + ". Fix or delete them.");
    }

    @Test
    @Order(3)
    void theWorkbookPrintsDescribesTheRunAndNamesTheOrgAndUserOfEachInvalidRow() throws IOException {
        Path report = ValidationWorkbook.in(reports).get(1);
        try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(report))) {
            PrintableWorkbookAssertions.assertEverySheetPrints(workbook, ValidationReport.REPORT_NAME);
            PrintableWorkbookAssertions.assertSummaryDescribesTheRun(workbook, ValidationReport.REPORT_NAME,
                    DataValidationJobConfiguration.JOB_NAME, lastExecutionId(), db.name(), Map.of("chunkSize", 1000));
            assertThat(PrintableWorkbookAssertions.summary(workbook)).contains(
                    Map.entry(ValidationReport.ROWS_CHECKED, String.format("%,d", totalRows())),
                    Map.entry(ValidationReport.INVALID_ROWS, "7"),
                    Map.entry(ValidationReport.PROBLEMS, "8"));
            XSSFSheet invalid = workbook.getSheet(ValidationReport.INVALID_ROWS_SHEET);
            PrintableWorkbookAssertions.assertOrgNamesBesideIds(invalid, jdbc);
            // each row's org and user, as its own table says, read here independently
            List<String> header = PrintableWorkbookAssertions.header(invalid);
            DataFormatter formatter = new DataFormatter();
            List<String> owners = new ArrayList<>();
            for (int r = 1; r <= invalid.getLastRowNum(); r++) {
                Row row = invalid.getRow(r);
                owners.add(List.of("Table", "Key", "Org id", "User id").stream()
                        .map(column -> formatter.formatCellValue(row.getCell(header.indexOf(column))))
                        .collect(java.util.stream.Collectors.joining("|")));
            }
            assertThat(owners).containsExactlyInAnyOrderElementsOf(jdbc.queryForList("""
                    select concat_ws('|', p.table_name, p.row_key, coalesce(o.org_id::text, ''),
                                     coalesce(o.user_id::text, ''))
                      from public.pf_json_shape_problems() p
                      left join (select 'runs' as t, id::text as k, org_id, user_id from public.runs
                                 union all select 'run_telemetry', id::text, org_id, null from public.run_telemetry
                                 union all select 'prompt_history', id::text, org_id, user_id from public.prompt_history
                                 union all select 'bundles', id::text, org_id, created_by from public.bundles) o
                        on o.t = p.table_name and o.k = p.row_key
                    """, String.class));
        }
    }

    private long lastExecutionId() {
        return jdbc.queryForObject("""
                select max(e.job_execution_id) from batch.batch_job_execution e
                  join batch.batch_job_instance i on i.job_instance_id = e.job_instance_id
                 where i.job_name = ?""", Long.class, DataValidationJobConfiguration.JOB_NAME);
    }

    @Test
    @Order(3)
    void theQaSuitesDataIntegrityTestsFailOnThePlantedRows() {
        Map<String, String> failing = new HashMap<>();
        jdbc.query("select test_name, details from public.run_all_qa_tests() where status = 'FAIL'",
                row -> {
                    failing.put(row.getString(1), row.getString(2));
                });

        assertThat(failing.get("every JSON column has its shape: no invalid row (013)"))
                .startsWith("7 invalid rows (8 problems), e.g. bundles " + BAD_BUNDLE
                        + ": bundles.paths has no path for md (formats: pdf, md)")
                .endsWith("; java -jar target/promptforge-batch.jar validate lists them all");
        assertThat(failing.get("every json/jsonb column of public has its validated JSON shape constraint"))
                .contains("runs.parameters: constraint runs_parameters_shape_chk is NOT VALID");
    }

    @Test
    @Order(4)
    void theJobReadsEveryRowOfTablesLargerThanAChunk() {
        for (int i = 0; i < 7; i++) {
            jdbc.update("""
                    insert into public.run_telemetry (run_id, org_id, event_type, payload)
                    values (?, ?, 'llm_call', '{"model": "gpt-4o", "prompt_tokens": 1, "completion_tokens": 2,
                                                "latency_ms": 30}')""", DEMO_RUN, DEMO_ORG);
        }

        CliResult result = CliResult.run(properties(), "run", "data-validation", "chunkSize=2");

        assertThat(result.exit()).as(result.toString()).isZero();  // run: the job completed
        ValidationWorkbook workbook = ValidationWorkbook.read(ValidationWorkbook.in(reports).get(2));
        assertThat(workbook.invalidRows()).hasSize(8);
        assertThat(workbook.summary()).contains("run_telemetry|payload|9|1|1")
                .containsExactlyElementsOf(expectedSummary(Map.of(
                        "modules", new long[] {1, 2}, "domains", new long[] {1, 1}, "module_versions", new long[] {1, 1},
                        "runs", new long[] {1, 1}, "run_telemetry", new long[] {1, 1},
                        "prompt_history", new long[] {1, 1}, "bundles", new long[] {1, 1})));
        assertThat(result.out()).contains("read " + String.format("%,d", totalRows()) + ",");
    }

    @Test
    @Order(5)
    void onceTheRowsAreFixedValidateExits0AndTheConstraintsValidate() {
        jdbc.update("update public.modules m set vector = v.vector, kpis = v.kpis from public.modules v "
                + "where m.id = 'M07' and v.id = 'M08'");
        jdbc.update("update public.domains set jargon = '[\"shrink\", \"planogram\"]' where code = 'RETAIL'");
        jdbc.update("delete from public.module_versions where id = ?", BAD_VERSION);
        jdbc.update("update public.runs set parameters = jsonb_set(parameters, '{urgency}', '\"high\"') where id = ?",
                BAD_RUN);
        jdbc.update("delete from public.run_telemetry where id = ?", badTelemetry);
        // history is append-only for everyone but service_role
        jdbc.execute("do $$ begin set local role service_role; delete from public.prompt_history where id = '"
                + BAD_HISTORY + "'; end $$");
        jdbc.update("update public.bundles set paths = paths || '{\"md\": \"bundles/demo/b301.md\"}' where id = ?",
                BAD_BUNDLE);

        CliResult result = CliResult.run(properties(), "validate");

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Every row has its JSON shape.");
        PlantedRows.validateConstraints(jdbc);
        assertThat(jdbc.queryForList("select test_name || ': ' || details from public.run_all_qa_tests() "
                + "where status <> 'PASS'", String.class)).isEmpty();
    }

    @Test
    @Order(6)
    void validateTakesNoArgumentsAndHelpExplainsIt() {
        CliResult extra = CliResult.run(properties(), "validate", "chunkSize=5");
        assertThat(extra.exit()).isEqualTo(2);
        assertThat(extra.err().strip()).isEqualTo("validate: takes no arguments, got chunkSize=5 "
                + "(to set the chunk size: run data-validation chunkSize=N)");

        CliResult help = CliResult.run(properties(), "help", "validate");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: java -jar promptforge-batch.jar validate")
                .contains("reports/validation/validation-<timestamp>.xlsx");
        assertThat(CliResult.run(properties(), "help").out()).containsPattern("\\n  validate +Checks every row");
    }

    @Test
    @Order(7)
    void aValidationThatFailsLeavesNoWorkbookAndExits1() throws IOException {
        try (TestDatabase broken = TestDatabase.create("validatebroken")) {
            // a shape function that breaks on a real row: the job fails in the middle of the domains
            broken.jdbc().execute("""
                    create or replace function public.pf_json_problem_domain_jargon(p_value jsonb, p_path text default 'domains.jargon')
                    returns text language plpgsql immutable set search_path = '' as $$
                    begin
                      if p_value ? 'OEE' then
                        raise exception 'broken on purpose';
                      end if;
                      return null;
                    end
                    $$""");
            Path brokenReports = Files.createTempDirectory("pf-validation-broken");
            Map<String, Object> properties = new HashMap<>(broken.applicationProperties());
            properties.put("pf.reports-dir", brokenReports.toString());

            CliResult result = CliResult.run(properties, "validate");

            assertThat(result.exit()).as(result.toString()).isEqualTo(1);
            assertThat(result.out()).contains("FAILED").contains("broken on purpose");
            try (Stream<Path> left = Files.walk(brokenReports)) {
                assertThat(left.filter(Files::isRegularFile)).isEmpty();
            }
        }
    }

    @Test
    @Order(8)
    void everyWorkbookHasItsSha256SidecarBesideIt() throws IOException {
        List<Path> workbooks = ValidationWorkbook.in(reports);
        assertThat(workbooks).isNotEmpty();
        for (Path workbook : workbooks) {
            assertThat(Sha256Sidecar.of(workbook))
                    .hasContent(Sha256Sidecar.sha256(workbook) + "  " + workbook.getFileName());
        }
    }

    // ----------------------------------------------------------------------------------------- helpers

    private void plantOneBadRowPerTable() {
        PlantedRows.plant(jdbc, "modules", List.of("modules_vector_shape_chk", "modules_kpis_shape_chk"),
                "update public.modules set vector = jsonb_set(vector, '{clarity}', '1.5'), kpis = '[]' where id = 'M07'");
        PlantedRows.plant(jdbc, "domains", "domains_jargon_shape_chk",
                "update public.domains set jargon = '[\"shrink\", \"shrink\"]' where code = 'RETAIL'");
        PlantedRows.plant(jdbc, "module_versions", "module_versions_spec_shape_chk", """
                insert into public.module_versions (id, module_id, version, spec, status)
                values (?, 'M07', '2.0.0-draft', '{"objective": "WIP", "notes": "x"}', 'draft')""", BAD_VERSION);
        PlantedRows.plant(jdbc, "runs", "runs_parameters_shape_chk", """
                insert into public.runs (id, org_id, user_id, module_id, domain_code, parameters)
                values (?, ?, ?, 'M07', 'RETAIL', '{"scale": "team", "urgency": "asap", "complexity": "simple",
                        "resources": "minimal", "application": "analysis"}')""", BAD_RUN, DEMO_ORG, DEMO_OWNER);
        PlantedRows.plant(jdbc, "run_telemetry", "run_telemetry_payload_shape_chk", """
                insert into public.run_telemetry (run_id, org_id, event_type, payload)
                values (?, ?, 'llm_call', '{"oops": 1}')""", DEMO_RUN, DEMO_ORG);
        badTelemetry = jdbc.queryForObject("select id from public.run_telemetry where payload = '{\"oops\": 1}'",
                Long.class);
        PlantedRows.plant(jdbc, "prompt_history", "prompt_history_snapshot_shape_chk", """
                insert into public.prompt_history (id, run_id, org_id, action, snapshot)
                values (?, ?, ?, 'edited', '{"text": "Plan the rollout"}')""", BAD_HISTORY, DEMO_RUN, DEMO_ORG);
        PlantedRows.plant(jdbc, "bundles", "bundles_paths_shape_chk", """
                insert into public.bundles (id, run_id, org_id, formats, paths, checksum, license_notice)
                values (?, ?, ?, '{pdf,md}', '{"pdf": "bundles/demo/b301.pdf"}', 'sha256:' || repeat('0', 64), 'test')""",
                BAD_BUNDLE, DEMO_RUN, DEMO_ORG);
    }

    private long totalRows() {
        return TABLES.stream().mapToLong(table -> count(table)).sum();
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from public." + table, Long.class);
    }

    /** The summary sheet's rows: each table with its columns and row count, {invalid, problems} as given. */
    private List<String> expectedSummary(Map<String, long[]> invalid) {
        Map<String, String> columns = Map.of("modules", "vector, spec, kpis", "domains", "jargon, compliance",
                "module_versions", "spec", "runs", "parameters", "run_telemetry", "payload",
                "prompt_history", "snapshot", "bundles", "paths", "audit_export_requests", "row_counts");
        List<String> rows = new ArrayList<>();
        long[] total = new long[3];
        for (String table : TABLES) {
            long[] found = invalid.getOrDefault(table, new long[] {0, 0});
            long rowsChecked = count(table);
            rows.add(table + "|" + columns.get(table) + "|" + rowsChecked + "|" + found[0] + "|" + found[1]);
            total[0] += rowsChecked;
            total[1] += found[0];
            total[2] += found[1];
        }
        rows.add("(all tables)||" + total[0] + "|" + total[1] + "|" + total[2]);
        return rows;
    }
}

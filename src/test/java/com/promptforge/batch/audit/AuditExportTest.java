package com.promptforge.batch.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.job.JobRunner;
import com.promptforge.batch.job.TestApplication;
import com.promptforge.batch.spreadsheet.PrintableWorkbookAssertions;
import com.promptforge.batch.report.Sha256Sidecar;
import com.promptforge.batch.spreadsheet.SummarySheet;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The audit workbook says what the database says: every sheet read back with POI and compared, row by row, with
 * SQL written here (export_ready with the database's own run_meets_export_threshold, anomalies with their own
 * predicates). The data has runs on both edges of the period, ties in created_at, unscored runs, users with and
 * without an e-mail, formula-looking and over-long text, and one bundle of every anomaly kind.
 */
@PromptForgeDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditExportTest {

    private static final String FROM = "2026-11-01";
    private static final String TO = "2026-11-30";
    private static final String FORMULA_NAME = "=HYPERLINK(\"http://evil.example\",\"Acme\")";
    private static final String FORMULA_LICENSE = "=1+2";
    private static final String LONG_LICENSE = "@" + "x".repeat(39_999);
    private static final int MAX_CELL = 32_767;
    private static final String CUT_MARK = "… [truncated]";

    private TestDatabase db;
    private Path reportsDir;
    private ConfigurableApplicationContext application;
    private UUID acme;
    private UUID globex;
    private UUID orgSlugAll;

    @BeforeAll
    void plant(TestDatabase db) throws Exception {
        this.db = db;
        AuditData data = new AuditData(db.jdbc());
        data.usersTable();
        UUID alice = data.user(1, "alice@acme.test");
        UUID bob = data.user(2, "bob@globex.test");
        UUID nobody = AuditData.id(0x1, 3); // a user id with no auth.users row
        acme = data.org(1, "acme", FORMULA_NAME, alice);
        globex = data.org(2, "globex", "Globex", bob);
        data.org(3, "quiet-co", "Quiet Co", alice);
        orgSlugAll = data.org(4, "all", "An org whose slug is all", alice); // no runs

        UUID first = data.run(1, acme, alice, "2026-11-01 00:00:00.000+00", "completed");
        data.score(first, acme, 90, 90, 10, 90, 90);
        data.run(2, acme, alice, "2026-10-31 23:59:59.999+00", "completed");
        UUID last = data.run(3, acme, nobody, "2026-11-30 23:59:59.999+00", "running");
        data.run(4, acme, alice, "2026-12-01 00:00:00.000+00", "completed");
        UUID below = data.run(5, acme, alice, "2026-11-10 12:00:00.000+00", "completed");
        data.score(below, acme, 80, 80, 21, 80, 79); // 79.6
        UUID exactly = data.run(6, acme, alice, "2026-11-10 12:00:00.000+00", "completed"); // same time as run 5
        data.score(exactly, acme, 80, 80, 20, 80, 80); // 80.0
        for (int i = 0; i < 14; i++) {
            UUID run = data.run(10 + i, acme, i % 3 == 0 ? nobody : alice,
                    String.format("2026-11-%02d 08:%02d:00.123+00", 2 + i, i), i % 4 == 0 ? "failed" : "completed");
            if (i % 5 != 4) {
                data.score(run, acme, 60 + 3 * i, 95, 5 + i, 85, 70 + i);
            }
        }
        List<UUID> globexRuns = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            UUID run = data.run(40 + i, globex, bob, String.format("2026-11-%02d 15:00:00.500+00", 5 + 2 * i),
                    "completed");
            data.score(run, globex, 85, 85, 10, 85, 80 + i);
            globexRuns.add(run);
        }
        data.run(50, globex, bob, "2026-11-29 09:00:00.000+00", "queued");

        data.bundle(1, first, acme, alice, "2026-11-01 01:00:00.000+00", FORMULA_LICENSE);
        data.bundle(2, exactly, acme, alice, "2026-11-10 13:00:00.000+00", LONG_LICENSE);
        data.bundle(3, globexRuns.get(0), globex, bob, "2026-11-05 16:00:00.000+00", "-rights reserved");
        data.bundle(4, globexRuns.get(3), globex, bob, "2026-11-11 16:00:00.000+00", "Licensed for internal use.");
        data.plantedBundle(5, last, acme, "2026-11-30 23:59:59.999+00");          // unscored run
        data.plantedBundle(6, below, acme, "2026-11-10 12:30:00.000+00");         // 79.6
        data.bundleWithMalformedChecksum(7, first, acme, "sha256:ABC", "2026-11-02 00:00:00.000+00");
        data.plantedBundle(8, exactly, globex, "2026-11-12 00:00:00.000+00");      // globex bundle, acme run

        reportsDir = Files.createTempDirectory("pf-audit-reports");
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.reports-dir", reportsDir.toString());
        application = TestApplication.start(properties);
    }

    @AfterAll
    void stop() {
        application.close();
    }

    @Test
    void scoredRunsAreEveryRunOfThePeriodAsTheDatabaseHasThem() {
        Path file = export("all", FROM, TO);

        try (XSSFWorkbook workbook = AuditWorkbookFile.open(file)) {
            XSSFSheet runs = workbook.getSheet(AuditWorkbook.RUNS);
            assertThat(AuditWorkbookFile.header(runs)).startsWith("run_id", "org_id", "org_slug")
                    .contains("created_at", "user_id", "module_id", "domain_code", "status", "clarity", "execution",
                            "ambiguity", "alignment", "business_fit", "overall", "export_ready", "org_name",
                            "user_email");
            assertThat(AuditWorkbookFile.rows(runs)).isEqualTo(expectedRuns(null));
            assertThat(AuditWorkbookFile.rows(runs)).hasSize(14 + 4 + 11)
                    .anyMatch(row -> row.startsWith(AuditData.id(3, 1) + "|"))
                    .anyMatch(row -> row.startsWith(AuditData.id(3, 3) + "|"))
                    .noneMatch(row -> row.startsWith(AuditData.id(3, 2) + "|"))
                    .noneMatch(row -> row.startsWith(AuditData.id(3, 4) + "|"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void bundlesAreEveryBundleOfThoseRunsAsTheDatabaseHasThem() throws Exception {
        Path file = export("all", FROM, TO);

        try (XSSFWorkbook workbook = AuditWorkbookFile.open(file)) {
            XSSFSheet bundles = workbook.getSheet(AuditWorkbook.BUNDLES);
            assertThat(AuditWorkbookFile.header(bundles)).startsWith("bundle_id", "run_id", "org_id")
                    .contains("created_at", "formats", "checksum", "license_notice", "run_overall",
                            "checksum_format_ok", "org_slug", "org_name", "created_by_email");
            assertThat(AuditWorkbookFile.rows(bundles)).isEqualTo(expectedBundles(null)).hasSize(8);
        }
    }

    @Test
    void everyKindOfAnomalyIsReportedForTheBundlesThatHaveIt() throws Exception {
        Path file = export("all", FROM, TO);

        try (XSSFWorkbook workbook = AuditWorkbookFile.open(file)) {
            List<String> anomalies = AuditWorkbookFile.rows(workbook.getSheet(AuditWorkbook.ANOMALIES));
            List<String> withoutDetail = anomalies.stream().map(row -> row.substring(0, row.lastIndexOf('|')))
                    .toList();
            assertThat(withoutDetail).isEqualTo(expectedAnomalies(null));
            assertThat(withoutDetail.stream().map(row -> row.substring(0, row.indexOf('|'))).distinct())
                    .containsExactlyInAnyOrder("below_threshold", "unscored_run", "malformed_checksum",
                            "org_mismatch");
            assertThat(anomalies).allSatisfy(row -> assertThat(row.substring(row.lastIndexOf('|') + 1)).isNotBlank());
        }
    }

    @Test
    void anOrgsExportHoldsOnlyThatOrgsRows() throws Exception {
        Path file = export("globex", FROM, TO);

        assertThat(file.getFileName().toString()).isEqualTo("audit-org-globex-" + FROM + "-" + TO + ".xlsx");
        try (XSSFWorkbook workbook = AuditWorkbookFile.open(file)) {
            List<String> runs = AuditWorkbookFile.rows(workbook.getSheet(AuditWorkbook.RUNS));
            List<String> bundles = AuditWorkbookFile.rows(workbook.getSheet(AuditWorkbook.BUNDLES));
            List<String> anomalies = AuditWorkbookFile.rows(workbook.getSheet(AuditWorkbook.ANOMALIES));
            assertThat(runs).isEqualTo(expectedRuns(globex)).hasSize(11)
                    .allSatisfy(row -> assertThat(row.split("\\|")[1]).isEqualTo(globex.toString()));
            assertThat(bundles).isEqualTo(expectedBundles(globex)).hasSize(3)
                    .allSatisfy(row -> assertThat(row.split("\\|")[2]).isEqualTo(globex.toString()));
            assertThat(anomalies).hasSize(1).allSatisfy(row -> assertThat(row).startsWith("org_mismatch|"));
            assertThat(String.join("\n", runs) + String.join("\n", bundles)).doesNotContain("acme", FORMULA_NAME,
                    "alice@acme.test");
        }
    }

    @Test
    void anOrgCanBeNamedByItsId() throws Exception {
        Path file = export(acme.toString(), FROM, TO);

        assertThat(file.getFileName().toString()).isEqualTo("audit-org-acme-" + FROM + "-" + TO + ".xlsx");
        try (XSSFWorkbook workbook = AuditWorkbookFile.open(file)) {
            assertThat(AuditWorkbookFile.rows(workbook.getSheet(AuditWorkbook.RUNS))).isEqualTo(expectedRuns(acme))
                    .hasSize(18);
            assertThat(AuditWorkbookFile.rows(workbook.getSheet(AuditWorkbook.BUNDLES)))
                    .isEqualTo(expectedBundles(acme)).hasSize(5);
            assertThat(AuditWorkbookFile.rows(workbook.getSheet(AuditWorkbook.ANOMALIES))
                    .stream().map(row -> row.substring(0, row.lastIndexOf('|'))).toList())
                    .isEqualTo(expectedAnomalies(acme));
        }
    }

    @Test
    void anOrgWhoseSlugIsAllNeverTakesTheNameOfTheEveryOrgExport() throws Exception {
        Path everyOrg = export("all", FROM, TO);
        Path slugAll = export(orgSlugAll.toString(), FROM, TO);

        assertThat(everyOrg.getFileName().toString()).isEqualTo("audit-all-orgs-" + FROM + "-" + TO + ".xlsx");
        assertThat(slugAll.getFileName().toString()).isEqualTo("audit-org-all-" + FROM + "-" + TO + ".xlsx");
        try (XSSFWorkbook all = AuditWorkbookFile.open(everyOrg); XSSFWorkbook one = AuditWorkbookFile.open(slugAll)) {
            assertThat(AuditWorkbookFile.rows(all.getSheet(AuditWorkbook.RUNS))).hasSizeGreaterThan(20);
            assertThat(AuditWorkbookFile.rows(one.getSheet(AuditWorkbook.RUNS))).isEmpty();
        }
    }

    @Test
    void anOrgWithNoRunsInTheRangeGetsAValidWorkbookThatSaysSo() throws Exception {
        Path file = export("quiet-co", FROM, TO);

        try (XSSFWorkbook workbook = AuditWorkbookFile.open(file)) {
            assertThat(sheetNames(workbook)).containsExactly("Manifest", "Scored runs", "Bundles", "Anomalies");
            for (String sheet : List.of(AuditWorkbook.RUNS, AuditWorkbook.BUNDLES, AuditWorkbook.ANOMALIES)) {
                assertThat(workbook.getSheet(sheet).getLastRowNum()).as(sheet).isZero();
            }
            Map<String, String> manifest = AuditWorkbookFile.manifest(workbook);
            assertThat(manifest.get("Rows in Scored runs")).isEqualTo("0");
            assertThat(manifest.get(SummarySheet.OUTCOME)).startsWith("no runs in this range for quiet-co");
            PrintableWorkbookAssertions.assertEverySheetPrints(workbook, AuditWorkbook.REPORT_NAME);
        }
    }

    @Test
    void theManifestSaysWhatWasExportedFromWhereAndUnderWhichThreshold() throws Exception {
        List<String> output = new ArrayList<>();
        JobExecution execution = run("globex", FROM, TO, output);
        Path file = reportsDir.resolve("audit").resolve("audit-org-globex-" + FROM + "-" + TO + ".xlsx");

        try (XSSFWorkbook workbook = AuditWorkbookFile.open(file)) {
            assertThat(workbook.getSheetName(0)).isEqualTo("Manifest");
            Map<String, String> manifest = AuditWorkbookFile.manifest(workbook);
            PrintableWorkbookAssertions.assertSummaryDescribesTheRun(workbook, AuditWorkbook.REPORT_NAME,
                    "audit-export", execution.getId(), db.name(), Map.of("org", "globex", "from", FROM, "to", TO));
            PrintableWorkbookAssertions.assertEverySheetPrints(workbook, AuditWorkbook.REPORT_NAME);
            assertThat(manifest).containsEntry("Organization", "globex (Globex, " + globex + ")")
                    .containsEntry("Rows in Scored runs", "11").containsEntry("Rows in Bundles", "3")
                    .containsEntry("Rows in Anomalies", "1")
                    .containsEntry("Export threshold in force",
                            "overall >= 80 (public.run_meets_export_threshold and the bundles trigger)");
            for (String sheet : List.of(AuditWorkbook.RUNS, AuditWorkbook.BUNDLES, AuditWorkbook.ANOMALIES)) {
                XSSFCell count = (XSSFCell) AuditWorkbookFile.manifestCell(workbook, "Rows in " + sheet);
                assertThat(count.getCellType()).as("rows in " + sheet + " is a number").isEqualTo(CellType.NUMERIC);
                assertThat((long) count.getNumericCellValue()).as("rows in " + sheet)
                        .isEqualTo(workbook.getSheet(sheet).getLastRowNum());
            }
            // The database: name on host, the host set
            assertThat(manifest.get(SummarySheet.DATABASE)).matches(java.util.regex.Pattern.quote(db.name()) + " on .+");
            assertThat(AuditWorkbookFile.manifestCell(workbook, SummarySheet.GENERATED_AT).getCellType())
                    .isEqualTo(CellType.NUMERIC);
            String password = String.valueOf(db.applicationProperties().get("pf.db.password"));
            if (!password.isEmpty()) {
                assertThat(String.join("\n", manifest.values())).doesNotContain(password);
            }
        }
        assertThat(String.join("\n", output)).contains("scored runs: 11", "bundles: 3", "anomalies: 1",
                "workbook: " + file);
    }

    @Test
    void textThatLooksLikeAFormulaStaysTextAndOverLongTextIsCutAndMarked() throws Exception {
        Path file = export("acme", FROM, TO);

        try (XSSFWorkbook workbook = AuditWorkbookFile.open(file)) {
            XSSFSheet runs = workbook.getSheet(AuditWorkbook.RUNS);
            XSSFCell orgName = runs.getRow(1).getCell(AuditWorkbook.RUN_COLUMNS.indexOf(
                    AuditWorkbook.RUN_COLUMNS.stream().filter(c -> c.header().equals("org_name")).findFirst()
                            .orElseThrow()));
            assertThat(orgName.getCellType()).isEqualTo(CellType.STRING);
            assertThat(orgName.getStringCellValue()).isEqualTo(FORMULA_NAME);
            assertThat(orgName.getCellStyle().getQuotePrefixed()).isTrue();

            XSSFSheet bundles = workbook.getSheet(AuditWorkbook.BUNDLES);
            int license = column(bundles, "license_notice");
            Map<String, XSSFCell> byBundle = new LinkedHashMap<>();
            for (int r = 1; r <= bundles.getLastRowNum(); r++) {
                byBundle.put(bundles.getRow(r).getCell(0).getStringCellValue(), bundles.getRow(r).getCell(license));
            }
            XSSFCell formula = byBundle.get(AuditData.id(4, 1).toString());
            assertThat(formula.getCellType()).isEqualTo(CellType.STRING);
            assertThat(formula.getStringCellValue()).isEqualTo(FORMULA_LICENSE);
            assertThat(formula.getCellStyle().getQuotePrefixed()).isTrue();
            XSSFCell cut = byBundle.get(AuditData.id(4, 2).toString());
            assertThat(cut.getStringCellValue()).hasSize(MAX_CELL).endsWith(CUT_MARK)
                    .startsWith(LONG_LICENSE.substring(0, MAX_CELL - CUT_MARK.length()));
            assertThat(cut.getCellStyle().getQuotePrefixed()).isTrue();
            XSSFCell plain = byBundle.get(AuditData.id(4, 6).toString());
            assertThat(plain.getCellStyle().getQuotePrefixed()).isFalse();
        }
    }

    @Test
    void theChecksumSidecarIsWhatSha256sumChecks() throws Exception {
        Path file = export("all", FROM, TO);
        Path sidecar = file.resolveSibling(file.getFileName() + ".sha256");

        assertThat(Files.readString(sidecar, StandardCharsets.UTF_8))
                .isEqualTo(Sha256Sidecar.sha256(file) + "  " + file.getFileName() + "\n");
        Process check = new ProcessBuilder("sha256sum", "-c", sidecar.getFileName().toString())
                .directory(file.getParent().toFile()).redirectErrorStream(true).start();
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.exitValue()).as(said).isZero();
        assertThat(said).isEqualTo(file.getFileName() + ": OK\n");
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void aSheetPastItsRowLimitGoesOnInTheNextSheetWithTheSameHeader() throws Exception {
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        Path otherReports = Files.createTempDirectory("pf-audit-rollover");
        properties.put("pf.reports-dir", otherReports.toString());
        properties.put("pf.audit.max-rows-per-sheet", "7");
        try (ConfigurableApplicationContext small = TestApplication.start(properties)) {
            JobExecution execution = small.getBean(JobRunner.class).run("audit-export",
                    Map.of("org", "all", "from", FROM, "to", TO), "run", now(), line -> { });
            assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        }
        Path file = otherReports.resolve("audit").resolve("audit-all-orgs-" + FROM + "-" + TO + ".xlsx");

        try (XSSFWorkbook workbook = AuditWorkbookFile.open(file)) {
            // The lowered limit holds for every data sheet; the Manifest is one sheet, with a line per part.
            assertThat(sheetNames(workbook)).containsExactly("Manifest", "Scored runs", "Scored runs (2)",
                    "Scored runs (3)", "Scored runs (4)", "Scored runs (5)", "Bundles", "Bundles (2)", "Anomalies");
            List<String> runs = new ArrayList<>();
            for (String name : List.of("Scored runs", "Scored runs (2)", "Scored runs (3)", "Scored runs (4)",
                    "Scored runs (5)")) {
                XSSFSheet part = workbook.getSheet(name);
                assertThat(AuditWorkbookFile.header(part)).as(name)
                        .isEqualTo(AuditWorkbookFile.header(workbook.getSheet("Scored runs")));
                assertThat(part.getLastRowNum()).as(name).isBetween(1, 7);
                runs.addAll(AuditWorkbookFile.rows(part));
            }
            assertThat(runs).isEqualTo(expectedRuns(null));
            Map<String, String> manifest = AuditWorkbookFile.manifest(workbook);
            assertThat(manifest).containsEntry("Rows in Scored runs", "29").containsEntry("Rows in Bundles", "8");
            PrintableWorkbookAssertions.assertEverySheetPrints(workbook, AuditWorkbook.REPORT_NAME);
        }
    }

    // ----------------------------------------------------------------------------------------- helpers

    private Path export(String org, String from, String to) {
        run(org, from, to, new ArrayList<>());
        Path file = reportsDir.resolve("audit").resolve("audit-" + (org.equals("all") ? "all-orgs" : "org-" + slug(org))
                + "-" + from + "-" + to + ".xlsx");
        assertThat(file).exists();
        return file;
    }

    private String slug(String idOrSlug) {
        return idOrSlug.equals(acme.toString()) ? "acme" : idOrSlug.equals(orgSlugAll.toString()) ? "all" : idOrSlug;
    }

    private JobExecution run(String org, String from, String to, List<String> output) {
        JobExecution execution = application.getBean(JobRunner.class).run("audit-export",
                Map.of("org", org, "from", from, "to", to), "run", now(), output::add);
        assertThat(execution.getStatus()).as(String.join("\n", output)).isEqualTo(BatchStatus.COMPLETED);
        return execution;
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private static List<String> sheetNames(XSSFWorkbook workbook) {
        List<String> names = new ArrayList<>();
        workbook.forEach(sheet -> names.add(sheet.getSheetName()));
        return names;
    }

    private static int column(XSSFSheet sheet, String header) {
        return AuditWorkbookFile.header(sheet).indexOf(header);
    }

    /** The runs of the period, in the workbook's column order, export_ready as the database's own function says. */
    private List<String> expectedRuns(UUID org) {
        return rows("""
                select r.id, r.org_id, o.slug, o.name, r.created_at, r.user_id, u.email, r.module_id, r.domain_code,
                       r.status, s.clarity, s.execution, s.ambiguity, s.alignment, s.business_fit, s.overall,
                       public.run_meets_export_threshold(r.id)
                  from public.runs r
                  join public.organizations o on o.id = r.org_id
                  left join public.prompt_scores s on s.run_id = r.id
                  left join auth.users u on u.id = r.user_id
                 where r.created_at >= '2026-11-01 00:00+00' and r.created_at < '2026-12-01 00:00+00'
                   and (?::uuid is null or r.org_id = ?::uuid)
                 order by r.created_at, r.id""", org);
    }

    private List<String> expectedBundles(UUID org) {
        return rows("""
                select b.id, b.run_id, b.org_id, o.slug, o.name, b.created_at, array_to_string(b.formats, ', '),
                       b.checksum,
                       case when length(b.license_notice) > 32767
                            then left(b.license_notice, 32767 - length('… [truncated]')) || '… [truncated]'
                            else b.license_notice end,
                       s.overall, b.checksum ~ '^sha256:[0-9a-f]{64}$', b.created_by, u.email, r.org_id
                  from public.bundles b
                  join public.runs r on r.id = b.run_id
                  join public.organizations o on o.id = b.org_id
                  left join public.prompt_scores s on s.run_id = b.run_id
                  left join auth.users u on u.id = b.created_by
                 where r.created_at >= '2026-11-01 00:00+00' and r.created_at < '2026-12-01 00:00+00'
                   and (?::uuid is null or b.org_id = ?::uuid)
                 order by b.created_at, b.id""", org);
    }

    private List<String> expectedAnomalies(UUID org) {
        return rows("""
                select k.kind, b.id, b.run_id, b.org_id, o.slug, r.org_id, s.overall, b.checksum
                  from public.bundles b
                  join public.runs r on r.id = b.run_id
                  join public.organizations o on o.id = b.org_id
                  left join public.prompt_scores s on s.run_id = b.run_id
                  cross join lateral (values (1, 'unscored_run', s.run_id is null),
                                             (1, 'below_threshold', not public.run_meets_export_threshold(b.run_id)
                                                                    and s.run_id is not null),
                                             (2, 'malformed_checksum', b.checksum !~ '^sha256:[0-9a-f]{64}$'),
                                             (3, 'org_mismatch', b.org_id <> r.org_id)) k(place, kind, found)
                 where k.found
                   and r.created_at >= '2026-11-01 00:00+00' and r.created_at < '2026-12-01 00:00+00'
                   and (?::uuid is null or b.org_id = ?::uuid)
                 order by b.created_at, b.id, k.place""", org);
    }

    private List<String> rows(String sql, UUID org) {
        return db.jdbc().query(sql, (row, n) -> AuditWorkbookFile.row(row), org, org);
    }
}

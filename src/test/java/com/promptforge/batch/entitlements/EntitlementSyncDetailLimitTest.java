package com.promptforge.batch.entitlements;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.cli.PromptForgeCli;
import com.promptforge.batch.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * First runs on identical databases, one listing every change (the default detailLimit), one past a low detailLimit
 * (its changes counted by source, flag and kind, the chunks' rows never sent to the job), and one whose changes are
 * exactly detailLimit (still listed one by one).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EntitlementSyncDetailLimitTest {

    private static final int ORGS = 300;
    private static final String CHUNK_SIZE = "chunkSize=40";

    @TempDir
    static Path reports;
    private TestDatabase detailed;
    private TestDatabase grouped;
    private TestDatabase atLimit;
    private String detailedRun;
    private String groupedRun;
    private String atLimitRun;
    private long changes;

    @BeforeAll
    void runThreeFirstSyncs() {
        detailed = TestDatabase.create("detailed");
        grouped = TestDatabase.create("grouped");
        atLimit = TestDatabase.create("at-limit");
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (TestDatabase db : List.of(detailed, grouped, atLimit)) {
            SyncFixture.populate(db.jdbc(), ORGS, at);
        }
        detailedRun = cli(detailed, "detailed", "run", "entitlement-sync", CHUNK_SIZE);
        changes = detailed.jdbc().queryForObject("select count(*) from public.entitlement_changes", Long.class);
        assertThat(changes).as("enough changes to pass a low limit in a few chunks").isGreaterThan(200);
        groupedRun = cli(grouped, "grouped", "run", "entitlement-sync", CHUNK_SIZE, "detailLimit=100");
        atLimitRun = cli(atLimit, "at-limit", "run", "entitlement-sync", CHUNK_SIZE, "detailLimit=" + changes);
    }

    @AfterAll
    void dropDatabases() {
        for (TestDatabase db : new TestDatabase[] {detailed, grouped, atLimit}) {
            if (db != null) {
                db.close();
            }
        }
    }

    @Test
    void aRunPastDetailLimitWritesTheProjectionAndChangeLogOfARunListingEveryChange() {
        assertThat(SyncFixture.projection(grouped.jdbc())).isEqualTo(SyncFixture.projection(detailed.jdbc()));
        assertThat(SyncFixture.changeLog(grouped.jdbc())).isEqualTo(SyncFixture.changeLog(detailed.jdbc()));
        assertThat(figures(groupedRun)).hasSize(6).isEqualTo(figures(detailedRun));
    }

    @Test
    void pastDetailLimitTheChangesSheetCountsOrgsAndRowsBySourceFlagAndKind() throws Exception {
        List<String> expected = grouped.jdbc().queryForList("""
                select concat_ws('|', source, flag, kind, count(distinct org_id), count(*))
                  from public.entitlement_changes group by source, flag, kind
                """, String.class).stream().sorted().toList();
        try (XSSFWorkbook workbook = Workbooks.open(reportOf(groupedRun))) {
            XSSFSheet sheet = workbook.getSheet(EntitlementSyncReport.CHANGES_SHEET);
            assertThat(Workbooks.header(sheet)).containsExactly("Source", "Flag", "Change", "Orgs", "Rows");
            List<String> rows = Workbooks.rows(sheet, 5);
            assertThat(rows).isSorted();
            assertThat(rows).isEqualTo(expected);
        }
    }

    @Test
    void pastDetailLimitTheSummarySaysWhereEveryChangeIs() throws Exception {
        long execution = grouped.jdbc().queryForObject(
                "select max(job_execution_id) from public.entitlement_changes", Long.class);
        try (XSSFWorkbook workbook = Workbooks.open(reportOf(groupedRun))) {
            String listed = summaryValue(workbook.getSheet(EntitlementSyncReport.SUMMARY_SHEET),
                    EntitlementSyncReport.CHANGES_LISTED);
            assertThat(listed).contains("detailLimit=100")
                    .contains("select * from entitlement_changes where job_execution_id = " + execution);
        }
    }

    @Test
    void atDetailLimitTheChangesSheetStillListsEachChange() throws Exception {
        try (XSSFWorkbook workbook = Workbooks.open(reportOf(atLimitRun))) {
            XSSFSheet sheet = workbook.getSheet(EntitlementSyncReport.CHANGES_SHEET);
            assertThat(Workbooks.header(sheet)).startsWith("Org id", "Org slug", "Org name", "User id");
            assertThat((long) sheet.getLastRowNum()).isEqualTo(changes);
            assertThat(summaryValue(workbook.getSheet(EntitlementSyncReport.SUMMARY_SHEET),
                    EntitlementSyncReport.CHANGES_LISTED)).isNull();
        }
    }

    private static String summaryValue(XSSFSheet summary, String label) {
        for (Row row : summary) {
            if (row.getCell(0) != null && label.equals(Workbooks.text(row.getCell(0)))) {
                return Workbooks.text(row.getCell(1));
            }
        }
        return null;
    }

    private String cli(TestDatabase db, String folder, String... arguments) {
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.reports-dir", reports.resolve(folder).toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new PromptForgeCli(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, properties)
                .run(arguments);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();
        return printed;
    }

    /** The figures lines of a printed summary ("orgs scanned: 300", ...). */
    private static List<String> figures(String printed) {
        return printed.lines().map(String::strip)
                .filter(line -> line.matches("(orgs scanned|orgs changed|rows added|rows removed|rows updated"
                        + "|orgs skipped): [0-9,]+"))
                .toList();
    }

    private static Path reportOf(String printed) {
        return printed.lines().map(String::strip).filter(line -> line.startsWith("report: "))
                .map(line -> Path.of(line.substring("report: ".length()))).findFirst().orElseThrow();
    }
}

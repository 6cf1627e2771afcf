package com.promptforge.batch.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.job.CliResult;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Reports of several weeks on one database: figures of a week kept after its runs are deleted, week-over-week
 * changes and statement deltas out of two snapshots, the org parameter, and bad parameters refused.
 */
@PromptForgeDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsageReportWeeksTest {

    private TestDatabase db;
    private UsageData data;
    private IsoWeek week;
    private Path reports;

    @BeforeAll
    void start(TestDatabase db) throws IOException {
        this.db = db;
        data = new UsageData(db.jdbc());
        week = IsoWeek.lastCompletedBefore(Instant.now());
        reports = Files.createTempDirectory("pf-usage-weeks");
        db.jdbc().execute("create extension if not exists pg_stat_statements");
    }

    private CliResult run(String... parameters) {
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.reports-dir", reports.toString());
        String[] args = new String[parameters.length + 2];
        args[0] = "run";
        args[1] = "usage-report";
        System.arraycopy(parameters, 0, args, 2, parameters.length);
        return CliResult.run(properties, args);
    }

    /** {@code scope}: all-orgs, or org-<slug>, as the report's name says it. */
    private XSSFWorkbook workbook(String scope, IsoWeek reported) {
        return UsageWorkbook.open(reports.resolve("usage").resolve("usage-report-" + scope + "-" + reported.label()
                + ".xlsx"));
    }

    private Map<String, Cell> orgRow(XSSFWorkbook workbook, String slug) {
        return UsageWorkbook.rows(workbook.getSheet("Orgs")).stream()
                .filter(row -> slug.equals(UsageWorkbook.text(row.get("Slug")))).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + slug));
    }

    @Test
    void weekOverWeekChangeComesFromTheStoredWeekAfterItsRunsAreDeleted() throws IOException {
        UUID org = data.org("snapshotted", "Snapshotted Ltd");
        data.runs(org, 9, week.previous().start().plusHours(3), 60);
        assertThat(run("week=" + week.previous().label()).exit()).isZero();
        db.jdbc().update("delete from public.runs where org_id = ?", org);
        data.runs(org, 4, week.start().plusHours(3), 60);

        CliResult result = run("week=" + week.label());

        assertThat(result.exit()).as(result.toString()).isZero();
        try (XSSFWorkbook workbook = workbook("all-orgs", week)) {
            Map<String, Cell> row = orgRow(workbook, "snapshotted");
            assertThat(UsageWorkbook.number(row.get("Runs"))).isEqualTo(4);
            assertThat(UsageWorkbook.number(row.get("Runs week before"))).isEqualTo(9);
            assertThat(UsageWorkbook.number(row.get("Change in runs"))).isEqualTo(-5);
        }
        assertThat(db.jdbc().queryForObject("""
                select total_runs from usage.org_weeks where org_id = ? and week_start = ? and complete""",
                Long.class, org, week.previous().monday())).isEqualTo(9);
    }

    @Test
    void aPastWeekIsReportedAgainFromItsSnapshotAfterItsRunsAreDeleted() throws IOException {
        IsoWeek past = week.previous().previous().previous().previous();
        UUID org = data.org("bygone", "Bygone GmbH");
        data.runs(org, 6, past.start().plusHours(5), 90);
        assertThat(run("week=" + past.label(), "org=bygone").exit()).isZero();
        db.jdbc().update("delete from public.runs where org_id = ?", org);

        CliResult again = run("week=" + past.monday().plusDays(3), "org=" + org);

        assertThat(again.exit()).as(again.toString()).isZero();
        try (XSSFWorkbook workbook = workbook("org-bygone", past)) {
            assertThat(UsageWorkbook.rows(workbook.getSheet("Orgs"))).hasSize(1);
            assertThat(UsageWorkbook.number(orgRow(workbook, "bygone").get("Runs"))).isEqualTo(6);
        }
    }

    @Test
    void statementFiguresAreTheDifferenceBetweenTwoSnapshots() throws IOException {
        IsoWeek first = week.previous().previous().previous().previous().previous().previous();
        IsoWeek second = first.next();
        marker(3);
        assertThat(run("week=" + first.label()).exit()).isZero();
        marker(7);

        CliResult result = run("week=" + second.label(), "topStatements=1000");

        assertThat(result.exit()).as(result.toString()).isZero();
        try (XSSFWorkbook workbook = workbook("all-orgs", second)) {
            Map<String, Cell> row = UsageWorkbook.rows(workbook.getSheet("Query performance")).stream()
                    .filter(r -> UsageWorkbook.text(r.get("Query")).contains("usage_probe_marker")).findFirst()
                    .orElseThrow(() -> new AssertionError("the marker statement is not listed"));
            assertThat(UsageWorkbook.number(row.get("Calls in period"))).isEqualTo(7);
            assertThat(UsageWorkbook.number(row.get("Calls since reset"))).isEqualTo(10);
        }
    }

    private void marker(int times) {
        for (int i = 0; i < times; i++) {
            db.jdbc().queryForObject("select count(*) as usage_probe_marker from public.plans", Long.class);
        }
    }

    @Test
    void aOneOrgReportOfAWeekNeverReplacesTheAllOrgReportOfThatWeek() throws IOException {
        IsoWeek reported = week.previous().previous().previous().previous().previous().previous().previous();
        UUID acme = data.org("acme", "Acme");
        UUID other = data.org("other-co", "Other Co");
        data.runs(acme, 3, reported.start().plusHours(1), 60);
        data.runs(other, 5, reported.start().plusHours(2), 60);
        assertThat(run("week=" + reported.label()).exit()).isZero();

        CliResult oneOrg = run("week=" + reported.label(), "org=acme");

        assertThat(oneOrg.exit()).as(oneOrg.toString()).isZero();
        try (XSSFWorkbook all = workbook("all-orgs", reported); XSSFWorkbook acmeOnly = workbook("org-acme", reported)) {
            assertThat(UsageWorkbook.rows(acmeOnly.getSheet("Orgs"))).hasSize(1);
            assertThat(UsageWorkbook.rows(all.getSheet("Orgs")).stream()
                    .map(row -> UsageWorkbook.text(row.get("Slug")))).contains("acme", "other-co");
        }
    }

    @Test
    void twoChartedOrgsWithTheSameSlugAreLabelledWithTheirShortIdsAndTheReportCompletes() throws IOException {
        IsoWeek reported = week.previous().previous().previous().previous().previous().previous().previous().previous();
        UUID gone = data.org("reused", "Gone Ltd");
        data.runs(gone, 8, reported.start().plusHours(1), 60);
        assertThat(run("week=" + reported.label()).exit()).isZero();
        db.jdbc().update("delete from public.runs where org_id = ?", gone);
        db.jdbc().update("delete from public.organizations where id = ?", gone);
        UUID newcomer = data.org("reused", "Newcomer Inc"); // the deleted org's slug, taken again
        data.runs(newcomer, 6, reported.start().plusHours(2), 60);

        CliResult result = run("week=" + reported.label());

        assertThat(result.exit()).as(result.toString()).isZero();
        try (XSSFWorkbook workbook = workbook("all-orgs", reported)) {
            Map<String, Cell> summary = UsageWorkbook.summary(workbook);
            assertThat(UsageWorkbook.number(summary.get("Runs of reused (" + gone.toString().substring(0, 8) + ")")))
                    .isEqualTo(8);
            assertThat(UsageWorkbook.number(summary.get("Runs of reused (" + newcomer.toString().substring(0, 8)
                    + ")"))).isEqualTo(6);
        }
    }

    @Test
    void aStatementThatSetsAPasswordIsNeitherStoredNorPrinted() throws IOException {
        IsoWeek reported = week.previous().previous().previous().previous().previous().previous().previous().previous()
                .previous();
        String secret = "Sup3r-Secret-" + UUID.randomUUID();
        db.jdbc().execute("create role password_probe login");
        db.jdbc().execute("alter role password_probe password '" + secret + "'");
        assertThat(db.jdbc().queryForObject("select count(*) from pg_stat_statements where query like ?", Long.class,
                "%" + secret + "%")).as("pg_stat_statements keeps the statement as typed").isPositive();

        CliResult result = run("week=" + reported.label(), "topStatements=1000");

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(db.jdbc().queryForObject("select count(*) from usage.statement_counters where query like ?",
                Long.class, "%" + secret + "%")).isZero();
        assertThat(db.jdbc().queryForObject("select count(*) from usage.statement_counters where query = ?",
                Long.class, "[statement that sets a password: text not kept]")).isPositive();
        try (XSSFWorkbook workbook = workbook("all-orgs", reported)) {
            StringBuilder text = new StringBuilder();
            workbook.forEach(sheet -> sheet.forEach(row -> row.forEach(cell -> text.append(cell).append('\n'))));
            assertThat(text).contains("[statement that sets a password: text not kept]").doesNotContain(secret);
        }
    }

    @Test
    void snapshotsOlderThanTheKeptWeeksAreDeletedButNeverTheComparisonWeek() {
        IsoWeek thisWeek = week.next();
        IsoWeek ancient = thisWeek.minusWeeks(40);
        IsoWeek baselineWeek = thisWeek.minusWeeks(30);
        IsoWeek reported = thisWeek.minusWeeks(29);
        long ancientId = snapshot(ancient);
        long baselineId = snapshot(baselineWeek);

        assertThat(run("week=" + reported.label()).exit()).isZero();

        assertThat(snapshotIds()).doesNotContain(ancientId).contains(baselineId);
        assertThat(db.jdbc().queryForObject("select count(*) from usage.statement_counters where snapshot_id = ?",
                Long.class, ancientId)).isZero();
        long reportedId = db.jdbc().queryForObject("select max(id) from usage.statement_snapshots where week_start = ?",
                Long.class, reported.monday());

        assertThat(run("week=" + week.label()).exit()).isZero(); // compares with the reported week's snapshot

        assertThat(snapshotIds()).doesNotContain(baselineId).contains(reportedId);
    }

    private long snapshot(IsoWeek of) {
        long id = db.jdbc().queryForObject("""
                insert into usage.statement_snapshots (week_start, available) values (?, true) returning id""",
                Long.class, of.monday());
        db.jdbc().update("""
                insert into usage.statement_counters (snapshot_id, userid, queryid, toplevel, role_name, query, calls,
                                                      total_exec_time_ms, rows, shared_blks_hit, shared_blks_read)
                values (?, 10, 42, true, 'postgres', 'select 1', 1, 1.0, 1, 0, 0)""", id);
        return id;
    }

    private List<Long> snapshotIds() {
        return db.jdbc().queryForList("select id from usage.statement_snapshots", Long.class);
    }

    @Test
    void theOrgParameterReportsThatOrganizationOnly() throws IOException {
        UUID org = data.org("only-me", "Only Me Inc");
        data.runs(org, 2, week.start().plusHours(1), 60);

        CliResult result = run("week=" + week.label(), "org=only-me");

        assertThat(result.exit()).as(result.toString()).isZero();
        try (XSSFWorkbook workbook = workbook("org-only-me", week)) {
            List<Map<String, Cell>> rows = UsageWorkbook.rows(workbook.getSheet("Orgs"));
            assertThat(rows).hasSize(1);
            assertThat(UsageWorkbook.text(rows.get(0).get("Org id"))).isEqualTo(org.toString());
            assertThat(UsageWorkbook.number(rows.get(0).get("Runs"))).isEqualTo(2);
        }
    }

    @Test
    void theStoredWeeksHaveFreshPlannerStatisticsBeforeTheReportReadsThem() {
        db.jdbc().update("delete from usage.org_weeks");
        data.runs(data.org("stats-co", "Stats Co"), 30, week.start().plusHours(2), 60);

        CliResult result = run("week=" + week.label());

        assertThat(result.exit()).as(result.toString()).isZero();
        // analyzed by the job (autovacuum would set last_autoanalyze) after the rows were written: the planner
        // knows how many rows there are
        Map<String, Object> statistics = db.jdbc().queryForMap("""
                select s.last_analyze, c.reltuples from pg_stat_user_tables s join pg_class c on c.oid = s.relid
                 where s.schemaname = 'usage' and s.relname = 'org_weeks'""");
        assertThat(statistics.get("last_analyze")).isNotNull();
        assertThat(((Number) statistics.get("reltuples")).longValue())
                .isEqualTo(db.jdbc().queryForObject("select count(*) from usage.org_weeks", Long.class));
    }

    @Test
    void withoutAWeekTheLastCompletedWeekIsReported() {
        CliResult result = run("org=demo");

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(reports.resolve("usage").resolve("usage-report-org-demo-" + week.label() + ".xlsx")).exists();
    }

    @Test
    void aBadWeekIsExit2WithOneLineSayingWhatIsAccepted() {
        for (String bad : List.of("2026-W60", "last-week", "2026-02-30")) {
            CliResult result = run("week=" + bad);

            assertThat(result.exit()).as(result.toString()).isEqualTo(2);
            assertThat(result.err().strip()).isEqualTo("usage-report: parameter week must be " + IsoWeek.ACCEPTED
                    + ", got '" + bad + "'");
        }
    }

    @Test
    void anUnknownOrgIsExit2WithOneLineSayingWhatIsAccepted() {
        CliResult result = run("org=no-such-org");

        assertThat(result.exit()).as(result.toString()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo("usage-report: parameter org must be the id (uuid) or slug of an "
                + "existing organization, got 'no-such-org': no organization has that id or slug");
    }
}

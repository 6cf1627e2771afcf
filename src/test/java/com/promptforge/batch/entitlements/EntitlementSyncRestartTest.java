package com.promptforge.batch.entitlements;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.PromptForgeApplication;
import com.promptforge.batch.cli.PromptForgeCli;
import com.promptforge.batch.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of a run, then {@code restart}: the result equals an uninterrupted run on an identical
 * database, and no change is recorded twice. The killed run is a real process, destroyed forcibly once some
 * chunks have committed.
 */
class EntitlementSyncRestartTest {

    private static final int ORGS = 4_000;
    private static final String CHUNK_SIZE = "chunkSize=5";
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    /**
     * The same orgs (ids derived from their number) with a bit of everything: plans in and out of force,
     * grants live, expired and revoked, manual rows, stale rows to remove, and a few unknown plans. Times are
     * relative to one instant ({@code %2$s}), the same for both databases.
     */
    private static final String POPULATE = """
            insert into public.organizations (id, name, slug)
            select md5('org' || i)::uuid, 'Org ' || i, 'org-' || i from generate_series(1, %1$d) i;

            insert into public.subscriptions (org_id, plan_code, status, current_period_start, current_period_end, trial_end)
            select md5('org' || i)::uuid,
                   case when i %% 500 = 0 then 'platinum' else (array['pro', 'enterprise', 'pilot', 'pro'])[i %% 4 + 1] end,
                   (array['active', 'trialing', 'past_due', 'canceled', 'active'])[i %% 5 + 1],
                   %2$s - interval '40 days',
                   %2$s + make_interval(days => i %% 30 - 12),
                   %2$s + make_interval(days => i %% 7 - 3)
              from generate_series(1, %1$d) i
             where i %% 6 <> 0;

            insert into public.entitlement_grants (org_id, user_id, source, source_ref, flag, valid_from, valid_until, revoked_at)
            select md5('org' || i)::uuid,
                   case when i %% 2 = 0 then md5('user' || i)::uuid end,
                   (array['addon', 'pack', 'license'])[i %% 3 + 1],
                   'ref-' || i,
                   (array['hasAPI', 'hasSSO', 'hasAuditLog'])[i %% 3 + 1],
                   %2$s - interval '10 days',
                   %2$s + make_interval(days => i %% 20 - 5),
                   case when i %% 11 = 0 then %2$s - interval '1 day' end
              from generate_series(1, %1$d) i
             where i %% 3 = 0;

            insert into public.entitlements (org_id, flag, value, source, source_ref, valid_from, valid_until)
            select md5('org' || i)::uuid, 'hasSSO', true, 'manual', 'ticket-' || i, %2$s - interval '30 days',
                   case when i %% 20 = 0 then %2$s - interval '1 day' end
              from generate_series(1, %1$d) i
             where i %% 10 = 0;

            insert into public.entitlements (org_id, flag, value, source, source_ref)
            select md5('org' || i)::uuid, 'hasSSO', true, 'plan', 'enterprise'
              from generate_series(1, %1$d) i
             where i %% 7 = 0;
            """;

    /** The projection, without what depends on when a chunk ran (ids, a plan row's start, updated_at). */
    private static final String PROJECTION = """
            select concat_ws('|', org_id, coalesce(user_id::text, '*'), flag, source, source_ref, value,
                             case when source = 'plan' then '*' else valid_from::text end, coalesce(valid_until::text, '-'))
              from public.entitlements order by 1
            """;

    /** Every recorded change and skip, without ids, times and execution ids. */
    private static final String CHANGE_LOG = """
            select concat_ws('|', kind, org_id, coalesce(user_id::text, '*'), flag, source, source_ref,
                             coalesce(old_value::text, '-'), coalesce(new_value::text, '-'),
                             coalesce(old_valid_until::text, '-'), coalesce(new_valid_until::text, '-'),
                             case when source = 'plan' then '*' else coalesce(new_valid_from::text, '-') end)
              from public.entitlement_changes
            union all
            select concat_ws('|', 'skip', org_id, reason) from public.entitlement_sync_skips
            order by 1
            """;

    @Test
    void killedMidRunAndRestartedEqualsAnUninterruptedRunWithNoChangeRecordedTwice(@TempDir Path reports)
            throws Exception {
        try (TestDatabase killed = TestDatabase.create("killed");
             TestDatabase uninterrupted = TestDatabase.create("uninterrupted")) {
            String populate = POPULATE.formatted(ORGS,
                    "timestamptz '" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "'");
            killed.jdbc().execute(populate);
            uninterrupted.jdbc().execute(populate);

            killMidRun(killed, reports.resolve("killed"));
            assertThat(killed.jdbc().queryForObject(
                    "select status from batch.batch_job_execution order by job_execution_id desc limit 1", String.class))
                    .as("the killed execution is left as running").isEqualTo("STARTED");
            long committedBeforeKill = killed.jdbc().queryForObject(
                    "select count(distinct org_id) from public.entitlement_changes", Long.class);
            assertThat(committedBeforeKill).as("some chunks committed, not all").isPositive().isLessThan(ORGS / 2);

            String restart = cli(killed, reports.resolve("killed"), "restart", "entitlement-sync");
            String run = cli(uninterrupted, reports.resolve("uninterrupted"), "run", "entitlement-sync", CHUNK_SIZE);

            assertThat(restart).contains("COMPLETED");
            assertThat(killed.jdbc().queryForList(PROJECTION, String.class))
                    .isEqualTo(uninterrupted.jdbc().queryForList(PROJECTION, String.class));
            List<String> changeLog = killed.jdbc().queryForList(CHANGE_LOG, String.class);
            assertThat(changeLog).isEqualTo(uninterrupted.jdbc().queryForList(CHANGE_LOG, String.class));
            // one job instance over two executions, each change once
            assertThat(killed.jdbc().queryForList("""
                    select count(distinct job_instance_id) || ' instance, ' || count(distinct job_execution_id) || ' executions'
                      from public.entitlement_changes
                    """, String.class)).containsExactly("1 instance, 2 executions");
            assertThat(killed.jdbc().queryForObject("""
                    select count(*) from (select 1 from public.entitlement_changes
                                           group by org_id, user_id, flag, source, source_ref having count(*) > 1) twice
                    """, Long.class)).isZero();
            // the summary and the report of the restarted execution cover the killed one's chunks too
            assertThat(summary(restart)).hasSize(6).isEqualTo(summary(run));
            long changes = killed.jdbc().queryForObject("select count(*) from public.entitlement_changes", Long.class);
            try (XSSFWorkbook workbook = Workbooks.open(reportOf(restart))) {
                assertThat(workbook.getSheet(EntitlementSyncReport.CHANGES_SHEET).getLastRowNum()).isEqualTo(changes);
            }
        }
    }

    /** Starts {@code run entitlement-sync} in a process of its own and kills it (SIGKILL) after a few commits. */
    private static void killMidRun(TestDatabase db, Path reports) throws IOException, InterruptedException {
        Files.createDirectories(reports);
        Path log = reports.resolve("killed-run.log");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                PromptForgeApplication.class.getName(), "run", "entitlement-sync", CHUNK_SIZE)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, Object> properties = db.applicationProperties();
        builder.environment().put("PF_DB_URL", String.valueOf(properties.get("pf.db.url")));
        builder.environment().put("PF_DB_USER", String.valueOf(properties.get("pf.db.user")));
        builder.environment().put("PF_DB_PASSWORD", String.valueOf(properties.get("pf.db.password")));
        builder.environment().put("PF_REPORTS_DIR", reports.toString());
        Process process = builder.start();
        try {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (commits(db) < 20) {
                assertThat(process.isAlive()).as("the run ended before it could be killed:%n%s",
                        Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as("no chunk committed in time:%n%s", Files.readString(log))
                        .isLessThan(deadline);
                Thread.sleep(20);
            }
        } finally {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static long commits(TestDatabase db) {
        return db.jdbc().queryForObject("""
                select coalesce(max(commit_count), 0) from batch.batch_step_execution where step_name = ?
                """, Long.class, EntitlementSyncJobConfiguration.STEP_NAME);
    }

    private static String cli(TestDatabase db, Path reports, String... arguments) {
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.reports-dir", reports.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new PromptForgeCli(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, properties)
                .run(arguments);
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.println(String.join(" ", arguments) + ":\n" + printed);
        assertThat(exit).as(printed).isZero();
        return printed;
    }

    /** The figures lines of a printed summary ("orgs scanned: 4,001", ...). */
    private static List<String> summary(String printed) {
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

package com.promptforge.batch.entitlements;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.testing.TestDatabase;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/**
 * Syncs {@code benchmark.orgs} organizations (default 20,000) x the 6 plan flags, from an empty projection and then
 * with nothing changed, and times, in the same run and on the same data, the set-based statements that are the
 * floor for each: a bare {@code INSERT ... SELECT} of the same projection, and a query that only counts the
 * differences (after a {@code vacuum analyze}, as a nightly run finds the rows of the night before). Prints
 * medians of {@code benchmark.rounds} rounds (default 3) and the ratios. Measures; asserts only that the job did
 * its work.
 *
 * <pre>
 * ./mvnw test -Dtest=EntitlementSyncBenchmark -Dgroups=benchmark -DexcludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * The table is in {@code target/surefire-reports/com.promptforge.batch.entitlements.EntitlementSyncBenchmark-output.txt}.
 */
@Tag("benchmark")
class EntitlementSyncBenchmark {

    private static final int ORGS = Integer.getInteger("benchmark.orgs", 20_000);
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);

    /** The same projection as the job makes for orgs whose subscriptions are all in force. */
    private static final String DESIRED = """
            select o.id as org_id, pe.flag, pe.value, coalesce(s.plan_code, 'pilot') as plan_code
              from public.organizations o
              left join public.subscriptions s on s.org_id = o.id
              join public.plan_entitlements pe on pe.plan_code = coalesce(s.plan_code, 'pilot')
            """;

    private static final String BARE_INSERT = "insert into public.entitlements (org_id, flag, value, source, source_ref)"
            + " select d.org_id, d.flag, d.value, 'plan', d.plan_code from (" + DESIRED + ") d";

    private static final String COUNT_DIFFERENCES = "select count(*) from (" + DESIRED + """
            ) d
              full join (select * from public.entitlements where source = 'plan') e
                on e.org_id = d.org_id and e.flag = d.flag and e.source_ref = d.plan_code
             where e.id is null or d.org_id is null or e.value <> d.value
            """;

    @Test
    void syncsTwentyThousandOrgsBesideTheBareSetBasedStatements() {
        try (TestDatabase db = TestDatabase.create("benchmark")) {
            populate(db);
            try (SyncHarness harness = SyncHarness.start(db)) {
                run(db, harness, System.out);
            }
        }
    }

    private static void populate(TestDatabase db) {
        db.jdbc().update("""
                insert into public.organizations (id, name, slug)
                select md5('org' || i)::uuid, 'Org ' || i, 'org-' || i from generate_series(1, ?) i
                """, ORGS);
        // every fourth org without a subscription (pilot), the others on pro or enterprise, in force
        db.jdbc().update("""
                insert into public.subscriptions (org_id, plan_code, status, current_period_start, current_period_end)
                select md5('org' || i)::uuid, case when i % 2 = 0 then 'pro' else 'enterprise' end, 'active',
                       now() - interval '10 days', now() + interval '20 days'
                  from generate_series(1, ?) i
                 where i % 4 <> 0
                """, ORGS);
        db.jdbc().execute("analyze");
    }

    private static void run(TestDatabase db, SyncHarness harness, PrintStream out) {
        long expectedRows = db.jdbc().queryForObject("select count(*) from (" + DESIRED + ") d", Long.class);
        List<Long> bareInsert = new ArrayList<>();
        List<Long> syncFromEmpty = new ArrayList<>();
        List<Long> dryRunFromEmpty = new ArrayList<>();
        List<Long> countDifferences = new ArrayList<>();
        List<Long> syncUnchanged = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            empty(db);
            bareInsert.add(millis(() -> db.jdbc().update(BARE_INSERT)));
            empty(db);
            dryRunFromEmpty.add(millis(() -> {
                JobExecution execution = harness.run("dryRun=true");
                assertThat(SyncSummary.from(SyncHarness.step(execution).getExecutionContext()).rowsAdded())
                        .isEqualTo(expectedRows);
                return 0;
            }));
            syncFromEmpty.add(millis(() -> {
                JobExecution execution = harness.run();
                assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
                assertThat(SyncSummary.from(SyncHarness.step(execution).getExecutionContext()).rowsAdded())
                        .isEqualTo(expectedRows);
                return 0;
            }));
            // the state a nightly run meets: autovacuum has been through the rows loaded the night before
            db.jdbc().execute("vacuum analyze public.entitlements, public.entitlement_changes");
            countDifferences.add(millis(() -> db.jdbc().queryForObject(COUNT_DIFFERENCES, Long.class)));
            syncUnchanged.add(millis(() -> {
                JobExecution execution = harness.run();
                assertThat(SyncSummary.from(SyncHarness.step(execution).getExecutionContext()))
                        .isEqualTo(new SyncSummary(ORGS + 1, 0, 0, 0, 0, 0));
                return 0;
            }));
        }
        long insert = median(bareInsert);
        long fromEmpty = median(syncFromEmpty);
        long dryRun = median(dryRunFromEmpty);
        long count = median(countDifferences);
        long unchanged = median(syncUnchanged);
        out.printf(Locale.ROOT, "%nentitlement-sync: %,d orgs (+ the demo org), %,d plan rows, chunkSize 500, "
                + "medians of %d rounds%n", ORGS, expectedRows, ROUNDS);
        out.printf(Locale.ROOT, "%-58s %9s %12s %7s%n", "", "time", "rows/s", "ratio");
        out.printf(Locale.ROOT, "%-58s %7.2f s %,12.0f %7s%n", "reference: bare INSERT ... SELECT into an empty table",
                insert / 1000.0, expectedRows * 1000.0 / insert, "1.0");
        out.printf(Locale.ROOT, "%-58s %7.2f s %,12.0f %7.1f%n", "sync from empty (+ change log, workbook of all rows)",
                fromEmpty / 1000.0, expectedRows * 1000.0 / fromEmpty, (double) fromEmpty / insert);
        out.printf(Locale.ROOT, "%-58s %7.2f s %,12.0f %7.1f%n", "  of which: dry run from empty (diff + workbook, no writes)",
                dryRun / 1000.0, expectedRows * 1000.0 / dryRun, (double) dryRun / insert);
        out.printf(Locale.ROOT, "%-58s %7.2f s %,12.0f %7s%n", "reference: query counting the differences (none)",
                count / 1000.0, expectedRows * 1000.0 / count, "1.0");
        out.printf(Locale.ROOT, "%-58s %7.2f s %,12.0f %7.1f%n", "sync with nothing changed",
                unchanged / 1000.0, expectedRows * 1000.0 / unchanged, (double) unchanged / count);
        out.printf(Locale.ROOT, "all rounds (ms): insert %s, sync %s, dry run %s, count %s, unchanged %s%n",
                bareInsert, syncFromEmpty, dryRunFromEmpty, countDifferences, syncUnchanged);
    }

    private static void empty(TestDatabase db) {
        db.jdbc().execute("truncate public.entitlements, public.entitlement_changes, public.entitlement_sync_skips");
    }

    private static long millis(LongSupplier work) {
        long start = System.nanoTime();
        work.getAsLong();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}

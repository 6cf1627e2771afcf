package com.promptforge.batch.db.rls;

import static com.promptforge.batch.db.rls.RlsFixture.queryString;
import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What row-level security costs a member (issue 14): the queries of the table, each as
 * {@code service_role} (bypasses RLS) and as the organization's owner (role {@code authenticated} with the JWT
 * claims Supabase sets), on a generated data set ({@code rls-benchmark-data.sql}): {@code benchmark.orgs}
 * organizations (default 100,000) with 5 members, a subscription and their plan's entitlements, the first
 * {@code benchmark.runOrgs} (default 10,000) of them with {@code benchmark.runs} runs (default 1,000,000) over 90
 * days, skewed, ~74% scored, ~9% bundled. The organization measured is the busiest. Server time is EXPLAIN
 * ANALYZE's planning + execution time (TIMING OFF), the median of {@code benchmark.rounds} (default 5) after one
 * warm-up; the member's plan is printed with each row. Then the gating lookups through the entitlement views as a
 * member of an organization without runs. Measures; asserts only that member and service_role count the same.
 *
 * <pre>
 * ./mvnw test -Dtest=RlsOverheadBenchmark -Dgroups=benchmark -DexcludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * Add {@code -Dbenchmark.runs=10000000} for the full size. The table is in
 * {@code target/surefire-reports/com.promptforge.batch.db.rls.RlsOverheadBenchmark-output.txt}; results are in
 * docs/benchmarks.md ("RLS overhead").
 */
@Tag("benchmark")
class RlsOverheadBenchmark {

    private static final int ORGS = Integer.getInteger("benchmark.orgs", 100_000);
    private static final int RUN_ORGS = Integer.getInteger("benchmark.runOrgs", 10_000);
    private static final int RUNS = Integer.getInteger("benchmark.runs", 1_000_000);
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 5);

    /** Org 1 is the busiest (the skew puts most runs on the lowest numbers); member 1 is its owner. */
    private static final int MEASURED_ORG = 1;
    /** An org without runs in the middle of the 100,000; its member 2 has a personal licence row (every tenth org). */
    private static final int GATING_ORG = 50_001;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One row of the table: what service_role runs, what the member runs (the same, except the last row). */
    private record Case(String label, String serviceSql, String memberSql) {
    }

    /** Medians of planning + execution and of execution alone; every round's planning + execution. */
    private record Timing(double medianMs, double medianExecutionMs, List<Double> allMs, String result, String plan) {
    }

    @Test
    void memberQueriesAgainstServiceRole() {
        try (TestDatabase db = TestDatabase.create("rlsbenchmark")) {
            long start = System.nanoTime();
            db.jdbc().execute(dataSet());
            db.jdbc().execute("vacuum analyze");
            System.out.printf(Locale.ROOT, "data set filled and analyzed in %.0f s%n", (System.nanoTime() - start) / 1e9);
            run(db, System.out);
        }
    }

    private static String dataSet() {
        try (InputStream in = RlsOverheadBenchmark.class.getResourceAsStream("rls-benchmark-data.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("{orgs}", Integer.toString(ORGS))
                    .replace("{runOrgs}", Integer.toString(RUN_ORGS))
                    .replace("{runs}", Integer.toString(RUNS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(TestDatabase db, PrintStream out) {
        String org = orgId(db, MEASURED_ORG);
        UUID owner = userId(db, MEASURED_ORG, 1);
        String week = "created_at >= now() - interval '7 days'";
        List<Case> cases = List.of(
                same("get_org_run_stats(org, 7)", "select * from public.get_org_run_stats('" + org + "', 7)"),
                same("get_org_run_stats(org, 30)", "select * from public.get_org_run_stats('" + org + "', 30)"),
                same("latest 50 runs of the org",
                        "select * from public.runs where org_id = '" + org + "' order by created_at desc limit 50"),
                same("count of the org's runs, last 7 days",
                        "select count(*) from public.runs where org_id = '" + org + "' and " + week),
                new Case("count of runs, last 7 days, no org filter (service_role: with the org filter)",
                        "select count(*) from public.runs where org_id = '" + org + "' and " + week,
                        "select count(*) from public.runs where " + week));

        Long orgRuns = db.jdbc().queryForObject("select count(*) from public.runs where org_id = ?::uuid", Long.class, org);
        Long orgWeek = db.jdbc().queryForObject(
                "select count(*) from public.runs where org_id = ?::uuid and " + week, Long.class, org);
        out.printf(Locale.ROOT, "%n%s%n%,d orgs (%,d with runs), %,d runs, %,d scores, %,d bundles, %,d entitlement rows;"
                        + " the org measured has %,d runs, %,d in the last 7 days; medians of %d after a warm-up%n",
                db.jdbc().queryForObject("select version()", String.class), ORGS, RUN_ORGS,
                db.jdbc().queryForObject("select count(*) from public.runs", Long.class),
                db.jdbc().queryForObject("select count(*) from public.prompt_scores", Long.class),
                db.jdbc().queryForObject("select count(*) from public.bundles", Long.class),
                db.jdbc().queryForObject("select count(*) from public.entitlements", Long.class),
                orgRuns, orgWeek, ROUNDS);

        out.printf(Locale.ROOT, "%n| query | service_role | member | ratio | ratio of execution alone |%n"
                + "| --- | --- | --- | --- | --- |%n");
        List<String> plans = new ArrayList<>();
        for (Case c : cases) {
            Timing[] timings = timeSideBySide(db, c, owner);
            Timing service = timings[0];
            Timing member = timings[1];
            assertThat(member.result()).as("%s: the member sees what service_role counts", c.label())
                    .isEqualTo(service.result());
            out.printf(Locale.ROOT, "| %s | %s | %s | %.2fx | %.2fx |%n", c.label(), ms(service.medianMs()),
                    ms(member.medianMs()), member.medianMs() / service.medianMs(),
                    member.medianExecutionMs() / service.medianExecutionMs());
            plans.add(c.label() + ": service_role " + service.allMs() + " ms, member " + member.allMs()
                    + " ms; member's plan:\n" + member.plan());
        }
        out.println();
        plans.forEach(plan -> out.println(plan + "\n"));

        String gatingOrg = orgId(db, GATING_ORG);
        UUID gatingUser = userId(db, GATING_ORG, 2);
        out.printf(Locale.ROOT, "gating at %,d orgs, as member 2 of org %d (a personal hasAPI licence), server time:%n",
                ORGS, GATING_ORG);
        for (String sql : List.of(
                "select value from public.entitlements_effective_org where org_id = '" + gatingOrg
                        + "' and flag = 'hasAPI'",
                "select value from public.entitlements_effective_user where org_id = '" + gatingOrg
                        + "' and user_id = '" + gatingUser + "' and flag = 'hasAPI'")) {
            Timing[] timings = timeSideBySide(db, same(sql, sql), gatingUser);
            Timing service = timings[0];
            Timing member = timings[1];
            assertThat(member.result()).isEqualTo(service.result());
            out.printf(Locale.ROOT, "%s%n  value %s; service_role %s, member %s (%s); member's plan:%n%s%n%n", sql,
                    member.result(), ms(service.medianMs()), ms(member.medianMs()), member.allMs(), member.plan());
        }
    }

    private static Case same(String label, String sql) {
        return new Case(label, sql, sql);
    }

    /**
     * A warm-up, then {@link #ROUNDS} rounds, each running the service_role query and then the member's, every run
     * an EXPLAIN ANALYZE in its own transaction: side by side, so that the load of a shared machine falls on both.
     */
    private static Timing[] timeSideBySide(TestDatabase db, Case c, UUID member) {
        Run service = new Run("service_role", null, c.serviceSql());
        Run owner = new Run("authenticated", member, c.memberSql());
        List<double[]> serviceTimes = new ArrayList<>();
        List<double[]> memberTimes = new ArrayList<>();
        for (int round = 0; round <= ROUNDS; round++) {
            double[] s = service.serverMillis(db);
            double[] m = owner.serverMillis(db);
            if (round > 0) {
                serviceTimes.add(s);
                memberTimes.add(m);
            }
        }
        return new Timing[] {service.timing(db, serviceTimes), owner.timing(db, memberTimes)};
    }

    /** One query as one role. */
    private record Run(String role, UUID user, String sql) {

        /** Planning + execution time and execution time alone, in ms. */
        double[] serverMillis(TestDatabase db) {
            return db.as(role, user, c -> {
                JsonNode explained = JSON.readTree(
                        queryString(c, "explain (analyze, timing off, format json) " + sql)).get(0);
                double execution = explained.path("Execution Time").asDouble();
                return new double[] {explained.path("Planning Time").asDouble() + execution, execution};
            });
        }

        Timing timing(TestDatabase db, List<double[]> times) {
            // what the query returned, as a fingerprint: member and service_role must agree
            String result = db.as(role, user, c -> queryString(c,
                    "select count(*) || ' rows, md5 ' || md5(coalesce(string_agg(t::text, '|'), '')) from (" + sql
                            + ") t"));
            String plan = db.as(role, user, c -> textPlan(c, sql));
            List<Double> totals = times.stream().map(t -> t[0]).toList();
            return new Timing(median(totals), median(times.stream().map(t -> t[1]).toList()),
                    totals.stream().map(t -> Math.round(t * 100) / 100.0).toList(), result, plan);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String textPlan(Connection c, String sql) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (var statement = c.createStatement();
             var rows = statement.executeQuery("explain (analyze, timing off, costs off) " + sql)) {
            while (rows.next()) {
                plan.append("    ").append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString().stripTrailing();
    }

    private static String ms(double ms) {
        return ms >= 100 ? String.format(Locale.ROOT, "%,.0f ms", ms) : String.format(Locale.ROOT, "%.2f ms", ms);
    }

    private static String orgId(TestDatabase db, int org) {
        return db.jdbc().queryForObject("select md5('rls-org-' || ?)::uuid::text", String.class, org);
    }

    private static UUID userId(TestDatabase db, int org, int member) {
        return db.jdbc().queryForObject("select md5('rls-user-' || ? || '-' || ?)::uuid", UUID.class, org, member);
    }
}

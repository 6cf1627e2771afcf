package com.promptforge.batch.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.db.SqlResources;
import com.promptforge.batch.testing.TestDatabase;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import com.promptforge.batch.report.LocalReportStore;
import com.promptforge.batch.report.ReportLifecycle;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * The usage report at {@code benchmark.orgs} organizations (default 1,000) and {@code benchmark.runs} runs (default
 * 1,000,000) over three weeks, one org holding 5% of them. Times, in the same run: the whole report (both weeks'
 * figures computed, checks, snapshot, workbook) against one grouped SQL query that computes the same per-org
 * figures for both weeks, as a ratio; and get_org_run_stats_between for the busy org, with the EXPLAIN of its query.
 * Measures; asserts only that the report covered every org.
 *
 * <pre>
 * ./mvnw test -Dtest=UsageReportBenchmark -Dgroups=benchmark -DexcludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * The table is in {@code target/surefire-reports/com.promptforge.batch.usage.UsageReportBenchmark-output.txt}.
 */
@Tag("benchmark")
class UsageReportBenchmark {

    private static final int ORGS = Integer.getInteger("benchmark.orgs", 1_000);
    private static final int RUNS = Integer.getInteger("benchmark.runs", 1_000_000);
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);

    /**
     * The per-org figures of the last completed week and the one before in one grouped statement, the same the
     * {@code bench} suite's UsageReportCase uses: the floor for what the job computes.
     */
    private static final String GROUPED = SqlResources.text("com/promptforge/batch/bench/sql/usage_per_org_weeks.sql");

    @Test
    void measure() throws IOException {
        try (TestDatabase db = TestDatabase.create("usagebenchmark")) {
            IsoWeek week = IsoWeek.lastCompletedBefore(Instant.now());
            UUID busy = populate(db.jdbc(), week);
            run(db, week, busy, System.out);
        }
    }

    private static UUID populate(JdbcTemplate jdbc, IsoWeek week) {
        long start = System.nanoTime();
        jdbc.update("""
                insert into public.organizations (id, name, slug)
                select gen_random_uuid(), 'Benchmark org ' || g, 'bench-' || g from generate_series(1, ?) as g""", ORGS);
        UUID busy = jdbc.queryForObject("select id from public.organizations where slug = 'bench-1'", UUID.class);
        // every 20th run is the busy org's; the others spread over all orgs; 21 days up to the week's end
        jdbc.update("""
                with orgs as (select array_agg(id order by slug) as ids from public.organizations where slug like 'bench-%')
                insert into public.runs (org_id, user_id, module_id, domain_code, parameters, status, tokens,
                                         duration_ms, created_at, started_at, completed_at)
                select case when g % 20 = 0 then ? else orgs.ids[1 + (g::bigint * 7919) % cardinality(orgs.ids)] end,
                       ('00000000-0000-4000-8000-' || lpad(to_hex(g % 5000), 12, '0'))::uuid,
                       'M02', 'RETAIL',
                       '{"scale": "team", "urgency": "low", "complexity": "simple", "resources": "minimal", "application": "strategy"}',
                       case when g % 7 = 0 then 'failed' else 'completed' end, 100 + g % 900, 500 + g % 20000,
                       t, t + interval '1 second', t + interval '2 seconds'
                  from generate_series(1, ?) as g
                 cross join orgs
                 cross join lateral (select ?::timestamptz - make_interval(secs => (g::bigint * 1814400) / ?)) as at(t)
                """, busy, RUNS, week.end().minusSeconds(60), RUNS);
        jdbc.update("""
                insert into public.prompt_scores (run_id, org_id, clarity, execution, ambiguity, alignment, business_fit)
                select id, org_id, 60 + tokens % 40, 70, 20, 80, 75 from public.runs where tokens % 2 = 0
                on conflict (run_id) do nothing""");
        jdbc.execute("vacuum analyze");
        System.out.printf(Locale.ROOT, "populated %,d orgs and %,d runs in %.1f s%n", ORGS, RUNS,
                (System.nanoTime() - start) / 1e9);
        return busy;
    }

    private static void run(TestDatabase db, IsoWeek week, UUID busy, PrintStream out) throws IOException {
        JdbcTemplate jdbc = db.jdbc();
        Path reports = Files.createTempDirectory("pf-usage-benchmark");
        UsageReport report = new UsageReport(db.dataSource(), "benchmark", "benchmark", 26);
        UsageReportParameters parameters = UsageReportJobConfiguration.PARAMETERS.bind(
                Map.of(UsageReportParameters.WEEK, week.label()));
        List<Long> job = new ArrayList<>();
        List<Long> grouped = new ArrayList<>();
        List<Long> busyStats = new ArrayList<>();
        int orgsReported = 0;
        UUID[] orgIds = jdbc.queryForList("select id from public.organizations", UUID.class).toArray(UUID[]::new);
        for (int round = 0; round < ROUNDS; round++) {
            jdbc.update("delete from usage.org_weeks");
            long start = System.nanoTime();
            orgsReported = report.run("usage-report", parameters, java.util.Map.of("week", "benchmark"), null,
                    new ReportLifecycle(new LocalReportStore(reports)), Instant.now())
                    .content().orgs().size();
            job.add(System.nanoTime() - start);

            start = System.nanoTime();
            new NamedParameterJdbcTemplate(jdbc).queryForList(GROUPED, java.util.Map.of("orgIds", new SqlArrayValue("uuid", (Object[]) orgIds)));
            grouped.add(System.nanoTime() - start);

            start = System.nanoTime();
            jdbc.queryForMap("select * from public.get_org_run_stats_between(?, ?, ?)", busy, week.start(), week.end());
            busyStats.add(System.nanoTime() - start);
        }
        long busyRuns = jdbc.queryForObject("select count(*) from public.runs where org_id = ? and created_at >= ? "
                + "and created_at < ?", Long.class, busy, week.start(), week.end());
        out.printf(Locale.ROOT, "%nusage-report: %,d orgs, %,d runs over 3 weeks, busy org %,d runs in the week; "
                + "medians of %d rounds%n", ORGS, RUNS, busyRuns, ROUNDS);
        out.printf(Locale.ROOT, "  whole report (2 weeks x %,d orgs computed, checks, snapshot, workbook): %,d ms%n",
                ORGS, median(job) / 1_000_000);
        out.printf(Locale.ROOT, "  one grouped query, same per-org figures for both weeks:               %,d ms%n",
                median(grouped) / 1_000_000);
        out.printf(Locale.ROOT, "  ratio job / grouped query: %.2f%n", median(job) / (double) median(grouped));
        out.printf(Locale.ROOT, "  get_org_run_stats_between, busy org, one week (client round trip): %.1f ms%n",
                median(busyStats) / 1e6);
        out.println("  EXPLAIN (ANALYZE, BUFFERS) of get_org_run_stats_between's query for the busy org:");
        jdbc.queryForList("""
                explain (analyze, buffers)
                select count(*), count(*) filter (where r.status = 'completed'), count(*) filter (where r.status = 'failed'),
                       count(s.run_id), round(avg(s.overall), 2), count(*) filter (where s.overall >= 80),
                       (select count(*) from public.bundles b where b.org_id = ? and b.created_at >= ? and b.created_at < ?),
                       count(distinct r.user_id), coalesce(sum(r.tokens), 0)::bigint,
                       round(avg(r.duration_ms) filter (where r.status = 'completed'), 2),
                       round((percentile_cont(0.95) within group (order by r.duration_ms)
                              filter (where r.status = 'completed'))::numeric, 2)
                  from public.runs r left join public.prompt_scores s on s.run_id = r.id
                 where r.org_id = ? and r.created_at >= ? and r.created_at < ?""", String.class,
                busy, week.start(), week.end(), busy, week.start(), week.end())
                .forEach(line -> out.println("    " + line));
        assertThat(orgsReported).isEqualTo(ORGS + 1);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}

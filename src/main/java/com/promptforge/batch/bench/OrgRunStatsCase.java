package com.promptforge.batch.bench;

import com.promptforge.batch.db.SqlResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * {@code get_org_run_stats(org, 7)} for the org with the most runs in the last 7 days: its server time from EXPLAIN
 * ANALYZE (a measurement is the median of {@value #LOOKUPS} calls), beside its floor, the runs' aggregate alone
 * ({@code bench/sql/org_runs_aggregate.sql}, index-only). Each measurement also times 018's definition
 * ({@code bench/sql/org_run_stats_018.sql}, runs left join scores) for the note, and the set-up checks that 018's and
 * today's definitions give the same figures. Run as the batch service's role; RLS has a case of its own.
 */
class OrgRunStatsCase implements BenchmarkCase {

    static final String NAME = "get_org_run_stats(org, 7), busiest org";
    private static final int LOOKUPS = 11;
    private static final int DAYS = 7;
    private static final double TARGET_MS = 5;
    private static final Pattern EXECUTION = Pattern.compile("Execution Time: ([0-9.]+) ms");

    private static final String STATS = "select * from public.get_org_run_stats(:org, :days)";
    private static final String STATS_018 = "select * from pf_bench.get_org_run_stats(:org, :days)";
    private static final String FLOOR = SqlResources.statement(OrgRunStatsCase.class, "org_runs_aggregate.sql");

    private final List<Double> times018 = new ArrayList<>();
    private Map<String, Object> parameters;
    private long runs;
    private boolean sameFigures;
    private double median = Double.NaN;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String target() {
        return "server time <= 5 ms, 018's figures";
    }

    @Override
    public String unit() {
        return "ms";
    }

    @Override
    public String referenceName() {
        return "the runs' aggregate alone, index-only (bench/sql/org_runs_aggregate.sql)";
    }

    @Override
    public String volumeUnit() {
        return "runs of the org in the 7 days";
    }

    @Override
    public long volume() {
        return runs;
    }

    /** bench/sql/org_run_stats_018.sql: a script run whole (its function bodies span lines), creating pf_bench's. */
    static String definitionsOf018() {
        return SqlResources.text(OrgRunStatsCase.class.getPackageName().replace('.', '/') + "/sql/org_run_stats_018.sql");
    }

    @Override
    public void setUp(BenchmarkEnvironment environment) {
        var jdbc = environment.jdbc();
        jdbc.execute(definitionsOf018());
        // index-only scans need the visibility map of freshly generated data
        jdbc.execute("vacuum analyze public.runs, public.prompt_scores, public.bundles");
        Map<String, Object> busiest = jdbc.queryForMap("""
                select r.org_id, count(*) as runs from public.runs r
                 where r.created_at >= now() - make_interval(days => ?)
                 group by r.org_id order by count(*) desc, r.org_id limit 1""", DAYS);
        UUID org = (UUID) busiest.get("org_id");
        runs = ((Number) busiest.get("runs")).longValue();
        parameters = Map.of("org", org, "days", DAYS);
        NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(jdbc);
        Map<String, Object> now = named.queryForMap(STATS, parameters);
        sameFigures = now.equals(named.queryForMap(STATS_018, parameters));
        environment.out().accept("bench: org run stats: org " + org + ", " + runs + " runs in " + DAYS + " days: "
                + (sameFigures ? "018's figures" : "FIGURES DIFFER from 018's") + " " + now);
    }

    @Override
    public double measure(BenchmarkEnvironment environment) {
        double median = medianServerTime(environment, STATS);
        times018.add(medianServerTime(environment, STATS_018));
        return median;
    }

    @Override
    public double measureReference(BenchmarkEnvironment environment) {
        return medianServerTime(environment, FLOOR);
    }

    private double medianServerTime(BenchmarkEnvironment environment, String sql) {
        NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(environment.jdbc());
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < LOOKUPS; i++) {
            for (String line : named.queryForList("explain (analyze, timing off) " + sql, parameters, String.class)) {
                Matcher execution = EXECUTION.matcher(line);
                if (execution.find()) {
                    times.add(Double.parseDouble(execution.group(1)));
                }
            }
        }
        return BenchmarkResult.median(times);
    }

    /** 018's median over the measured rounds (the first call of {@link #measure} is the warm-up). */
    double median018() {
        return BenchmarkResult.median(times018.subList(Math.min(1, times018.size()), times018.size()));
    }

    @Override
    public String verdict(BenchmarkResult result) {
        if (!sameFigures) {
            return "MISSED: figures differ from 018's";
        }
        return result.median() <= TARGET_MS ? "met" : String.format(Locale.ROOT, "MISSED: %.2f ms", result.median());
    }

    @Override
    public void measured(BenchmarkResult result) {
        median = result.median();
    }

    @Override
    public String note() {
        double before = median018();
        return String.format(Locale.ROOT, "018's definition (runs left join scores, a score probe per run): %.2f ms in "
                + "the same rounds, %.1fx today's; %s", before, before / median,
                sameFigures ? "same figures" : "FIGURES DIFFER");
    }
}

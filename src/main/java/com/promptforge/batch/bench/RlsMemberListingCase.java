package com.promptforge.batch.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What row-level security costs a member listing their organization's runs: the latest 50 runs of the busiest org,
 * as its owner (role {@code authenticated} with the JWT claims Supabase sets) beside the same query as
 * {@code service_role}, which RLS does not filter. Server time = planning + execution from EXPLAIN ANALYZE, each in a
 * transaction of its own that is rolled back; a measurement is the median of {@value #LOOKUPS}. The set-up checks
 * that both see the same 50 rows.
 */
class RlsMemberListingCase implements BenchmarkCase {

    private static final int LOOKUPS = 21;
    private static final double TARGET_RATIO = 1.3;
    private static final Pattern TIME = Pattern.compile("(Planning|Execution) Time: ([0-9.]+) ms");
    private static final String LISTING = """
            select id, module_id, domain_code, status, tokens, created_at
              from public.runs where org_id = ?::uuid order by created_at desc limit 50""";

    private String org;
    private UUID owner;
    private long orgRuns;
    private String note = "";

    @Override
    public String name() {
        return "RLS overhead, a member listing their org's latest 50 runs";
    }

    @Override
    public String target() {
        return "ratio <= 1.3";
    }

    @Override
    public String unit() {
        return "ms";
    }

    @Override
    public String referenceName() {
        return "the same query as service_role";
    }

    @Override
    public String volumeUnit() {
        return "runs of the org";
    }

    @Override
    public long volume() {
        return orgRuns;
    }

    @Override
    public void setUp(BenchmarkEnvironment environment) {
        Map<String, Object> row = environment.jdbc().queryForMap("""
                with busiest as (select org_id, count(*) as runs from public.runs group by org_id order by 2 desc limit 1)
                select b.org_id::text as org_id, b.runs, m.user_id
                  from busiest b join public.org_members m on m.org_id = b.org_id and m.role = 'owner'
                 order by m.user_id limit 1""");
        org = (String) row.get("org_id");
        orgRuns = ((Number) row.get("runs")).longValue();
        owner = (UUID) row.get("user_id");
        String asMember = fingerprint(environment, "authenticated", owner);
        String asService = fingerprint(environment, "service_role", null);
        note = String.format(Locale.ROOT, "the busiest org (%,d runs) as its owner; %s", orgRuns,
                asMember.equals(asService) ? "both see the same rows (" + asMember + ")"
                        : "ROWS DIFFER: member " + asMember + ", service_role " + asService);
    }

    @Override
    public double measure(BenchmarkEnvironment environment) {
        return medianServerTime(environment, "authenticated", owner);
    }

    @Override
    public double measureReference(BenchmarkEnvironment environment) {
        return medianServerTime(environment, "service_role", null);
    }

    private double medianServerTime(BenchmarkEnvironment environment, String role, UUID user) {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < LOOKUPS; i++) {
            times.add(as(environment, role, user, connection -> {
                double millis = 0;
                try (PreparedStatement explain = connection.prepareStatement(
                        "explain (analyze, costs off, timing off) " + LISTING)) {
                    explain.setString(1, org);
                    try (ResultSet lines = explain.executeQuery()) {
                        while (lines.next()) {
                            Matcher time = TIME.matcher(lines.getString(1));
                            if (time.find()) {
                                millis += Double.parseDouble(time.group(2));
                            }
                        }
                    }
                }
                return millis;
            }));
        }
        return BenchmarkResult.median(times);
    }

    private String fingerprint(BenchmarkEnvironment environment, String role, UUID user) {
        return as(environment, role, user, connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "select count(*) || ' rows, md5 ' || md5(coalesce(string_agg(t::text, '|'), '')) from ("
                            + LISTING + ") t")) {
                query.setString(1, org);
                try (ResultSet result = query.executeQuery()) {
                    result.next();
                    return result.getString(1);
                }
            }
        });
    }

    /** Runs {@code work} as {@code role} with Supabase's JWT claims, in a transaction that is rolled back. */
    private static <T> T as(BenchmarkEnvironment environment, String role, UUID user, SqlWork<T> work) {
        try (Connection connection = environment.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement claims = connection.prepareStatement(
                        "select set_config('role', ?, true), set_config('request.jwt.claims', ?, true)")) {
                    claims.setString(1, role);
                    claims.setString(2, user == null ? "{\"role\":\"" + role + "\"}"
                            : "{\"sub\":\"" + user + "\",\"role\":\"" + role + "\"}");
                    claims.execute();
                }
                return work.run(connection);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("bench: RLS query as " + role + " failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    @Override
    public String verdict(BenchmarkResult result) {
        return result.ratio() <= TARGET_RATIO ? String.format(Locale.ROOT, "met (ratio %.2f)", result.ratio())
                : String.format(Locale.ROOT, "MISSED: ratio %.2f (+%.3f ms per statement)", result.ratio(),
                        result.median() - result.referenceMedian());
    }

    @Override
    public String note() {
        return note;
    }
}

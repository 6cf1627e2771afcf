package com.promptforge.batch.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.job.CliResult;
import com.promptforge.batch.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code generate} through the command line, on databases of its own: the same seed gives the same rows, the data
 * passes the database's own QA suite and the JSON-shape validation, it has the shape the issue asks for, planted
 * anomalies are exactly what the QA suite flags, and bad parameters or a non-empty database are refused.
 */
class GenerateCommandTest {

    /** The tables the generator writes, each read in a fixed order. */
    private static final List<String> GENERATED = List.of(
            "select o::text from public.organizations o order by o.id",
            "select m::text from public.org_members m order by m.org_id, m.user_id",
            "select s::text from public.subscriptions s order by s.id",
            "select g::text from public.entitlement_grants g order by g.id",
            "select e::text from public.entitlements e where e.source = 'manual' order by e.id",
            "select r::text from public.runs r order by r.id",
            "select s::text from public.prompt_scores s order by s.run_id",
            "select b::text from public.bundles b order by b.id");

    private static Map<String, Object> properties(TestDatabase db) throws IOException {
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.reports-dir", Files.createTempDirectory("pf-generate").toString());
        properties.put("pf.jobs.progress-interval", "1h");
        return properties;
    }

    private static CliResult generate(TestDatabase db, String... parameters) throws IOException {
        String[] args = new String[parameters.length + 1];
        args[0] = "generate";
        System.arraycopy(parameters, 0, args, 1, parameters.length);
        return CliResult.run(properties(db), args);
    }

    /** md5 of every generated row, table by table. */
    private static Map<String, String> digest(JdbcTemplate jdbc) {
        Map<String, String> digests = new LinkedHashMap<>();
        for (String query : GENERATED) {
            digests.put(query, jdbc.queryForObject("select md5(coalesce(string_agg(t, '|'), '')) from (" + query
                    + ") as x(t)", String.class));
        }
        return digests;
    }

    @Test
    void theSameSeedGivesTheSameRowsInTwoDatabasesAndAnotherSeedOtherRows() throws IOException {
        try (TestDatabase first = TestDatabase.create("gen-a");
             TestDatabase second = TestDatabase.create("gen-b");
             TestDatabase other = TestDatabase.create("gen-c")) {
            String[] spec = {"orgs=40", "runs=4000", "seed=7", "until=2026-11-30", "sync=false"};
            assertThat(generate(first, spec).exit()).isZero();
            assertThat(generate(second, spec).exit()).isZero();
            assertThat(generate(other, "orgs=40", "runs=4000", "seed=8", "until=2026-11-30", "sync=false").exit())
                    .isZero();

            Map<String, String> firstDigest = digest(first.jdbc());
            assertThat(digest(second.jdbc())).isEqualTo(firstDigest);
            Map<String, String> otherDigest = digest(other.jdbc());
            assertThat(otherDigest.get(GENERATED.get(5))).isNotEqualTo(firstDigest.get(GENERATED.get(5)));
            assertThat(first.jdbc().queryForObject("select count(*) from public.runs", Long.class)).isEqualTo(4001);
        }
    }

    @Test
    void generatedDataPassesEveryQaTestAndTheJsonShapeValidation() throws IOException {
        try (TestDatabase db = TestDatabase.create("gen-qa")) {
            CliResult generated = generate(db, "orgs=60", "runs=6000");
            assertThat(generated.exit()).as(generated.toString()).isZero();
            assertThat(generated.out()).contains("generate: runs 6,000 of 6,000 (100%)")
                    .contains("entitlement-sync execution").contains("COMPLETED");

            List<Map<String, Object>> failing = db.jdbc().queryForList(
                    "select test_name, details from public.run_all_qa_tests() where status <> 'PASS'");
            assertThat(failing).isEmpty();
            assertThat(db.jdbc().queryForObject("select count(*) from public.run_all_qa_tests()", Long.class))
                    .isGreaterThan(50);
            CliResult validated = CliResult.run(properties(db), "validate");
            assertThat(validated.exit()).as(validated.toString()).isZero();
            assertThat(validated.out()).contains("Every row has its JSON shape.");
        }
    }

    @Test
    void theDataHasTheShapeOfARealCustomerBase() throws IOException {
        try (TestDatabase db = TestDatabase.create("gen-shape")) {
            assertThat(generate(db, "orgs=200", "runs=20000", "until=2026-11-30", "sync=false").exit()).isZero();
            JdbcTemplate jdbc = db.jdbc();
            String generated = "org_id <> '00000000-0000-4000-8000-000000000001'";

            assertThat(jdbc.queryForObject("select count(*) from public.runs where " + generated, Long.class))
                    .isEqualTo(20_000);
            assertThat(jdbc.queryForObject("""
                    select count(*) from public.runs where %s
                       and (created_at < '2026-09-01' or created_at >= '2026-11-30')""".formatted(generated),
                    Long.class)).isZero();
            // busiest org about 5% of the runs, and a long tail
            double busiest = jdbc.queryForObject("select max(c)::float8 / sum(c) from (select count(*) c from "
                    + "public.runs where " + generated + " group by org_id) x", Double.class);
            assertThat(busiest).isBetween(0.035, 0.07);
            // weekdays busier than weekend days, office hours busier than nights
            Map<String, Object> rhythm = jdbc.queryForMap("""
                    select count(*) filter (where extract(isodow from created_at at time zone 'UTC') <= 5) / 5.0 as weekday,
                           count(*) filter (where extract(isodow from created_at at time zone 'UTC') > 5) / 2.0 as weekend,
                           count(*) filter (where extract(hour from created_at at time zone 'UTC') between 9 and 16) / 8.0 as office,
                           count(*) filter (where extract(hour from created_at at time zone 'UTC') between 0 and 5) / 6.0 as night
                      from public.runs where %s""".formatted(generated));
            assertThat(((Number) rhythm.get("weekday")).doubleValue())
                    .isGreaterThan(3 * ((Number) rhythm.get("weekend")).doubleValue());
            assertThat(((Number) rhythm.get("office")).doubleValue())
                    .isGreaterThan(5 * ((Number) rhythm.get("night")).doubleValue());
            // members in every role, every plan and status, every grant source, some expired and some revoked
            assertThat(jdbc.queryForList("select distinct role from public.org_members", String.class))
                    .containsExactlyInAnyOrder("owner", "admin", "member");
            assertThat(jdbc.queryForList("select distinct plan_code from public.subscriptions", String.class))
                    .containsExactlyInAnyOrder("pilot", "pro", "enterprise");
            assertThat(jdbc.queryForList("select distinct status from public.subscriptions", String.class))
                    .containsExactlyInAnyOrder("trialing", "active", "past_due", "canceled", "unpaid", "incomplete",
                            "paused");
            assertThat(jdbc.queryForObject("""
                    select count(*) from public.subscriptions
                     where status = 'trialing' and trial_end between '2026-11-30' and timestamptz '2026-11-30' + interval '3 days'""",
                    Long.class)).isPositive();
            assertThat(jdbc.queryForList("select distinct source from public.entitlement_grants", String.class))
                    .containsExactlyInAnyOrder("addon", "pack", "license");
            assertThat(jdbc.queryForObject("select count(*) from public.entitlement_grants where revoked_at is not null",
                    Long.class)).isPositive();
            assertThat(jdbc.queryForObject("select count(*) from public.entitlement_grants where valid_until < '2026-11-30'",
                    Long.class)).isPositive();
            // modules and domains skewed, all in use
            assertThat(jdbc.queryForObject("select count(distinct module_id) from public.runs", Long.class))
                    .isEqualTo(50);
            assertThat(jdbc.queryForObject("select count(distinct domain_code) from public.runs", Long.class))
                    .isEqualTo(25);
            assertThat(jdbc.queryForObject("select max(c)::float8 / min(c) from (select count(*) c from public.runs "
                    + "where " + generated + " group by module_id) x", Double.class)).isGreaterThan(3);
            // most completed runs scored, about half of those export-ready, most export-ready ones bundled
            Map<String, Object> scoring = jdbc.queryForMap("""
                    select count(*) filter (where r.status = 'completed') as completed,
                           count(s.run_id) as scored,
                           count(s.run_id) filter (where s.overall >= 80) as ready,
                           (select count(*) from public.bundles b where %s) as bundles
                      from public.runs r left join public.prompt_scores s on s.run_id = r.id
                     where r.%s""".formatted(generated, generated));
            long completed = ((Number) scoring.get("completed")).longValue();
            long scored = ((Number) scoring.get("scored")).longValue();
            long ready = ((Number) scoring.get("ready")).longValue();
            long bundles = ((Number) scoring.get("bundles")).longValue();
            assertThat((double) completed / 20_000).isBetween(0.9, 0.96);
            assertThat((double) scored / completed).isBetween(0.85, 0.91);
            assertThat((double) ready / scored).isBetween(0.35, 0.65);
            assertThat((double) bundles / ready).isBetween(0.8, 0.9);
        }
    }

    @Test
    void plantedAnomaliesAreExactlyWhatTheQaSuiteFlags() throws IOException {
        try (TestDatabase db = TestDatabase.create("gen-anomalies")) {
            CliResult generated = generate(db, "orgs=30", "runs=3000", "anomalies=2");
            assertThat(generated.exit()).as(generated.toString()).isZero();
            assertThat(generated.out()).contains("no malformed checksum planted");

            assertThat(db.jdbc().queryForObject(
                    "select count(*) from public.bundles where license_notice like 'ANOMALY%'", Long.class))
                    .isEqualTo(6);
            List<String> failing = db.jdbc().queryForList(
                    "select test_name from public.run_all_qa_tests() where status <> 'PASS' order by test_name",
                    String.class);
            assertThat(failing).containsExactly("bundles and scores belong to their run's org",
                    "every bundle's run is scored and meets the export threshold (80)");
        }
    }

    @Test
    void badParametersExit2WithOneLineAndWriteNothing() throws IOException {
        try (TestDatabase db = TestDatabase.create("gen-bad")) {
            Map<String, String> expected = Map.of(
                    "orgs=0", "generate: parameter orgs must be a whole number from 1 to 1000000, got '0'",
                    "runs=many", "generate: parameter runs must be a whole number from 0 to 100000000, got 'many'",
                    "until=yesterday", "generate: parameter until must be a date as yyyy-mm-dd, got 'yesterday'",
                    "colour=blue", "generate: unknown parameter 'colour' for command generate: expected one of "
                            + "orgs, runs, runOrgs, seed, until, anomalies, sync",
                    "orgs", "generate: argument 'orgs' is not name=value (e.g. orgs=1000)");
            for (Map.Entry<String, String> bad : expected.entrySet()) {
                CliResult result = generate(db, bad.getKey());
                assertThat(result.exit()).as(result.toString()).isEqualTo(2);
                assertThat(result.err().strip()).isEqualTo(bad.getValue());
            }
            CliResult moreRunOrgsThanOrgs = generate(db, "orgs=5", "runOrgs=6");
            assertThat(moreRunOrgsThanOrgs.exit()).as(moreRunOrgsThanOrgs.toString()).isEqualTo(2);
            assertThat(moreRunOrgsThanOrgs.err().strip())
                    .isEqualTo("generate: runOrgs=6 is more than orgs=5: accepted is 0 (all) to orgs");
            assertThat(db.jdbc().queryForObject("select count(*) from public.organizations", Long.class)).isOne();
        }
    }

    @Test
    void runOrgsPutsEveryRunInTheFirstOrganizationsAndLeavesTheOthersWithMembersAndEntitlements() throws IOException {
        try (TestDatabase db = TestDatabase.create("gen-runorgs")) {
            CliResult generated = generate(db, "orgs=30", "runOrgs=4", "runs=3000", "seed=3");
            assertThat(generated.exit()).as(generated.toString()).isZero();

            JdbcTemplate jdbc = db.jdbc();
            // the seeded demo org keeps its one run; the generated runs sit in exactly four orgs
            List<Map<String, Object>> runOrgs = jdbc.queryForList("""
                    select r.org_id, count(*) as runs from public.runs r
                     where r.org_id <> '00000000-0000-4000-8000-000000000001' group by r.org_id""");
            assertThat(runOrgs).hasSize(4);
            assertThat(runOrgs.stream().mapToLong(row -> ((Number) row.get("runs")).longValue()).sum()).isEqualTo(3000);
            assertThat(jdbc.queryForObject("""
                    select count(*) from public.organizations o
                     where o.id <> '00000000-0000-4000-8000-000000000001'
                       and not exists (select 1 from public.runs r where r.org_id = o.id)
                       and exists (select 1 from public.org_members m where m.org_id = o.id)""", Long.class))
                    .isEqualTo(26);
            // the four are organizations 1-4, the busiest of the skew (a slug ends in the org's number)
            assertThat(jdbc.queryForList("""
                    select substring(o.slug from '-([0-9]+)$')::int from public.organizations o
                     where o.id in (select org_id from public.runs)
                       and o.id <> '00000000-0000-4000-8000-000000000001' order by 1""", Integer.class))
                    .containsExactly(1, 2, 3, 4);
        }
    }

    @Test
    void aDatabaseWithOrganizationsIsRefusedAndKeptAsItWas() throws IOException {
        try (TestDatabase db = TestDatabase.create("gen-twice")) {
            assertThat(generate(db, "orgs=5", "runs=100", "sync=false").exit()).isZero();
            Map<String, String> before = digest(db.jdbc());

            CliResult again = generate(db, "orgs=5", "runs=100", "sync=false");

            assertThat(again.exit()).isEqualTo(1);
            assertThat(again.err().strip()).isEqualTo("generate: the database already holds 5 organization(s) "
                    + "besides the seeded demo org; generate fills an empty database only (point PF_DB_URL at a new "
                    + "database, or PF_EMBEDDED_DIR at a new folder)");
            assertThat(digest(db.jdbc())).isEqualTo(before);
        }
    }
}

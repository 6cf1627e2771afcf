package com.promptforge.batch.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Item 5 of the database issue (005_history_telemetry_scores.sql): runs, the overall score, the export
 * threshold, the bundle gate and the checksummed prompt history.
 */
@PromptForgeDatabase
class RunsScoresBundlesTest {

    private static final UUID ORG_A = UUID.fromString("00000000-0000-4000-8000-000700000001");
    private static final UUID ORG_B = UUID.fromString("00000000-0000-4000-8000-000700000002");
    private static final UUID OWNER_A = UUID.fromString("00000000-0000-4000-8000-000800000001");
    private static final UUID OWNER_B = UUID.fromString("00000000-0000-4000-8000-000800000002");
    private static final String PARAMETERS = """
            {"scale": "team", "urgency": "high", "complexity": "moderate", "resources": "standard", "application": "analysis"}""";
    private static final String GOOD_CHECKSUM = "sha256:" + "0123456789abcdef".repeat(4);

    private final TestDatabase db;
    private final JdbcTemplate jdbc;

    RunsScoresBundlesTest(TestDatabase db) {
        this.db = db;
        this.jdbc = db.jdbc();
    }

    @BeforeAll
    static void plantOrganizations(TestDatabase db) {
        db.jdbc().update("""
                insert into public.organizations (id, name, slug, created_by)
                values (?, 'Runs A', 'runs-a', ?), (?, 'Runs B', 'runs-b', ?)""", ORG_A, OWNER_A, ORG_B, OWNER_B);
    }

    // ----------------------------------------------------------------------------------------- overall score

    @Test
    void theSeedsExampleScores85_88_15_90_82GiveAnOverallOf86() {
        UUID run = scoredRun(1, 85, 88, 15, 90, 82);

        assertThat(overall(run)).isEqualByComparingTo("86");
    }

    @Test
    void overallIsTheMeanOfClarityExecutionHundredMinusAmbiguityAlignmentAndBusinessFit() {
        UUID run = scoredRun(2, 70, 61, 40, 90, 50);

        // (70 + 61 + (100 - 40) + 90 + 50) / 5 = 66.2
        assertThat(overall(run)).isEqualByComparingTo("66.2");
    }

    @Test
    void aLowerAmbiguityGivesAHigherOverall() {
        UUID clear = scoredRun(3, 80, 80, 10, 80, 80);
        UUID vague = scoredRun(4, 80, 80, 30, 80, 80);

        assertThat(overall(clear).subtract(overall(vague))).isEqualByComparingTo("4");
    }

    @Test
    void overallCannotBeWrittenByHand() {
        UUID run = run(5, ORG_A);

        assertThatThrownBy(() -> jdbc.update("""
                insert into public.prompt_scores (run_id, org_id, clarity, execution, ambiguity, alignment, business_fit, overall)
                values (?, ?, 10, 10, 90, 10, 10, 99)""", run, ORG_A))
                .isInstanceOf(DataAccessException.class);
        assertThat(jdbc.queryForObject("select count(*) from public.prompt_scores where run_id = ?", Integer.class, run))
                .isZero();
    }

    @ParameterizedTest
    @CsvSource({"clarity,101", "execution,-1", "ambiguity,101", "alignment,-1", "business_fit,101"})
    void eachScoreMustBeBetweenZeroAndHundred(String column, int value) {
        UUID run = run(6, ORG_A);
        Map<String, Integer> scores = new java.util.LinkedHashMap<>(Map.of(
                "clarity", 50, "execution", 50, "ambiguity", 50, "alignment", 50, "business_fit", 50));
        scores.put(column, value);

        assertThatThrownBy(() -> jdbc.update("""
                insert into public.prompt_scores (run_id, org_id, clarity, execution, ambiguity, alignment, business_fit)
                values (?, ?, ?, ?, ?, ?, ?)""", run, ORG_A, scores.get("clarity"), scores.get("execution"),
                scores.get("ambiguity"), scores.get("alignment"), scores.get("business_fit")))
                .isInstanceOfSatisfying(DataAccessException.class, e -> assertThat(sqlState(e)).isEqualTo("23514"));
    }

    @Test
    void aScoreMustBelongToItsRunsOrganization() {
        UUID run = run(7, ORG_A);

        assertThatThrownBy(() -> jdbc.update("""
                insert into public.prompt_scores (run_id, org_id, clarity, execution, ambiguity, alignment, business_fit)
                values (?, ?, 90, 90, 10, 90, 90)""", run, ORG_B))
                .isInstanceOf(DataAccessException.class);
    }

    // ----------------------------------------------------------------------------------------- export threshold

    @Test
    void aRunScoredExactly80MeetsTheExportThreshold() {
        UUID run = scoredRun(10, 80, 80, 20, 80, 80);

        assertThat(overall(run)).isEqualByComparingTo("80");
        assertThat(meetsThreshold(run)).isTrue();
    }

    @Test
    void aRunScoredJustBelow80DoesNotMeetTheExportThreshold() {
        // the closest an overall of five integer scores gets to 80 from below: 79.8
        UUID run = scoredRun(11, 80, 80, 20, 80, 79);

        assertThat(overall(run)).isEqualByComparingTo("79.8");
        assertThat(meetsThreshold(run)).isFalse();
    }

    @Test
    void anUnscoredRunDoesNotMeetTheExportThreshold() {
        UUID run = run(12, ORG_A);

        assertThat(meetsThreshold(run)).isFalse();
    }

    // ----------------------------------------------------------------------------------------- bundles

    @Test
    void aBundleOfARunAtTheThresholdIsAccepted() {
        UUID run = scoredRun(20, 80, 80, 20, 80, 80);

        bundle(20, run, ORG_A, "{pdf,docx,md,json}", GOOD_CHECKSUM);

        assertThat(jdbc.queryForObject("select count(*) from public.bundles where run_id = ?", Integer.class, run))
                .isEqualTo(1);
    }

    @Test
    void aBundleOfAnotherOrganizationsRunIsRefusedSayingSo() {
        UUID run = scoredRun(21, 95, 95, 5, 95, 95);

        assertThatThrownBy(() -> bundle(21, run, ORG_B, "{pdf}", GOOD_CHECKSUM))
                .isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageContaining("organization")
                .hasMessageNotContaining("threshold");
        assertThat(bundleCount(run)).isZero();
    }

    @Test
    void aBundleOfAnUnscoredRunIsRefusedSayingSo() {
        UUID run = run(22, ORG_A);

        assertThatThrownBy(() -> bundle(22, run, ORG_A, "{pdf}", GOOD_CHECKSUM))
                .isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageMatching("(?is).*(not been scored|not scored|unscored|no score).*")
                .hasMessageNotContaining("threshold");
        assertThat(bundleCount(run)).isZero();
    }

    @Test
    void aBundleOfARunBelowTheThresholdIsRefusedSayingSo() {
        UUID run = scoredRun(23, 80, 80, 20, 80, 79);

        assertThatThrownBy(() -> bundle(23, run, ORG_A, "{pdf}", GOOD_CHECKSUM))
                .isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageContaining("threshold")
                .hasMessageNotContaining("another organization");
        assertThat(bundleCount(run)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde",
            "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0",
            "sha256:0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
            "md5:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg"})
    void aBundleChecksumMustBeSha256ColonAnd64LowerCaseHexDigits(String checksum) {
        UUID run = scoredRun(24, 90, 90, 10, 90, 90);

        assertThatThrownBy(() -> bundle(24, run, ORG_A, "{pdf}", checksum))
                .isInstanceOfSatisfying(DataAccessException.class, e -> assertThat(sqlState(e)).isEqualTo("23514"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{exe}", "{pdf,exe}", "{PDF}"})
    void bundleFormatsAreANonEmptyListOfPdfDocxMdJson(String formats) {
        UUID run = scoredRun(25, 90, 90, 10, 90, 90);

        assertThatThrownBy(() -> bundle(25, run, ORG_A, formats, GOOD_CHECKSUM))
                .isInstanceOfSatisfying(DataAccessException.class, e -> assertThat(sqlState(e)).isEqualTo("23514"));
    }

    // ----------------------------------------------------------------------------------------- prompt history

    @Test
    void aHistoryRowsChecksumIsTheSha256OfItsSnapshotSetByTrigger() {
        UUID run = run(30, ORG_A);
        UUID history = history(30, run, """
                {"prompt": "Plan the rollout in München: Qualität über alles", "module_id": "M01",
                 "module_version": "1.0.0", "domain_code": "MANUFACTURING"}""");

        Map<String, Object> row = jdbc.queryForMap(
                "select snapshot::text as snapshot, checksum from public.prompt_history where id = ?", history);

        assertThat(row.get("checksum")).isEqualTo("sha256:" + sha256Hex((String) row.get("snapshot")));
    }

    @Test
    void aChecksumSuppliedWithAHistoryRowIsReplacedByTheRealOne() {
        UUID run = run(31, ORG_A);
        String forged = "sha256:" + "0".repeat(64);
        UUID history = UUID.fromString("00000000-0000-4000-8000-000b00000031");
        jdbc.update("""
                insert into public.prompt_history (id, run_id, org_id, action, snapshot, checksum)
                values (?, ?, ?, 'created', '{"prompt": "forged"}', ?)""", history, run, ORG_A, forged);

        Map<String, Object> row = jdbc.queryForMap(
                "select snapshot::text as snapshot, checksum from public.prompt_history where id = ?", history);

        assertThat(row.get("checksum")).isNotEqualTo(forged)
                .isEqualTo("sha256:" + sha256Hex((String) row.get("snapshot")));
    }

    @Test
    void historyRowsCannotBeEditedByAnyoneButServiceRole() {
        UUID run = run(32, ORG_A);
        UUID history = history(32, run, "{\"prompt\": \"original\"}");

        assertThatThrownBy(() -> jdbc.update(
                "update public.prompt_history set snapshot = '{\"prompt\": \"tampered\"}' where id = ?", history))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThat(jdbc.queryForObject("select snapshot ->> 'prompt' from public.prompt_history where id = ?",
                String.class, history)).isEqualTo("original");
    }

    @Test
    void historyRowsCannotBeDeletedByAnyoneButServiceRole() {
        UUID run = run(33, ORG_A);
        UUID history = history(33, run, "{\"prompt\": \"original\"}");

        assertThatThrownBy(() -> jdbc.update("delete from public.prompt_history where id = ?", history))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThat(jdbc.queryForObject("select count(*) from public.prompt_history where id = ?", Integer.class, history))
                .isEqualTo(1);
    }

    @Test
    void serviceRoleMayCorrectAHistoryRowAndItsChecksumFollows() {
        UUID run = run(34, ORG_A);
        UUID history = history(34, run, "{\"prompt\": \"original\"}");

        Map<String, Object> row = db.as("service_role", null, connection -> {
            JdbcTemplate asService = jdbc(connection);
            asService.update("update public.prompt_history set snapshot = '{\"prompt\": \"corrected\"}' where id = ?",
                    history);
            return asService.queryForMap(
                    "select snapshot::text as snapshot, checksum from public.prompt_history where id = ?", history);
        });

        assertThat((String) row.get("snapshot")).contains("corrected");
        assertThat(row.get("checksum")).isEqualTo("sha256:" + sha256Hex((String) row.get("snapshot")));
    }

    // ----------------------------------------------------------------------------------------- runs

    @Test
    void runParametersWithAnUnknownCodeAreRejected() {
        assertThatThrownBy(() -> insertRun(40, ORG_A, """
                {"scale": "galaxy", "urgency": "high", "complexity": "moderate", "resources": "standard", "application": "analysis"}"""))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("galaxy");
    }

    @Test
    void runParametersMissingADimensionAreRejected() {
        assertThatThrownBy(() -> insertRun(41, ORG_A, """
                {"scale": "team", "urgency": "high", "complexity": "moderate", "resources": "standard"}"""))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("application");
    }

    @Test
    void aRunWithTheFiveDimensionsIsQueuedByDefault() {
        UUID run = run(42, ORG_A);

        assertThat(jdbc.queryForObject("select status from public.runs where id = ?", String.class, run))
                .isEqualTo("queued");
    }

    // ----------------------------------------------------------------------------------------- helpers

    /** Run n of org (created once: parameterized tests share theirs). */
    private UUID run(int n, UUID org) {
        return insertRun(n, org, PARAMETERS);
    }

    private UUID insertRun(int n, UUID org, String parameters) {
        UUID run = UUID.fromString(String.format("00000000-0000-4000-8000-0009%08d", n));
        jdbc.update("""
                insert into public.runs (id, org_id, user_id, module_id, domain_code, parameters)
                values (?, ?, ?, 'M01', 'MANUFACTURING', ?::jsonb)
                on conflict (id) do nothing""", run, org, org.equals(ORG_A) ? OWNER_A : OWNER_B,
                parameters);
        return run;
    }

    private UUID scoredRun(int n, int clarity, int execution, int ambiguity, int alignment, int businessFit) {
        UUID run = run(n, ORG_A);
        jdbc.update("""
                insert into public.prompt_scores (run_id, org_id, clarity, execution, ambiguity, alignment, business_fit)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (run_id) do nothing""", run, ORG_A, clarity, execution, ambiguity, alignment, businessFit);
        return run;
    }

    private BigDecimal overall(UUID run) {
        return jdbc.queryForObject("select overall from public.prompt_scores where run_id = ?", BigDecimal.class, run);
    }

    private Boolean meetsThreshold(UUID run) {
        return jdbc.queryForObject("select public.run_meets_export_threshold(?)", Boolean.class, run);
    }

    /** Bundle n with one relative path per format (bundles/run.<format>). */
    private void bundle(int n, UUID run, UUID org, String formats, String checksum) {
        jdbc.update("""
                insert into public.bundles (id, run_id, org_id, formats, paths, checksum, license_notice)
                values (?, ?, ?, ?::text[],
                        coalesce((select jsonb_object_agg(f, 'bundles/run.' || f) from unnest(?::text[]) f), '{}'),
                        ?, 'Licensed for internal use.')""",
                UUID.fromString(String.format("00000000-0000-4000-8000-000a%08d", n)), run, org, formats, formats,
                checksum);
    }

    private int bundleCount(UUID run) {
        return jdbc.queryForObject("select count(*) from public.bundles where run_id = ?", Integer.class, run);
    }

    private UUID history(int n, UUID run, String snapshot) {
        UUID id = UUID.fromString(String.format("00000000-0000-4000-8000-000b%08d", n));
        jdbc.update("""
                insert into public.prompt_history (id, run_id, org_id, action, snapshot)
                values (?, ?, ?, 'created', ?::jsonb)""", id, run, ORG_A, snapshot);
        return id;
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static JdbcTemplate jdbc(Connection connection) {
        return new JdbcTemplate(new SingleConnectionDataSource(connection, true));
    }
}

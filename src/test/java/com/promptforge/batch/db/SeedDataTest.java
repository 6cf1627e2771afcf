package com.promptforge.batch.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Item 8 of the database issue (008_seed_data.sql): the demo organization, its owner, its active pro
 * subscription and effective flags, and its scored demo run with a bundle. (Plans, modules, domains and
 * parameters are covered by EntitlementsSchemaTest and CatalogTest.)
 */
@PromptForgeDatabase
class SeedDataTest {

    private static final UUID DEMO_ORG = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final UUID DEMO_OWNER = UUID.fromString("00000000-0000-4000-8000-0000000000a1");

    private final TestDatabase db;
    private final JdbcTemplate jdbc;

    SeedDataTest(TestDatabase db) {
        this.db = db;
        this.jdbc = db.jdbc();
    }

    @Test
    void theDemoOrganizationHasSlugDemoAndItsFixedId() {
        assertThat(jdbc.queryForList("select id from public.organizations where slug = 'demo'", UUID.class))
                .containsExactly(DEMO_ORG);
    }

    @Test
    void theDemoOrganizationHasItsOwnerAsOnlyOwner() {
        assertThat(jdbc.queryForList("select user_id::text || ':' || role from public.org_members where org_id = ?",
                String.class, DEMO_ORG)).contains(DEMO_OWNER + ":owner")
                .filteredOn(member -> member.endsWith(":owner")).hasSize(1);
    }

    @Test
    void theDemoOrganizationHasAnActiveProSubscriptionCoveringNow() {
        Map<String, Object> subscription = jdbc.queryForMap("""
                select plan_code, status, current_period_start, current_period_end
                from public.subscriptions where org_id = ?""", DEMO_ORG);

        assertThat(subscription).containsEntry("plan_code", "pro").containsEntry("status", "active");
        Instant now = Instant.now();
        assertThat(((Timestamp) subscription.get("current_period_start")).toInstant()).isBefore(now);
        assertThat(((Timestamp) subscription.get("current_period_end")).toInstant()).isAfter(now);
    }

    @Test
    void theDemoOrganizationCanExportPdfButHasNoApi() {
        Map<String, Boolean> flags = new TreeMap<>();
        jdbc.query("""
                select flag, value from public.entitlements_effective_org
                where org_id = ? and flag in ('canExportPDF', 'hasAPI')""",
                rs -> {
                    flags.put(rs.getString("flag"), rs.getBoolean("value"));
                }, DEMO_ORG);

        assertThat(flags).isEqualTo(Map.of("canExportPDF", true, "hasAPI", false));
    }

    @Test
    void theDemoOwnerSeesThePdfExportButNoApiThroughTheUserView() {
        Map<String, Boolean> flags = new TreeMap<>();
        db.as("authenticated", DEMO_OWNER, connection -> {
            try (var statement = connection.prepareStatement("""
                    select flag, value from public.entitlements_effective_user
                    where org_id = ? and user_id = ? and flag in ('canExportPDF', 'hasAPI')""")) {
                statement.setObject(1, DEMO_ORG);
                statement.setObject(2, DEMO_OWNER);
                try (var rs = statement.executeQuery()) {
                    while (rs.next()) {
                        flags.put(rs.getString("flag"), rs.getBoolean("value"));
                    }
                }
            }
            return null;
        });

        assertThat(flags).isEqualTo(Map.of("canExportPDF", true, "hasAPI", false));
    }

    @Test
    void theDemoOrganizationsPlanRowsAreExactlyTheProPlansFlags() {
        List<String> planRows = jdbc.queryForList("""
                select flag || '=' || value from public.entitlements
                where org_id = ? and source = 'plan' and source_ref = 'pro' and user_id is null""", String.class, DEMO_ORG);

        assertThat(planRows).containsExactlyInAnyOrder("canExportPDF=true", "hasAPI=false", "canExportDOCX=true",
                "hasTeamWorkspace=true", "hasAuditLog=false", "hasSSO=false");
    }

    @Test
    void theDemoRunIsCompletedAndScored85_88_15_90_82ForAnOverallOf86() {
        List<Map<String, Object>> scores = jdbc.queryForList("""
                select r.status, s.clarity, s.execution, s.ambiguity, s.alignment, s.business_fit, s.overall
                from public.runs r join public.prompt_scores s on s.run_id = r.id
                where r.org_id = ?""", DEMO_ORG);

        assertThat(scores).hasSize(1);
        Map<String, Object> demo = scores.get(0);
        assertThat(demo).containsEntry("status", "completed");
        assertThat(List.of(demo.get("clarity"), demo.get("execution"), demo.get("ambiguity"), demo.get("alignment"),
                demo.get("business_fit"))).map(v -> ((Number) v).intValue()).containsExactly(85, 88, 15, 90, 82);
        assertThat((BigDecimal) demo.get("overall")).isEqualByComparingTo("86");
    }

    @Test
    void theDemoRunMeetsTheExportThresholdAndHasABundle() {
        Map<String, Object> demo = jdbc.queryForMap("""
                select r.id, public.run_meets_export_threshold(r.id) as exportable,
                       (select count(*) from public.bundles b where b.run_id = r.id and b.org_id = r.org_id) as bundles
                from public.runs r where r.org_id = ?""", DEMO_ORG);

        assertThat(demo).containsEntry("exportable", true);
        assertThat((Long) demo.get("bundles")).isEqualTo(1L);
    }

    @Test
    void theDemoBundleHasFormatsPathsForEachAndAValidChecksum() {
        Map<String, Object> bundle = jdbc.queryForMap("""
                select array_to_string(b.formats, ',') as formats, b.checksum, b.license_notice,
                       (select count(*) from unnest(b.formats) f where not (b.paths ?? f)) as formats_without_path
                from public.bundles b where b.org_id = ?""", DEMO_ORG);

        assertThat((String) bundle.get("formats")).isNotBlank();
        assertThat((Long) bundle.get("formats_without_path")).isZero();
        assertThat((String) bundle.get("checksum")).matches("sha256:[0-9a-f]{64}");
        assertThat((String) bundle.get("license_notice")).isNotBlank();
    }

    @Test
    void theDemoRunsHistorySnapshotsCarryTheirTrueChecksums() {
        List<Map<String, Object>> history = jdbc.queryForList("""
                select snapshot::text as snapshot, checksum from public.prompt_history where org_id = ?""", DEMO_ORG);

        assertThat(history).isNotEmpty().allSatisfy(row ->
                assertThat(row.get("checksum")).isEqualTo("sha256:" + sha256Hex((String) row.get("snapshot"))));
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

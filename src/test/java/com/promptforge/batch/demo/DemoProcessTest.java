package com.promptforge.batch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.job.BatchProcess;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo} as a person runs it: the jar's main in a process of its own (on the test database instead of the
 * embedded one, at a tiny size): it generates, runs the sync, the usage report and the demo org's audit export,
 * lists the workbooks it wrote (and the audit export's checksum); a second demo reuses the data.
 */
@PromptForgeDatabase
class DemoProcessTest {

    private static final Pattern LISTED = Pattern.compile("^  (\\S+\\.xlsx) \\((\\d+) KB\\)$", Pattern.MULTILINE);

    @Test
    void demoRunsTheThreeJobsListsTheirWorkbooksAndASecondDemoReusesTheData(TestDatabase db, @TempDir Path tmp)
            throws Exception {
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        Path reports = tmp.resolve("reports");
        properties.put("pf.reports-dir", reports.toString());

        String first = demo(properties, tmp.resolve("first.log"));

        assertThat(first).contains("== data: generating a modest data set")
                .contains("generate: runs 800 of 800 (100%)")
                .contains("== entitlement sync")
                .containsPattern("entitlement-sync execution \\d+ COMPLETED")
                .contains("Files written under " + reports)
                .contains("Open a workbook with LibreOffice Calc");
        String demoOrg = db.jdbc().queryForObject("""
                select o.slug from public.organizations o
                 order by (select count(*) from public.runs r where r.org_id = o.id) desc, o.slug limit 1""",
                String.class);
        assertThat(first).contains("Demo organization (the busiest): " + demoOrg)
                .contains("== usage report").containsPattern("usage-report execution \\d+ COMPLETED")
                .contains("== audit export").containsPattern("audit-export execution \\d+ COMPLETED");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String auditName = "audit-org-" + demoOrg + "-" + today.minusDays(90) + "-" + today.minusDays(1) + ".xlsx";
        List<Path> listed = listed(first);
        assertThat(listed).hasSize(3);
        assertThat(listed).allSatisfy(file -> assertThat(file).exists().isNotEmptyFile());
        assertThat(listed).extracting(file -> file.getFileName().toString())
                .anySatisfy(name -> assertThat(name).startsWith("entitlement-sync-"))
                .anySatisfy(name -> assertThat(name).startsWith("usage-report-"))
                .contains(auditName);
        Path audit = listed.stream().filter(file -> file.getFileName().toString().equals(auditName)).findFirst()
                .orElseThrow();
        Path checksum = audit.resolveSibling(auditName + ".sha256");
        assertThat(checksum).exists();
        assertThat(first).contains("  " + checksum + " (");
        try (Stream<Path> files = Files.walk(reports)) {
            assertThat(files.filter(Files::isRegularFile).filter(file -> file.toString().endsWith(".xlsx")).toList())
                    .containsExactlyInAnyOrderElementsOf(listed);
        }
        assertThat(db.jdbc().queryForObject("select count(*) from public.organizations", Long.class)).isEqualTo(13);

        String second = demo(properties, tmp.resolve("second.log"));

        assertThat(second).contains("== data: reusing the 12 organizations and 801 runs already there")
                .doesNotContain("generate: runs");
        assertThat(db.jdbc().queryForObject("select count(*) from public.runs", Long.class)).isEqualTo(801);
        List<Path> listedAgain = listed(second);
        // the sync's workbook is timestamped, a new one; the week's usage report and the period's export replace theirs
        assertThat(listedAgain).hasSize(3);
        assertThat(listedAgain.stream().filter(file -> file.getFileName().toString().startsWith("entitlement-sync-")))
                .hasSize(1).doesNotContainAnyElementsOf(listed);
        assertThat(listedAgain).containsAll(listed.stream()
                .filter(file -> !file.getFileName().toString().startsWith("entitlement-sync-")).toList());
    }

    private static String demo(Map<String, Object> properties, Path log) throws Exception {
        try (BatchProcess process = BatchProcess.start(properties, log, "demo", "orgs=12", "runs=800")) {
            int exit = process.waitFor(Duration.ofMinutes(5));
            assertThat(exit).as(process.output()).isZero();
            return process.output();
        }
    }

    private static List<Path> listed(String output) {
        Matcher matcher = LISTED.matcher(output);
        List<Path> paths = new ArrayList<>();
        while (matcher.find()) {
            paths.add(Path.of(matcher.group(1)));
        }
        return paths;
    }
}

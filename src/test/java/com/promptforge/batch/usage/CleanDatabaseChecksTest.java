package com.promptforge.batch.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.report.LocalReportStore;
import com.promptforge.batch.report.ReportLifecycle;
import java.nio.file.Path;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A database holding only the migrations: the security checks find nothing in PromptForge's own schema. */
@PromptForgeDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CleanDatabaseChecksTest {

    private UsageReport.Outcome outcome;

    @BeforeAll
    void runTheReport(TestDatabase db) throws IOException {
        IsoWeek week = IsoWeek.lastCompletedBefore(Instant.now());
        Map<String, Object> values = Map.of(UsageReportParameters.WEEK, week.label());
        outcome = new UsageReport(db.dataSource(), "test server", db.name()).run("usage-report",
                UsageReportJobConfiguration.PARAMETERS.bind(values), values, null,
                new ReportLifecycle(new LocalReportStore(Files.createTempDirectory("pf-clean-checks"))), Instant.now());
    }

    @Test
    void theMigrationsGiveNoSecurityFinding() {
        assertThat(outcome.content().findings()).filteredOn(f -> HealthChecks.area(f.check()) == HealthArea.SECURITY)
                .isEmpty();
    }

    @Test
    void theSummarySaysSecurityPasses() throws IOException {
        try (XSSFWorkbook workbook = UsageWorkbook.open(Path.of(outcome.report().location()))) {
            assertThat(UsageWorkbook.text(UsageWorkbook.summary(workbook).get("Health: Security"))).isEqualTo("pass");
        }
    }

    @Test
    void noTableOrIndexOfTheMigrationsIsBloatedOrWithoutPrimaryKey() {
        assertThat(outcome.content().findings()).noneMatch(f -> f.check().endsWith("_bloat")
                || f.check().equals("tables_without_primary_key") || f.check().equals("not_valid_constraints"));
    }
}

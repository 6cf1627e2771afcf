package com.promptforge.batch.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.job.CliResult;
import com.promptforge.batch.spreadsheet.LibreOffice;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The usage report of the demo's data set (300 organizations, 150,000 runs over 90 days, pg_stat_statements
 * installed as the demo installs it) printed by LibreOffice Calc: the whole workbook in at most
 * {@value #MAX_PAGES} pages, while every sheet holds every row. Runs in CI (.ci/run installs LibreOffice).
 *
 * <p>With {@code -Dpf.pictures.dir=DIR} it leaves the workbook and its PDF there, to look at the pages.
 */
@PromptForgeDatabase
class PrintedUsageReportTest {

    static final int MAX_PAGES = 15;

    @Test
    void theDemosUsageReportPrintsInAtMostFifteenPages(TestDatabase db, @TempDir Path dir) throws IOException {
        LibreOffice libreOffice = LibreOffice.require();
        Path reports = dir.resolve("reports");
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.reports-dir", reports.toString());
        CliResult generated = CliResult.run(properties, "generate", "orgs=300", "runs=150000");
        assertThat(generated.exit()).as(generated.toString()).isZero();
        db.jdbc().execute("create schema if not exists extensions");
        db.jdbc().execute("create extension if not exists pg_stat_statements with schema extensions");
        IsoWeek week = IsoWeek.lastCompletedBefore(Instant.now());

        CliResult result = CliResult.run(properties, "run", "usage-report", "week=" + week.label());

        assertThat(result.exit()).as(result.toString()).isZero();
        Path workbook = reports.resolve("usage").resolve("usage-report-all-orgs-" + week.label() + ".xlsx");
        try (XSSFWorkbook book = UsageWorkbook.open(workbook)) {
            long orgsWithRuns = db.jdbc().queryForObject("""
                    select count(distinct org_id) from public.runs where created_at >= ? and created_at < ?""",
                    Long.class, week.start(), week.end());
            assertThat((long) book.getSheet(UsageReportWorkbook.ORGS).getLastRowNum()).as("every org on screen")
                    .isEqualTo(db.jdbc().queryForObject("select count(*) from public.organizations", Long.class));
            assertThat((long) book.getSheet(UsageReportWorkbook.DAILY).getLastRowNum()).as("every org that ran")
                    .isEqualTo(orgsWithRuns);
            assertThat(book.getSheet(UsageReportWorkbook.QUERY_PERFORMANCE).getLastRowNum())
                    .as("statements listed").isGreaterThan(1);
        }
        Path pdf = libreOffice.toPdf(workbook, dir.resolve("pdf"));
        keep(workbook, pdf);
        assertThat(LibreOffice.pages(pdf)).as("printed pages of " + workbook.getFileName())
                .isLessThanOrEqualTo(MAX_PAGES);
    }

    private static void keep(Path workbook, Path pdf) throws IOException {
        String pictures = System.getProperty("pf.pictures.dir");
        if (pictures != null && !pictures.isBlank()) {
            Files.createDirectories(Path.of(pictures));
            Files.copy(workbook, Path.of(pictures, "usage-report-demo.xlsx"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(pdf, Path.of(pictures, "usage-report-demo.pdf"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

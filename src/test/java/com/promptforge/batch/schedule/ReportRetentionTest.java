package com.promptforge.batch.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.promptforge.batch.core.BadInputException;
import com.promptforge.batch.report.ReportFamily;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportRetentionTest {

    private static final Instant NOW = Instant.parse("2026-12-02T03:00:00Z");

    @TempDir
    Path reports;

    @Test
    void reportsOlderThanTheSettingAreDeletedWithOneLineEach() throws IOException {
        Path old = report("entitlements/entitlement-sync-a.xlsx", Duration.ofDays(31));
        Path older = report("validation/validation-b.xlsx", Duration.ofDays(400));
        Path young = report("entitlements/entitlement-sync-c.xlsx", Duration.ofDays(29));
        List<String> lines = new ArrayList<>();

        List<Path> deleted = retention("30").apply(NOW, lines::add);

        assertThat(deleted).containsExactlyInAnyOrder(old, older);
        assertThat(old).doesNotExist();
        assertThat(older).doesNotExist();
        assertThat(young).exists();
        assertThat(lines).hasSize(2)
                .anySatisfy(line -> assertThat(line).contains(old.toString()).contains("PF_REPORTS_KEEP_DAYS=30"))
                .anySatisfy(line -> assertThat(line).contains(older.toString()));
    }

    @Test
    void aDeletedReportsSha256GoesWithItAndAKeptReportsStays() throws IOException {
        Path old = report("usage/usage-report-2026-W01.xlsx", Duration.ofDays(90));
        Path oldSidecar = report("usage/usage-report-2026-W01.xlsx.sha256", Duration.ofDays(90));
        Path young = report("usage/usage-report-2026-W48.xlsx", Duration.ofDays(2));
        Path youngSidecar = report("usage/usage-report-2026-W48.xlsx.sha256", Duration.ofDays(2));

        assertThat(retention("30").apply(NOW, line -> { })).containsExactly(old);

        assertThat(oldSidecar).doesNotExist();
        assertThat(List.of(young, youngSidecar)).allSatisfy(file -> assertThat(file).exists());
    }

    @Test
    void withoutTheSettingEveryReportIsKept() throws IOException {
        Path ancient = report("entitlements/entitlement-sync-a.xlsx", Duration.ofDays(3650));

        assertThat(retention("").apply(NOW, line -> { })).isEmpty();
        assertThat(ancient).exists();
    }

    @Test
    void inAFolderSharedWithOtherFilesOnlyTheJobsReportsAreDeleted() throws IOException {
        Path unrelated = report("budget.xlsx", Duration.ofDays(90));
        Path unrelatedSidecar = report("budget.xlsx.sha256", Duration.ofDays(90));
        Path inOtherFolder = report("Documents/usage-report-2020-W01.xlsx", Duration.ofDays(90));
        Path deeper = report("usage/archive/usage-report-2020-W02.xlsx", Duration.ofDays(90));
        Path otherName = report("usage/quarterly.xlsx", Duration.ofDays(90));
        Path ours = report("usage/usage-report-all-orgs-2020-W03.xlsx", Duration.ofDays(90));
        Path oursSidecar = report("usage/usage-report-all-orgs-2020-W03.xlsx.sha256", Duration.ofDays(90));

        assertThat(retention("1").apply(NOW, line -> { })).containsExactly(ours);

        assertThat(oursSidecar).doesNotExist();
        assertThat(List.of(unrelated, unrelatedSidecar, inOtherFolder, deeper, otherName))
                .allSatisfy(file -> assertThat(file).exists());
    }

    @Test
    void onlyWorkbooksAreDeletedNeverHiddenTempFilesOrOtherFiles() throws IOException {
        Path writing = report("entitlements/.entitlement-sync-a.xlsx.123-456.x.tmp", Duration.ofDays(90));
        Path hidden = report("entitlements/.old.xlsx", Duration.ofDays(90));
        Path other = report("notes.txt", Duration.ofDays(90));
        Path gitkeep = report(".gitkeep", Duration.ofDays(90));

        assertThat(retention("1").apply(NOW, line -> { })).isEmpty();
        assertThat(List.of(writing, hidden, other, gitkeep)).allSatisfy(file -> assertThat(file).exists());
    }

    @Test
    void aSettingThatIsNotAWholeNumberOfDaysIsRefusedInOneLine() {
        for (String bad : List.of("0", "-3", "30d", "1.5")) {
            assertThatThrownBy(() -> retention(bad).keepDays())
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("PF_REPORTS_KEEP_DAYS: '" + bad + "' is not a number of days: expected a whole number"
                            + " from 1, or nothing to keep every report");
        }
    }

    /** The retention with the jobs' report families, as the application has them. */
    private ReportRetention retention(String keepDays) {
        return new ReportRetention(reports.toString(), keepDays, List.of(new ReportFamily("usage", "usage-report"),
                new ReportFamily("entitlements", "entitlement-sync"), new ReportFamily("validation", "validation"),
                new ReportFamily("audit", "audit")));
    }

    private Path report(String name, Duration age) throws IOException {
        Path file = reports.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "report");
        Files.setLastModifiedTime(file, FileTime.from(NOW.minus(age)));
        return file;
    }
}

package com.promptforge.batch.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.spreadsheet.Column;
import com.promptforge.batch.spreadsheet.SpreadsheetWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Temp files of runs whose process is gone are removed; those of live processes, and other files, are not. */
class LeftoverTempFilesTest {

    @TempDir
    Path tmp;

    private Path reports;
    private Path poi;
    private LeftoverTempFiles leftovers;
    private Process live;
    private String deadOwner;

    @BeforeEach
    void processes() throws Exception {
        reports = Files.createDirectories(tmp.resolve("reports"));
        poi = Files.createDirectories(tmp.resolve("promptforge-poi"));
        leftovers = new LeftoverTempFiles(reports, poi);
        live = new ProcessBuilder("sleep", "300").start();
        Process dead = new ProcessBuilder("sleep", "300").start();
        deadOwner = LeftoverTempFiles.owner(dead.toHandle());
        dead.destroyForcibly();
        assertThat(dead.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @AfterEach
    void stop() {
        live.destroyForcibly();
    }

    @Test
    void theWriterTempFileOfADeadProcessIsRemovedWithALine() throws IOException {
        Path leftover = plant(reports.resolve("entitlements"), ".entitlement-sync-1.xlsx." + deadOwner + ".k3j2.tmp");
        List<String> lines = new ArrayList<>();

        assertThat(leftovers.removeDeadRunsFiles(lines::add)).containsExactly(leftover);

        assertThat(leftover).doesNotExist();
        assertThat(lines).singleElement().asString().contains(leftover.toString()).contains("no longer running");
    }

    @Test
    void theWriterTempFilesOfLiveProcessesAreKept() throws IOException {
        Path otherProcess = plant(reports.resolve("entitlements"),
                ".entitlement-sync-2.xlsx." + LeftoverTempFiles.owner(live.toHandle()) + ".a1.tmp");
        Path thisProcess = plant(reports.resolve("validation"),
                ".validation-3.xlsx." + LeftoverTempFiles.OWNER + ".b2.tmp");

        assertThat(leftovers.removeDeadRunsFiles(line -> { })).isEmpty();

        assertThat(otherProcess).exists();
        assertThat(thisProcess).exists();
    }

    @Test
    void aPidNowUsedByAProcessStartedLaterCountsAsDead() throws IOException {
        long pid = live.pid();
        Path leftover = plant(reports, ".r.xlsx." + pid + "-1000.c3.tmp"); // started 1970: not the live process

        assertThat(leftovers.removeDeadRunsFiles(line -> { })).containsExactly(leftover);
    }

    @Test
    void thePoiFolderOfADeadProcessIsRemovedAndThatOfALiveOneKept() throws IOException {
        Path deadSheet = plant(poi.resolve(deadOwner), "poi-sxssf-sheet123.xml");
        Path liveSheet = plant(poi.resolve(LeftoverTempFiles.owner(live.toHandle())), "poi-sxssf-sheet456.xml");

        assertThat(leftovers.removeDeadRunsFiles(line -> { })).containsExactly(deadSheet);

        assertThat(deadSheet.getParent()).doesNotExist();
        assertThat(liveSheet).exists();
    }

    @Test
    void filesNamedOtherwiseAreNeverTouched() throws IOException {
        Path report = plant(reports.resolve("entitlements"), "entitlement-sync-1.xlsx");
        Path withoutOwner = plant(reports.resolve("entitlements"), ".entitlement-sync-1.xlsx.k3j2.tmp");
        Path gitkeep = plant(reports, ".gitkeep");
        Path foreignPoi = plant(poi.resolve("not-a-pid"), "x.xml");

        assertThat(leftovers.removeDeadRunsFiles(line -> { })).isEmpty();

        assertThat(List.of(report, withoutOwner, gitkeep, foreignPoi)).allSatisfy(file -> assertThat(file).exists());
    }

    @Test
    void aStagedReportAndTheWritersScratchFilesAreNamedAfterThisProcess() throws IOException {
        ReportLifecycle lifecycle = new ReportLifecycle(new LocalReportStore(reports));
        try (StagedReport staged = lifecycle.stage(ReportKey.named("named", "named"));
             SpreadsheetWriter writer = SpreadsheetWriter.create(staged.file())) {
            writer.sheet("S", List.of(Column.text("A", 10))).row("x");
            try (var files = Files.list(reports.resolve("named"))) {
                assertThat(files.map(file -> file.getFileName().toString()).toList()).singleElement().asString()
                        .startsWith(".named.xlsx." + LeftoverTempFiles.OWNER + ".").endsWith(".tmp");
            }
            assertThat(LeftoverTempFiles.scratchFolderOfThisProcess()).isDirectoryContaining("glob:**/poi-sxssf-*");
        }
    }

    private static Path plant(Path folder, String name) throws IOException {
        Files.createDirectories(folder);
        return Files.writeString(folder.resolve(name), "left behind");
    }
}

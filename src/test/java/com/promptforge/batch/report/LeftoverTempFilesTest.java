package com.promptforge.batch.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.spreadsheet.Column;
import com.promptforge.batch.spreadsheet.SpreadsheetWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
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
        leftovers = new LeftoverTempFiles(reports, poi, Duration.ofDays(2));
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
        // started 1970: not the live process
        Path leftover = plant(reports, ".r.xlsx." + pid + "-1000@" + LeftoverTempFiles.MACHINE + ".c3.tmp");

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

    @Test
    void aTempNameWhosePidOrStartOverflowsALongIsLeftAlone() throws IOException {
        Path hugePid = plant(reports, ".x.99999999999999999999-0.a.tmp");
        Path hugeStart = plant(reports, ".x.1-99999999999999999999@" + LeftoverTempFiles.MACHINE + ".b.tmp");
        Path hugeFolder = plant(poi.resolve("99999999999999999999-0"), "x.xml");
        List<String> lines = new ArrayList<>();

        assertThat(leftovers.removeDeadRunsFiles(lines::add)).isEmpty();

        assertThat(List.of(hugePid, hugeStart, hugeFolder)).allSatisfy(file -> assertThat(file).exists());
        assertThat(lines).isEmpty();
    }

    @Test
    void anotherMachinesTempFileIsLeftAloneWhileYoungerThanTheMaximumAge() throws IOException {
        // pid 1 runs here too, but on machine-b it is another process: only machine-b can judge it.
        Path other = plant(reports.resolve("usage"), ".usage-report-2026-W48.xlsx.1-1000@machine-b.k3.tmp");
        setAge(other, Duration.ofDays(1));

        assertThat(leftovers.removeDeadRunsFiles(line -> { })).isEmpty();

        assertThat(other).exists();
    }

    @Test
    void anotherMachinesTempFileOlderThanTheMaximumAgeIsRemovedWithALine() throws IOException {
        Path other = plant(reports.resolve("usage"), ".usage-report-2026-W48.xlsx.1-1000@machine-b.k3.tmp");
        Path otherPoi = plant(poi.resolve("1-1000@machine-b"), "poi-sxssf-sheet1.xml");
        setAge(other, Duration.ofDays(3));
        setAge(otherPoi.getParent(), Duration.ofDays(3)); // a scratch folder is as old as its last change
        List<String> lines = new ArrayList<>();

        assertThat(leftovers.removeDeadRunsFiles(lines::add)).containsExactlyInAnyOrder(other, otherPoi);

        assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line).contains("machine machine-b")
                .contains("PF_TEMP_MAX_AGE"));
    }

    @Test
    void aTempFileNamedWithoutItsMachineCountsAsAnotherMachines() throws IOException {
        Path young = plant(reports, ".r.xlsx." + deadOwner.substring(0, deadOwner.indexOf('@')) + ".a.tmp");
        Path old = plant(reports, ".s.xlsx." + deadOwner.substring(0, deadOwner.indexOf('@')) + ".b.tmp");
        setAge(old, Duration.ofDays(3));

        assertThat(leftovers.removeDeadRunsFiles(line -> { })).containsExactly(old);

        assertThat(young).exists();
    }

    @Test
    void aFolderThatCannotBeReadIsLoggedAtWarnWithItsCauseAndTheRestIsStillCleaned() throws Exception {
        Path locked = Files.createDirectories(reports.resolve("locked"));
        Path leftover = plant(reports.resolve("usage"), ".u.xlsx." + deadOwner + ".k3.tmp");
        Files.setPosixFilePermissions(locked, java.util.Set.of());
        // This test runs as root, who reads any folder: the cleanup runs in a process without that power.
        List<String> withoutDacOverride = List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search");
        Process cleaner = new ProcessBuilder(TempFilesProcess.command(withoutDacOverride, "clean", reports.toString(),
                poi.toString())).redirectErrorStream(true).start();
        String output = new String(cleaner.getInputStream().readAllBytes());
        assertThat(cleaner.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(output).contains("cleaned").containsPattern("WARN .*Cannot look for leftover temp files in "
                + locked).contains("AccessDeniedException");
        assertThat(leftover).doesNotExist();
        Files.setPosixFilePermissions(locked, java.util.Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
                java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE));
    }

    @Test
    void aTempNameCarriesThisMachinesHostName() {
        assertThat(LeftoverTempFiles.OWNER).isEqualTo(ProcessHandle.current().pid() + "-"
                + ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli() + "@"
                + LeftoverTempFiles.MACHINE);
        assertThat(LeftoverTempFiles.MACHINE).isEqualTo(hostname());
    }

    private static String hostname() {
        try {
            Process process = new ProcessBuilder("hostname").start();
            String name = new String(process.getInputStream().readAllBytes()).strip();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            return name.toLowerCase(java.util.Locale.ROOT);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void setAge(Path file, Duration age) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
    }

    private static Path plant(Path folder, String name) throws IOException {
        Files.createDirectories(folder);
        return Files.writeString(folder.resolve(name), "left behind");
    }
}

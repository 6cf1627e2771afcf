package com.promptforge.batch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One reports folder shared by two machines: this test's JVM, and a JVM in a container of its own made with
 * {@code unshare} (its own host name, machine-b, and its own pids: it runs as pid 1). Each writes a report while
 * the other cleans up; neither deletes the other's work.
 */
class SharedReportsFolderTest {

    @TempDir
    Path tmp;

    @Test
    void twoMachinesWritingToOneFolderLeaveEachOthersTempFilesAlone() throws Exception {
        Path reports = Files.createDirectories(tmp.resolve("reports"));
        Path scratch = Files.createDirectories(tmp.resolve("promptforge-poi"));
        Path hosts = Files.writeString(tmp.resolve("hosts"), "127.0.0.1 localhost machine-b\n");
        LeftoverTempFiles leftovers = new LeftoverTempFiles(reports, scratch, java.time.Duration.ofDays(2));
        ReportLifecycle lifecycle = new ReportLifecycle(new LocalReportStore(reports));

        try (StagedReport mine = lifecycle.stage(new ReportKey("shared", "a.xlsx"))) {
            List<String> container = List.of("unshare", "--fork", "--pid", "--uts", "--mount-proc", "sh", "-c",
                    "hostname machine-b && mount --bind " + hosts + " /etc/hosts && exec \"$@\"", "machine-b");
            Process machineB = new ProcessBuilder(TempFilesProcess.command(container, "stage", reports.toString(),
                    scratch.toString())).redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(machineB.getInputStream(),
                        StandardCharsets.UTF_8));
                List<String> bLines = readUntil(out, "cleaned");
                Path theirs = Path.of(bLines.stream().filter(line -> line.startsWith("staged ")).findFirst()
                        .orElseThrow(() -> new AssertionError(bLines)).substring("staged ".length()));
                assertThat(theirs.getFileName().toString()).contains("@machine-b.");
                assertThat(mine.file()).as("machine-b's cleanup, lines %s", bLines).exists();

                List<String> aLines = new ArrayList<>();
                assertThat(leftovers.removeDeadRunsFiles(aLines::add)).isEmpty();
                assertThat(theirs).exists();
                assertThat(aLines).isEmpty();

                try (OutputStream in = machineB.getOutputStream()) {
                    in.write("commit\n".getBytes(StandardCharsets.UTF_8));
                }
                List<String> committed = readUntil(out, "committed ");
                assertThat(machineB.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(machineB.exitValue()).as("%s", committed).isZero();
                assertThat(reports.resolve("shared/b.xlsx")).isNotEmptyFile();
                assertThat(reports.resolve("shared/b.xlsx.sha256")).isNotEmptyFile();
            } finally {
                machineB.destroyForcibly();
            }
        }
    }

    /** Lines up to and including the first that starts with {@code prefix}; fails when the output ends first. */
    private static List<String> readUntil(BufferedReader out, String prefix) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = out.readLine()) != null) {
            lines.add(line);
            if (line.startsWith(prefix)) {
                return lines;
            }
        }
        throw new AssertionError("machine-b ended before '" + prefix + "': " + lines);
    }
}

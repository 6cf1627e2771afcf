package com.promptforge.batch.report;

import com.promptforge.batch.spreadsheet.Column;
import com.promptforge.batch.spreadsheet.SpreadsheetWriter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A process of its own that uses the report temp files as a job does, for {@link SharedReportsFolderTest} and
 * {@link LeftoverTempFilesTest}: {@code clean <reports> <scratch>} removes dead runs' files and prints each line;
 * {@code stage <reports> <scratch>} first stages {@code shared/b.xlsx} and prints its temp file, then cleans, then
 * waits for a line on stdin before it writes and commits the report.
 */
public final class TempFilesProcess {

    private TempFilesProcess() {
    }

    /** The command that runs this class with {@code args}, behind {@code prefix} (unshare, setpriv). */
    static List<String> command(List<String> prefix, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                TempFilesProcess.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    public static void main(String[] args) throws Exception {
        Path reports = Path.of(args[1]);
        LeftoverTempFiles leftovers = new LeftoverTempFiles(reports, Path.of(args[2]), Duration.ofDays(2));
        if (args[0].equals("clean")) {
            leftovers.removeDeadRunsFiles(System.out::println);
            System.out.println("cleaned");
            return;
        }
        ReportLifecycle lifecycle = new ReportLifecycle(new LocalReportStore(reports));
        try (StagedReport staged = lifecycle.stage(new ReportKey("shared", "b.xlsx"))) {
            System.out.println("staged " + staged.file());
            leftovers.removeDeadRunsFiles(System.out::println);
            System.out.println("cleaned");
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            try (SpreadsheetWriter writer = SpreadsheetWriter.create(staged.file())) {
                writer.sheet("S", List.of(Column.text("A", 10))).row("machine b");
                writer.finish();
            }
            System.out.println("committed " + staged.commitAndPublish().location());
        }
    }
}

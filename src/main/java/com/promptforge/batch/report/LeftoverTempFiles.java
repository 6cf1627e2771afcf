package com.promptforge.batch.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The temporary files a report needs, named after the process that owns them, and their removal once that
 * process is gone (a run killed with -9 never deletes its own).
 *
 * <ul>
 *   <li>A staged report (and its sidecar being written) hidden beside the committed file:
 *       {@code .<report>.xlsx.<owner>.<random>.tmp} ({@link StagedReport}).</li>
 *   <li>A folder of this process for a writer's own scratch files, {@code <java.io.tmpdir>/promptforge-poi/<owner>/}
 *       (the spreadsheet writer points POI's SXSSF sheet files at it).</li>
 * </ul>
 * {@code <owner>} is {@code <pid>-<process start, epoch ms>}: a pid that the system gave to another process since
 * does not make a dead run's files look alive. {@link #removeDeadRunsFiles} deletes only files whose owner is
 * not running; files of a live process (another run, another scheduler) are never touched, nor files named in
 * any other way.
 */
@Component
public class LeftoverTempFiles {

    /** This process, as temp file names carry it. */
    static final String OWNER = owner(ProcessHandle.current());

    private static final Pattern STAGED_TEMP = Pattern.compile("\\..+\\.(\\d+)-(\\d+)\\.[0-9a-z]+\\.tmp");
    private static final Pattern SCRATCH_FOLDER = Pattern.compile("(\\d+)-(\\d+)");

    private final Path reportsDir;
    private final Path scratchRoot;

    @Autowired
    LeftoverTempFiles(@Value("${pf.reports-dir}") String reportsDir) {
        this(Path.of(reportsDir), scratchRoot());
    }

    LeftoverTempFiles(Path reportsDir, Path scratchRoot) {
        this.reportsDir = reportsDir;
        this.scratchRoot = scratchRoot;
    }

    /** The folder of this process for a writer's scratch files, removed by a later run once this process is gone. */
    public static Path scratchFolderOfThisProcess() {
        return scratchRoot().resolve(OWNER);
    }

    /**
     * A new hidden file beside {@code target}, named after this process, so that the final move is a rename within
     * one file system. Not Files.createTempFile: its owner-only permissions would carry over to the report.
     */
    static Path createTempBeside(Path target) throws IOException {
        while (true) {
            String random = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
            try {
                return Files.createFile(target.resolveSibling("." + target.getFileName() + "." + OWNER + "."
                        + random + ".tmp"));
            } catch (FileAlreadyExistsException taken) {
                // Another writer drew the same name; draw again.
            }
        }
    }

    /**
     * Deletes what runs of processes that are gone left: staged reports under the reports folder and scratch
     * folders of dead processes. One line per deleted file goes to {@code output}.
     *
     * @return the files deleted
     */
    public List<Path> removeDeadRunsFiles(Consumer<String> output) {
        List<Path> deleted = new ArrayList<>();
        for (Path file : files(reportsDir, Integer.MAX_VALUE)) {
            Matcher name = STAGED_TEMP.matcher(file.getFileName().toString());
            if (name.matches() && isDead(name.group(1), name.group(2)) && delete(file)) {
                deleted.add(file);
                output.accept("Removed " + file + ", left by process " + name.group(1) + " that is no longer running");
            }
        }
        for (Path folder : files(scratchRoot, 1)) {
            Matcher name = SCRATCH_FOLDER.matcher(folder.getFileName().toString());
            if (Files.isDirectory(folder) && name.matches() && isDead(name.group(1), name.group(2))) {
                for (Path file : files(folder, Integer.MAX_VALUE)) {
                    if (delete(file)) {
                        deleted.add(file);
                        output.accept("Removed " + file + ", left by process " + name.group(1)
                                + " that is no longer running");
                    }
                }
                delete(folder);
            }
        }
        return deleted;
    }

    static String owner(ProcessHandle process) {
        long started = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return process.pid() + "-" + started;
    }

    /** Gone: no such pid, or the pid now belongs to a process started at another time. Unknown counts as alive. */
    private static boolean isDead(String pid, String started) {
        Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(pid));
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        Optional<Instant> start = process.get().info().startInstant();
        return start.isPresent() && !"0".equals(started) && start.get().toEpochMilli() != Long.parseLong(started);
    }

    private static Path scratchRoot() {
        return Path.of(System.getProperty("java.io.tmpdir"), "promptforge-poi");
    }

    /** Regular files (and, at depth 1, folders) under {@code root}, deepest first; none when it does not exist. */
    private static List<Path> files(Path root, int depth) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root, depth)) {
            return walk.filter(path -> !path.equals(root))
                    .filter(path -> depth == 1 || Files.isRegularFile(path))
                    .sorted(Comparator.reverseOrder())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        } catch (UncheckedIOException e) {
            return List.of(); // a folder removed while walking (another process cleaning): nothing to do here
        }
    }

    private static boolean delete(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            return false; // in use or not ours to delete: left as it is
        }
    }
}

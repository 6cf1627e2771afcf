package com.promptforge.batch.report;

import com.promptforge.batch.core.BadInputException;
import com.promptforge.batch.core.HostName;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * {@code <owner>} is {@code <pid>-<process start, epoch ms>@<host name>}: a pid that the system gave to another
 * process since does not make a dead run's files look alive, and the host name tells whose machine the pid is
 * on. {@link #removeDeadRunsFiles} judges only this machine's files: it deletes those whose process is not
 * running. Files of another machine (a reports folder shared by several hosts or containers, each with its own
 * pids) are left alone until they are older than {@code PF_TEMP_MAX_AGE} ({@code pf.temp-max-age}, default 2 days);
 * so are files named before names carried the machine. Files named in any other way (a pid or start time too large
 * for a number included) are never touched.
 */
@Component
public class LeftoverTempFiles {

    private static final Logger log = LoggerFactory.getLogger(LeftoverTempFiles.class);

    /** This machine, as temp file names carry it. */
    static final String MACHINE = HostName.current();

    /** This process, as temp file names carry it. */
    static final String OWNER = owner(ProcessHandle.current());

    // <pid>-<start> then, since names carry it, @<host>; a name without the host is of an unknown machine.
    private static final String OWNER_PATTERN = "(\\d+)-(\\d+)(?:@([a-z0-9.-]+))?";
    private static final Pattern STAGED_TEMP = Pattern.compile("\\..+\\." + OWNER_PATTERN + "\\.[0-9a-z]+\\.tmp");
    private static final Pattern SCRATCH_FOLDER = Pattern.compile(OWNER_PATTERN);

    private final Path reportsDir;
    private final Path scratchRoot;
    private final Duration maxAge;

    @Autowired
    LeftoverTempFiles(@Value("${pf.reports-dir}") String reportsDir, @Value("${pf.temp-max-age:2d}") Duration maxAge) {
        this(Path.of(reportsDir), scratchRoot(), maxAge);
    }

    LeftoverTempFiles(Path reportsDir, Path scratchRoot, Duration maxAge) {
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new BadInputException("PF_TEMP_MAX_AGE: " + maxAge + " is not a positive duration: expected one such "
                    + "as 2d or 12h");
        }
        this.reportsDir = reportsDir;
        this.scratchRoot = scratchRoot;
        this.maxAge = maxAge;
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
     * folders of dead processes of this machine, and those of other machines older than the maximum age. One line
     * per deleted file goes to {@code output}. A folder that cannot be read is logged at WARN and skipped.
     *
     * @return the files deleted
     */
    public List<Path> removeDeadRunsFiles(Consumer<String> output) {
        Instant now = Instant.now();
        List<Path> deleted = new ArrayList<>();
        for (Path file : files(reportsDir, Integer.MAX_VALUE)) {
            Matcher name = STAGED_TEMP.matcher(file.getFileName().toString());
            if (name.matches()) {
                leftBy(name, file, now).ifPresent(reason -> {
                    if (delete(file)) {
                        deleted.add(file);
                        output.accept("Removed " + file + ", " + reason);
                    }
                });
            }
        }
        for (Path folder : files(scratchRoot, 1)) {
            Matcher name = SCRATCH_FOLDER.matcher(folder.getFileName().toString());
            if (Files.isDirectory(folder) && name.matches()) {
                Optional<String> reason = leftBy(name, folder, now);
                if (reason.isPresent()) {
                    for (Path file : files(folder, Integer.MAX_VALUE)) {
                        if (delete(file)) {
                            deleted.add(file);
                            output.accept("Removed " + file + ", " + reason.get());
                        }
                    }
                    delete(folder);
                }
            }
        }
        return deleted;
    }

    static String owner(ProcessHandle process) {
        long started = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return process.pid() + "-" + started + "@" + MACHINE;
    }

    /**
     * Why the file of this owner may go (as the line that says it was removed ends), or empty when it stays: a
     * process of this machine that is gone; a file of another (or an unknown) machine older than the maximum age.
     */
    private Optional<String> leftBy(Matcher owner, Path file, Instant now) {
        OptionalLong pid = number(owner.group(1));
        OptionalLong started = number(owner.group(2));
        if (pid.isEmpty() || started.isEmpty()) {
            return Optional.empty(); // not a name this class gives: not ours
        }
        String machine = owner.group(3);
        if (MACHINE.equals(machine)) {
            return isDead(pid.getAsLong(), started.getAsLong())
                    ? Optional.of("left by process " + pid.getAsLong() + " that is no longer running")
                    : Optional.empty();
        }
        Optional<Instant> modified = lastModified(file);
        if (modified.isEmpty() || !modified.get().isBefore(now.minus(maxAge))) {
            return Optional.empty();
        }
        return Optional.of("left by process " + pid.getAsLong() + " on " + (machine == null ? "an unknown machine"
                : "machine " + machine) + ", last modified " + modified.get() + ": older than PF_TEMP_MAX_AGE ("
                + maxAge + ")");
    }

    /** Gone: no such pid, or the pid now belongs to a process started at another time. Unknown counts as alive. */
    private static boolean isDead(long pid, long started) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        Optional<Instant> start = process.get().info().startInstant();
        return start.isPresent() && started != 0 && start.get().toEpochMilli() != started;
    }

    /** The digits as a number; empty when they do not fit a long (such a name is not one of ours). */
    private static OptionalLong number(String digits) {
        try {
            return OptionalLong.of(Long.parseLong(digits));
        } catch (NumberFormatException tooLarge) {
            return OptionalLong.empty();
        }
    }

    private static Optional<Instant> lastModified(Path file) {
        try {
            return Optional.of(Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            return Optional.empty(); // gone meanwhile (its owner committed it): nothing to remove
        }
    }

    private static Path scratchRoot() {
        return Path.of(System.getProperty("java.io.tmpdir"), "promptforge-poi");
    }

    /**
     * Regular files (and, at depth 1, folders) under {@code root}, deepest first; none when it does not exist. A
     * folder that cannot be read is skipped with a WARN line (its cause included), and the rest is still listed.
     */
    private static List<Path> files(Path root, int depth) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), depth, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (depth == 1 || attributes.isRegularFile()) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (!(e instanceof NoSuchFileException)) { // removed while walking: nothing to clean there
                        log.warn("Cannot look for leftover temp files in {}: {}; skipped", file, e.toString(), e);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    if (e != null && !(e instanceof NoSuchFileException)) {
                        log.warn("Cannot finish listing {} for leftover temp files: {}", dir, e.toString(), e);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log.warn("Cannot look for leftover temp files in {}: {}; skipped", root, e.toString(), e);
        }
        found.sort(Comparator.reverseOrder());
        return found;
    }

    private static boolean delete(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            // A folder still holding a file, or a file not ours to delete: it stays, and the run goes on.
            log.warn("Cannot remove the leftover temp file {}: {}", file, e.toString(), e);
            return false;
        }
    }
}

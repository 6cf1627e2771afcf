package com.promptforge.batch.spreadsheet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Where a job's workbook goes, one naming for every job: {@code <reportsDir>/<folder>/<name>-<UTC timestamp>.xlsx}
 * for a run-by-run report, {@code <name>-<period>.xlsx} for a report of a named period,
 * {@code <reportsDir>/<folder>/<name>.xlsx} when the name already says what it covers; and the
 * {@code <file>.sha256} sidecar a report that must be provable carries beside it.
 */
public final class ReportFiles {

    // Milliseconds, so that two runs within one second do not overwrite each other's file.
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** The suffix of a checksum sidecar. */
    public static final String CHECKSUM_SUFFIX = ".sha256";

    private ReportFiles() {
    }

    /**
     * {@code <reportsDir>/<folder>/<name>-<period>.xlsx}, for a report of a named period (an ISO week such as
     * 2026-W47) that a second run for the same period replaces.
     */
    public static Path forPeriod(Path reportsDir, String folder, String name, String period) {
        return reportsDir.resolve(folder).resolve(name + "-" + period + ".xlsx");
    }

    public static Path timestamped(Path reportsDir, String folder, String name, Instant at) {
        return reportsDir.resolve(folder).resolve(name + "-" + TIMESTAMP.format(at) + ".xlsx");
    }

    /** {@code <reportsDir>/<folder>/<name>.xlsx}: a later run for the same name replaces the file. */
    public static Path named(Path reportsDir, String folder, String name) {
        return reportsDir.resolve(folder).resolve(name + ".xlsx");
    }

    /** {@code <file>.sha256}. */
    public static Path checksumFile(Path file) {
        return file.resolveSibling(file.getFileName() + CHECKSUM_SUFFIX);
    }

    /** Removes the sidecar of {@code file}, before the file is replaced, so that none describes another file. */
    public static void deleteChecksum(Path file) {
        try {
            Files.deleteIfExists(checksumFile(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the old checksum of " + file, e);
        }
    }

    /**
     * Writes {@code <file>.sha256} as {@code sha256sum} does ({@code <64 hex>  <file name>}, so that
     * {@code sha256sum -c} checks it from the file's folder): to a temp file first, then renamed into place.
     *
     * @return the sidecar
     */
    public static Path writeChecksum(Path file) {
        Path sidecar = checksumFile(file);
        Path temp = sidecar.resolveSibling("." + sidecar.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            String line = sha256(file) + "  " + file.getFileName() + "\n";
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                channel.write(StandardCharsets.UTF_8.encode(line));
                channel.force(true);
            }
            try {
                Files.move(temp, sidecar, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, sidecar, StandardCopyOption.REPLACE_EXISTING);
            }
            return sidecar;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new UncheckedIOException("cannot write the checksum of " + file, e);
        }
    }

    /** The file's SHA-256 as 64 lowercase hex digits. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}

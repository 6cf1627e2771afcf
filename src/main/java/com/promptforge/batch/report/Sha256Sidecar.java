package com.promptforge.batch.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code <file>.sha256} every committed report carries beside it, as {@code sha256sum} writes it
 * ({@code <64 hex>  <file name>}), so that {@code sha256sum -c} checks it from the file's folder.
 */
public final class Sha256Sidecar {

    /** The suffix of a checksum sidecar. */
    public static final String SUFFIX = ".sha256";

    private Sha256Sidecar() {
    }

    /** {@code <file>.sha256}. */
    public static Path of(Path file) {
        return file.resolveSibling(file.getFileName() + SUFFIX);
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

    /** Writes {@code temp} (created by the caller) as the sidecar of {@code file} whose digest is {@code sha256}. */
    static void write(Path temp, Path file, String sha256) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(StandardCharsets.UTF_8.encode(sha256 + "  " + file.getFileName() + "\n"));
            channel.force(true);
        }
    }
}

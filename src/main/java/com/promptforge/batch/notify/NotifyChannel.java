package com.promptforge.batch.notify;

import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One place a job's outcome goes: {@code email: <address>} or {@code webhook: <url>}.
 *
 * @param kind   {@code email} or {@code webhook}
 * @param target the address or URL as written
 */
public record NotifyChannel(String kind, String target) {

    public static final String EMAIL = "email";
    public static final String WEBHOOK = "webhook";

    /**
     * How messages, the deliveries table and {@code jobs} name the channel. A webhook's URL is a secret (Slack's and
     * Teams' carry their token in the path), so only its scheme and host are shown, with a short hash of the whole
     * URL that tells two webhooks of one host apart.
     */
    public String label() {
        if (EMAIL.equals(kind)) {
            return "email " + target;
        }
        URI uri = URI.create(target);
        return "webhook " + uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + "/… #" + shortHash(target);
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return label();
    }
}

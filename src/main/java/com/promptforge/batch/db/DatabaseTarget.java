package com.promptforge.batch.db;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the database is: a JDBC URL plus credentials, parsed from {@code PF_DB_URL} (either a
 * {@code jdbc:postgresql://} URL or the {@code postgresql://user:pass@host:port/db} URI that the Supabase
 * dashboard shows) and {@code PF_DB_USER} / {@code PF_DB_PASSWORD}.
 *
 * <p>{@link #toString()} and {@link #describe()} never include the password.
 */
public record DatabaseTarget(String jdbcUrl, String user, String password, String host, String database) {

    static final String ACCEPTED = "jdbc:postgresql://host:port/db or postgresql://user:pass@host:port/db";

    /** Parses the given setting; {@code setting} names it in error messages. */
    public static DatabaseTarget parse(String setting, String url, String user, String password) {
        String trimmed = url.trim();
        boolean jdbc = trimmed.startsWith("jdbc:postgresql://");
        boolean uri = trimmed.startsWith("postgresql://") || trimmed.startsWith("postgres://");
        if (!jdbc && !uri) {
            int colon = trimmed.indexOf(':');
            String scheme = colon > 0 ? trimmed.substring(0, colon) : "(no scheme)";
            throw new DatabaseUnavailableException(setting + " is not a PostgreSQL URL (scheme " + scheme
                    + "): expected " + ACCEPTED);
        }
        URI parsed;
        try {
            parsed = new URI(jdbc ? trimmed.substring("jdbc:".length()) : trimmed);
        } catch (URISyntaxException e) {
            throw new DatabaseUnavailableException(setting + " is not a valid URL (" + e.getReason()
                    + " at index " + e.getIndex() + "): expected " + ACCEPTED);
        }
        String host = parsed.getHost();
        if (host == null || host.isBlank()) {
            throw new DatabaseUnavailableException(setting + " has no host: expected " + ACCEPTED);
        }
        int port = parsed.getPort() > 0 ? parsed.getPort() : 5432;
        String path = parsed.getRawPath() == null ? "" : parsed.getRawPath();
        String database = path.startsWith("/") && path.length() > 1 ? decode(path.substring(1)) : "postgres";

        String uriUser = null;
        String uriPassword = null;
        if (parsed.getRawUserInfo() != null) {
            String[] parts = parsed.getRawUserInfo().split(":", 2);
            uriUser = decode(parts[0]);
            uriPassword = parts.length > 1 ? decode(parts[1]) : null;
        }
        String query = parsed.getRawQuery();
        String queryUser = queryParameter(query, "user");
        String queryPassword = queryParameter(query, "password");

        String jdbcUrl = "jdbc:postgresql://" + host + ":" + port + "/" + database
                + (query == null ? "" : "?" + withoutCredentials(query));
        return new DatabaseTarget(jdbcUrl,
                firstNonBlank(uriUser, queryUser, user),
                firstNonBlank(uriPassword, queryPassword, password),
                host + ":" + port, database);
    }

    /** For messages and logs: host, port and database, never the credentials. */
    public String describe() {
        return database + " at " + host + (user == null ? "" : " as " + user);
    }

    @Override
    public String toString() {
        return "DatabaseTarget[" + describe() + "]";
    }

    private static String withoutCredentials(String query) {
        StringBuilder kept = new StringBuilder();
        for (String pair : query.split("&")) {
            String key = pair.split("=", 2)[0];
            if (key.equals("user") || key.equals("password")) {
                continue;
            }
            if (!kept.isEmpty()) {
                kept.append('&');
            }
            kept.append(pair);
        }
        return kept.toString();
    }

    private static String queryParameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name) && kv.length == 2) {
                return decode(kv[1]);
            }
        }
        return null;
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}

package com.promptforge.batch.db;

import com.promptforge.batch.core.ConsoleText;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Where the database is: a JDBC URL plus credentials, parsed from {@code PF_DB_URL} (either a
 * {@code jdbc:postgresql://} URL or the {@code postgresql://user:pass@host:port/db} URI that the Supabase
 * dashboard shows) and {@code PF_DB_USER} / {@code PF_DB_PASSWORD}.
 *
 * <p>User, password, database name and query values are percent-decoded as RFC 3986 says (as libpq reads such a
 * URI): {@code %2B} and {@code +} are both a plus sign, never a space. The decoded database name is encoded again
 * for the JDBC URL, so that a {@code %3F} ({@code ?}) or {@code %26} ({@code &}) in it stays part of the name and
 * cannot add driver parameters.
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
        String database = path.startsWith("/") && path.length() > 1
                ? decode(setting, "database name", path.substring(1)) : "postgres";

        String uriUser = null;
        String uriPassword = null;
        if (parsed.getRawUserInfo() != null) {
            String[] parts = parsed.getRawUserInfo().split(":", 2);
            uriUser = decode(setting, "user", parts[0]);
            uriPassword = parts.length > 1 ? decode(setting, "password", parts[1]) : null;
        }
        String query = parsed.getRawQuery();
        String queryUser = queryParameter(setting, query, "user");
        String queryPassword = queryParameter(setting, query, "password");

        String jdbcUrl = "jdbc:postgresql://" + host + ":" + port + "/" + encode(database)
                + (query == null ? "" : "?" + withoutCredentials(setting, query));
        return new DatabaseTarget(jdbcUrl,
                firstNonBlank(uriUser, queryUser, user),
                firstNonBlank(uriPassword, queryPassword, password),
                host + ":" + port, database);
    }

    /** For messages and logs: host, port and database, never the credentials; control characters escaped. */
    public String describe() {
        return ConsoleText.safe(database + " at " + host + (user == null ? "" : " as " + user));
    }

    @Override
    public String toString() {
        return "DatabaseTarget[" + describe() + "]";
    }

    /** The driver parameters but the credentials, each name and value decoded and encoded again for pgjdbc. */
    private static String withoutCredentials(String setting, String query) {
        StringBuilder kept = new StringBuilder();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            String key = decode(setting, "parameter name", kv[0]);
            if (key.equals("user") || key.equals("password")) {
                continue;
            }
            if (!kept.isEmpty()) {
                kept.append('&');
            }
            kept.append(encode(key));
            if (kv.length == 2) {
                kept.append('=').append(encode(decode(setting, "parameter " + key, kv[1])));
            }
        }
        return kept.toString();
    }

    private static String queryParameter(String setting, String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2 && decode(setting, "parameter name", kv[0]).equals(name)) {
                return decode(setting, "parameter " + name, kv[1]);
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

    /**
     * RFC 3986 percent-decoding as UTF-8: {@code %XX} is a byte, every other character stands for itself ({@code +}
     * included; form decoding would make it a space). A malformed escape is one line naming the part, not its value
     * (it may be the password).
     */
    static String decode(String setting, String part, String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (i + 2 >= value.length() || !HexFormat.isHexDigit(value.charAt(i + 1))
                    || !HexFormat.isHexDigit(value.charAt(i + 2))) {
                throw new DatabaseUnavailableException(setting + ": the " + part + " has a '%' that is not followed "
                        + "by two hex digits: write a literal % as %25");
            }
            bytes.write(HexFormat.fromHexDigits(value, i + 1, i + 3));
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new DatabaseUnavailableException(setting + ": the " + part + " is not UTF-8 once percent-decoded");
        }
    }

    /**
     * Percent-encodes all but RFC 3986's unreserved characters, so that pgjdbc, which decodes the database name and
     * each parameter value of its URL (form decoding: {@code +} would be a space), gets back exactly {@code value}.
     */
    static String encode(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                encoded.append(c);
            } else {
                encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return encoded.toString();
    }
}

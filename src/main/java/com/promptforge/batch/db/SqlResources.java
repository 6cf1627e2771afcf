package com.promptforge.batch.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * The one reader of the project's SQL resources. A feature's statements live in
 * {@code src/main/resources/com/promptforge/batch/<feature>/sql/}, one statement per file; a part that several
 * statements share lives in a file whose name starts with {@code _} and is taken in by a line
 * {@code -- include: _name.sql} (the only text this reader puts into a statement). Values are named parameters
 * ({@code :org}), bound by the caller with Spring's {@code NamedParameterJdbcTemplate}, or with {@link #prepare}
 * where the statement must stay open beyond one call (a cursor read slice by slice).
 */
public final class SqlResources {

    private static final Pattern INCLUDE = Pattern.compile("(?m)^[ \\t]*-- include: (\\S+)[ \\t]*$");

    private SqlResources() {
    }

    /** {@code <feature>/sql/<file>} of {@code feature}'s package: one statement, its shared parts taken in. */
    public static String statement(Class<?> feature, String file) {
        String text = resolve(folder(feature), file);
        String statement = text.strip();
        return statement.endsWith(";") ? statement.substring(0, statement.length() - 1) : statement;
    }

    /**
     * A file of several statements (the generator's scripts), each ending with a line that ends in a semicolon
     * (function bodies stay on one line). {@code ${name}} is replaced by the whole number {@code numbers} maps it
     * to: for values inside function bodies, where no parameter can be bound.
     */
    public static List<String> script(Class<?> feature, String file, Map<String, Long> numbers) {
        String text = resolve(folder(feature), file);
        for (Map.Entry<String, Long> number : numbers.entrySet()) {
            text = text.replace("${" + number.getKey() + "}", Long.toString(number.getValue()));
        }
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.startsWith("--") && current.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException(folder(feature) + file + " ends without a semicolon");
        }
        return List.copyOf(statements);
    }

    /**
     * The statement prepared on the caller's connection with its named parameters bound from {@code values} (a null
     * binds an untyped null, typed by the statement's cast): for a cursor the caller reads and closes itself.
     */
    public static PreparedStatement prepare(Connection connection, String sql, SqlParameterSource values)
            throws SQLException {
        ParsedSql parsed = NamedParameterUtils.parseSqlStatement(sql);
        PreparedStatement statement = connection.prepareStatement(
                NamedParameterUtils.substituteNamedParameters(parsed, values));
        try {
            Object[] bound = NamedParameterUtils.buildValueArray(parsed, values, null);
            for (int i = 0; i < bound.length; i++) {
                if (bound[i] == null) {
                    statement.setNull(i + 1, Types.OTHER);
                } else {
                    statement.setObject(i + 1, bound[i]);
                }
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /**
     * The identifier quoted for SQL text ({@code "name"}, inner quotes doubled): the one way an identifier that
     * must vary (a schema found at run time) goes into a statement.
     */
    public static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** Any text resource of the jar, by its path from the root ({@code db/schema-fingerprints.txt}). */
    public static String text(String path) {
        try (InputStream in = SqlResources.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + path + " in the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String folder(Class<?> feature) {
        return feature.getPackageName().replace('.', '/') + "/sql/";
    }

    private static String resolve(String folder, String file) {
        String text = text(folder + file);
        Matcher include = INCLUDE.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (include.find()) {
            String part = include.group(1);
            if (!part.startsWith("_")) {
                throw new IllegalStateException(folder + file + " includes " + part
                        + ": only shared parts, named _<name>.sql, are included");
            }
            include.appendReplacement(resolved, Matcher.quoteReplacement(resolve(folder, part).stripTrailing()));
        }
        include.appendTail(resolved);
        return resolved.toString();
    }
}

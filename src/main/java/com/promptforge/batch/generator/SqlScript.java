package com.promptforge.batch.generator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One of the generator's .sql resources as its statements. A statement ends with a line that ends in a semicolon
 * (the files keep function bodies on one line). {@code ${seed}} is replaced by the seed, a whole number; the
 * statements' other values are named bind parameters.
 */
record SqlScript(String name, List<String> statements) {

    static SqlScript load(String name, long seed) {
        String text;
        try (InputStream in = SqlScript.class.getResourceAsStream("/generator/" + name)) {
            if (in == null) {
                throw new IllegalStateException("generator/" + name + " is missing from the jar");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        text = text.replace("${seed}", Long.toString(seed));
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
            throw new IllegalStateException("generator/" + name + " ends without a semicolon");
        }
        return new SqlScript(name, List.copyOf(statements));
    }
}

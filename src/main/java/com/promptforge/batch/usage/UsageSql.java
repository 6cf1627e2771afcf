package com.promptforge.batch.usage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads one statement of this feature from {@code com/promptforge/batch/usage/sql/<name>.sql}. A stand-in until
 * the one loader of {@code db} exists (branch sqlshape); the integrator switches the callers to it.
 */
final class UsageSql {

    private UsageSql() {
    }

    static String read(String name) {
        String path = "sql/" + name + ".sql";
        try (InputStream in = UsageSql.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource com/promptforge/batch/usage/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

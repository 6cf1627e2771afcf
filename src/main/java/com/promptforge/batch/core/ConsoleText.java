package com.promptforge.batch.core;

import java.util.function.Consumer;

/**
 * Text from data (org names and slugs, parameter values echoed back, the database's error messages) made safe for
 * one line of a terminal or a log: a newline in an org name cannot forge a log line, an ESC sequence cannot move the
 * cursor or recolour the screen, a bidi override cannot reorder what is shown. Control characters (C0, DEL, C1),
 * line and paragraph separators and bidi controls are written as escapes: {@code \n}, {@code \r}, {@code \t},
 * {@code \x1B}, {@code \u202E}. A backslash is left as it is (paths, regular expressions), so an escape is told
 * from a name that spells one only by context; what matters is that no line can be forged.
 */
public final class ConsoleText {

    private ConsoleText() {
    }

    public static String safe(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder safe = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escape = escape(c);
            if (escape != null && safe == null) {
                safe = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (safe != null) {
                safe.append(escape != null ? escape : String.valueOf(c));
            }
        }
        return safe == null ? text : safe.toString();
    }

    /** {@code output} receiving each line made {@link #safe(String)}: for the lines a job prints about its data. */
    public static Consumer<String> lines(Consumer<String> output) {
        return line -> output.accept(safe(line));
    }

    private static String escape(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> {
                if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                    yield String.format("\\x%02X", (int) c);
                }
                boolean separatorOrBidi = c == '\u061c' || c == '\u200e' || c == '\u200f'
                        || (c >= '\u2028' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
                yield separatorOrBidi ? String.format("\\u%04X", (int) c) : null;
            }
        };
    }
}

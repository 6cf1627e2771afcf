package com.promptforge.batch.spreadsheet;

/**
 * The text rules every cell and sheet name goes through, so that data from users can neither break
 * the file (characters XML 1.0 forbids, over-long cells) nor turn into a formula when someone edits it.
 */
final class SafeText {

    /** Excel's limit on the characters (UTF-16 units) of one cell. */
    static final int MAX_CELL_CHARS = 32_767;
    static final String TRUNCATION_MARKER = "… [truncated]";
    /** Excel's limit on the length of a sheet name. */
    static final int MAX_SHEET_NAME_CHARS = 31;
    private static final String SHEET_NAME_FORBIDDEN = "[]:*?/\\";

    private SafeText() {
    }

    /** The text with characters illegal in XML 1.0 removed and cut to Excel's cell limit. */
    static String cell(String text) {
        return truncate(stripIllegalXml(text));
    }

    /**
     * Whether Excel would read the text as a formula (or a DDE payload) if a user edited the cell, so it
     * needs the quote prefix. Full-width forms count too: some input methods turn them into ASCII.
     */
    static boolean looksLikeFormula(String text) {
        if (text.isEmpty()) {
            return false;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20' -> true;
            default -> false;
        };
    }

    /** Removes what XML 1.0 does not allow: C0 controls but tab/LF/CR, lone surrogates, U+FFFE, U+FFFF. */
    static String stripIllegalXml(String text) {
        int first = firstIllegal(text, 0);
        if (first < 0) {
            return text;
        }
        StringBuilder kept = new StringBuilder(text.length());
        kept.append(text, 0, first);
        int i = first;
        while (i < text.length()) {
            int width = legalWidthAt(text, i);
            if (width > 0) {
                kept.append(text, i, i + width);
                i += width;
            } else {
                i++;
            }
        }
        return kept.toString();
    }

    private static int firstIllegal(String text, int from) {
        int i = from;
        while (i < text.length()) {
            int width = legalWidthAt(text, i);
            if (width == 0) {
                return i;
            }
            i += width;
        }
        return -1;
    }

    /** How many chars the legal character at {@code i} takes (1, or 2 for a surrogate pair), 0 if illegal. */
    private static int legalWidthAt(String text, int i) {
        char c = text.charAt(i);
        if (c >= 0x20 && c < 0xD800) {
            return 1;
        }
        if (c == '\t' || c == '\n' || c == '\r') {
            return 1;
        }
        if (c >= 0xE000 && c <= 0xFFFD) {
            return 1;
        }
        if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            return 2;
        }
        return 0;
    }

    /** Cuts text longer than a cell may hold, ending it with a marker, and never splits a surrogate pair. */
    static String truncate(String text) {
        if (text.length() <= MAX_CELL_CHARS) {
            return text;
        }
        int keep = MAX_CELL_CHARS - TRUNCATION_MARKER.length();
        if (Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        return text.substring(0, keep) + TRUNCATION_MARKER;
    }

    /**
     * A sheet name Excel accepts: without []:*?/\ and XML-illegal characters, not starting or ending with
     * an apostrophe, not empty, not the reserved "History", at most 31 characters.
     */
    static String sheetName(String name) {
        StringBuilder kept = new StringBuilder(name.length());
        String legal = stripIllegalXml(name);
        for (int i = 0; i < legal.length(); i++) {
            char c = legal.charAt(i);
            if (SHEET_NAME_FORBIDDEN.indexOf(c) < 0) {
                kept.append(c);
            }
        }
        String result = limit(kept.toString(), MAX_SHEET_NAME_CHARS);
        result = trimApostrophes(result);
        if (result.isBlank()) {
            return "Sheet";
        }
        return result.equalsIgnoreCase("History") ? result + "_" : result;
    }

    /** The name of the {@code part}-th sheet of a rolled-over sheet: "name (2)", cut so it fits 31 chars. */
    static String sheetPartName(String baseName, int part) {
        String suffix = " (" + part + ")";
        return trimApostrophes(limit(baseName, MAX_SHEET_NAME_CHARS - suffix.length())) + suffix;
    }

    private static String limit(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int keep = maxChars;
        if (Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        return text.substring(0, keep);
    }

    private static String trimApostrophes(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == '\'') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == '\'') {
            end--;
        }
        return text.substring(start, end);
    }
}

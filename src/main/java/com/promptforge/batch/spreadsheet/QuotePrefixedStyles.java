package com.promptforge.batch.spreadsheet;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Commits a workbook fastexcel wrote: copies its zip entry by entry into the target, the compressed entries as they are
 * (never inflated), rewriting only the small {@code xl/styles.xml} so that the cell formats marked by
 * {@link FastexcelLooks#QUOTE_MARKER} carry {@code quotePrefix="1"} instead (text that looks like a formula stays
 * text when a user edits it). Costs about the I/O of one copy of the file.
 */
final class QuotePrefixedStyles {

    static final String STYLES = "xl/styles.xml";
    /** A cell format with the marker (after its alignment, if any): fastexcel's {@code Style.write}. */
    private static final Pattern MARKED = Pattern.compile(
            "<xf ([^>]*?) applyProtection=\"1\">((?:<alignment[^>]*/>)?)" + Pattern.quote(FastexcelLooks.QUOTE_MARKER)
                    + "</xf>");

    private QuotePrefixedStyles() {
    }

    /** Copies {@code from} to {@code target} (replaced), styles rewritten, flushed to disk. */
    static void copy(Path from, Path target) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(from).get();
             FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            ZipArchiveOutputStream out = new ZipArchiveOutputStream(channel);
            for (ZipArchiveEntry entry : Collections.list(zip.getEntriesInPhysicalOrder())) {
                if (entry.getName().equals(STYLES)) {
                    String xml = new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                    out.putArchiveEntry(new ZipArchiveEntry(STYLES));
                    out.write(quotePrefixed(xml).getBytes(StandardCharsets.UTF_8));
                    out.closeArchiveEntry();
                } else {
                    out.addRawArchiveEntry(entry, zip.getRawInputStream(entry));
                }
            }
            out.finish();
            // On disk before a report's commit renames it.
            channel.force(true);
        }
    }

    /** The styles with every marked cell format quote-prefixed and unmarked. */
    static String quotePrefixed(String styles) {
        Matcher marked = MARKED.matcher(styles);
        StringBuilder result = new StringBuilder(styles.length() + 64);
        while (marked.find()) {
            String attributes = marked.group(1);
            String alignment = marked.group(2);
            String xf = alignment.isEmpty()
                    ? "<xf " + attributes + " quotePrefix=\"1\"/>"
                    : "<xf " + attributes + " quotePrefix=\"1\">" + alignment + "</xf>";
            marked.appendReplacement(result, Matcher.quoteReplacement(xf));
        }
        marked.appendTail(result);
        return result.toString();
    }
}

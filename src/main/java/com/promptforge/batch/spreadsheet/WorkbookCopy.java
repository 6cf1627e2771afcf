package com.promptforge.batch.spreadsheet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Commits a workbook fastexcel wrote: copies its zip entry by entry into the target, the compressed entries as they are
 * (never inflated), rewriting only what fastexcel cannot write: {@code xl/styles.xml}, so that the cell formats marked
 * by {@link FastexcelLooks#QUOTE_MARKER} carry {@code quotePrefix="1"} instead (text that looks like a formula stays
 * text when a user edits it), and the first sheet's view, which gets {@code tabSelected="1"} (Excel and Calc open on
 * it, its tab the one selected). Costs about the I/O of one copy of the file, plus the first sheet's inflate and
 * deflate (the summary: a few dozen rows).
 */
final class WorkbookCopy {

    static final String STYLES = "xl/styles.xml";
    /** fastexcel names a sheet's part after its place in the workbook. */
    static final String FIRST_SHEET = "xl/worksheets/sheet1.xml";
    private static final byte[] SHEET_VIEW = "<sheetView ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SELECTED = "tabSelected=\"1\" ".getBytes(StandardCharsets.US_ASCII);
    /** fastexcel writes the sheet view within the first few hundred bytes. */
    private static final int HEAD_BYTES = 4096;
    /** A cell format with the marker (after its alignment, if any): fastexcel's {@code Style.write}. */
    private static final Pattern MARKED = Pattern.compile(
            "<xf ([^>]*?) applyProtection=\"1\">((?:<alignment[^>]*/>)?)" + Pattern.quote(FastexcelLooks.QUOTE_MARKER)
                    + "</xf>");

    private WorkbookCopy() {
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
                } else if (entry.getName().equals(FIRST_SHEET)) {
                    out.putArchiveEntry(new ZipArchiveEntry(FIRST_SHEET));
                    try (InputStream in = zip.getInputStream(entry)) {
                        selected(in, out);
                    }
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

    /** Copies a sheet, its first sheet view made the selected one. */
    static void selected(InputStream sheet, OutputStream out) throws IOException {
        byte[] head = sheet.readNBytes(HEAD_BYTES);
        int view = indexOf(head, SHEET_VIEW);
        if (view < 0) {
            throw new IOException(FIRST_SHEET + " has no <sheetView> in its first " + HEAD_BYTES + " bytes");
        }
        int insert = view + SHEET_VIEW.length;
        out.write(head, 0, insert);
        out.write(SELECTED);
        out.write(head, insert, head.length - insert);
        sheet.transferTo(out);
    }

    private static int indexOf(byte[] bytes, byte[] wanted) {
        for (int i = 0; i + wanted.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + wanted.length, wanted, 0, wanted.length)) {
                return i;
            }
        }
        return -1;
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

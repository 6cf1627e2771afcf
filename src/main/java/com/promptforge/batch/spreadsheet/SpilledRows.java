package com.promptforge.batch.spreadsheet;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The rows of a sheet that cannot stream yet (fastexcel writes one sheet at a time), kept as they came: in memory up
 * to {@value #IN_MEMORY_BYTES} bytes, then in a temp file in this process's scratch folder, so memory stays flat
 * however many rows wait. {@link #replay} gives them to the sheet when its turn comes.
 */
final class SpilledRows {

    static final int IN_MEMORY_BYTES = 1 << 20;
    private static final byte TEXT = 1;
    private static final byte LONG_TEXT = 2;
    private static final byte NUMBER = 3;
    private static final byte FALSE = 4;
    private static final byte TRUE = 5;
    private static final byte END_ROW = 6;
    /** writeUTF takes at most 65,535 bytes: 21,845 chars of 3 bytes each. */
    private static final int MAX_SHORT_TEXT = 21_845;
    private static final Look[] LOOKS = Look.values();

    private final Spill spill = new Spill();
    private final DataOutputStream out = new DataOutputStream(new BufferedOutputStream(spill, 1 << 16));
    private long rows;

    long rows() {
        return rows;
    }

    void text(int column, String text, Look look) {
        try {
            if (text.length() <= MAX_SHORT_TEXT) {
                out.writeByte(TEXT);
                cell(column, look);
                out.writeUTF(text);
            } else {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                out.writeByte(LONG_TEXT);
                cell(column, look);
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        } catch (IOException e) {
            throw failed(e);
        }
    }

    void number(int column, double value, Look look) {
        try {
            out.writeByte(NUMBER);
            cell(column, look);
            out.writeDouble(value);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    void bool(int column, boolean value) {
        try {
            out.writeByte(value ? TRUE : FALSE);
            out.writeShort(column);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    void endRow() {
        try {
            out.writeByte(END_ROW);
            rows++;
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private void cell(int column, Look look) throws IOException {
        out.writeShort(column);
        out.writeByte(look.ordinal());
    }

    /** Gives every row to {@code part}, in order, then frees what they took. */
    void replay(WorkbookEngine.DataPart part) {
        try {
            out.flush();
            try (DataInputStream in = new DataInputStream(spill.read())) {
                for (long row = 0; row < rows; ) {
                    byte op = in.readByte();
                    switch (op) {
                        case TEXT -> {
                            int column = in.readUnsignedShort();
                            Look look = LOOKS[in.readByte()];
                            part.text(column, in.readUTF(), look);
                        }
                        case LONG_TEXT -> {
                            int column = in.readUnsignedShort();
                            Look look = LOOKS[in.readByte()];
                            byte[] bytes = new byte[in.readInt()];
                            in.readFully(bytes);
                            part.text(column, new String(bytes, StandardCharsets.UTF_8), look);
                        }
                        case NUMBER -> {
                            int column = in.readUnsignedShort();
                            Look look = LOOKS[in.readByte()];
                            part.number(column, in.readDouble(), look);
                        }
                        case FALSE, TRUE -> part.bool(in.readUnsignedShort(), op == TRUE);
                        case END_ROW -> {
                            part.endRow();
                            row++;
                        }
                        default -> throw new IOException("spilled rows are corrupt: operation " + op);
                    }
                }
            }
        } catch (IOException e) {
            throw failed(e);
        } finally {
            discard();
        }
    }

    /** Deletes the temp file, if any. */
    void discard() {
        try {
            spill.discard();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private UncheckedIOException failed(IOException e) {
        return new UncheckedIOException("cannot hold a sheet's rows in a temp file: " + e.getMessage(), e);
    }

    /** Bytes in memory up to {@link #IN_MEMORY_BYTES}, then in a temp file. */
    private static final class Spill extends OutputStream {

        private byte[] memory = new byte[8192];
        private int size;
        private Path file;
        private OutputStream fileOut;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (fileOut == null && size + length > IN_MEMORY_BYTES) {
                file = FastexcelWorkbook.scratchFile("spilled-rows-", ".bin");
                fileOut = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                fileOut.write(memory, 0, size);
                memory = null;
            }
            if (fileOut != null) {
                fileOut.write(bytes, offset, length);
                return;
            }
            if (size + length > memory.length) {
                memory = Arrays.copyOf(memory, Math.max(size + length, Math.min(2 * memory.length, IN_MEMORY_BYTES)));
            }
            System.arraycopy(bytes, offset, memory, size, length);
            size += length;
        }

        InputStream read() throws IOException {
            if (fileOut == null) {
                return new ByteArrayInputStream(memory, 0, size);
            }
            fileOut.close();
            return new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        }

        void discard() throws IOException {
            memory = null;
            if (fileOut != null) {
                fileOut.close();
            }
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }
}

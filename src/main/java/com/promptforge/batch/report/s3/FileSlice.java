package com.promptforge.batch.report.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code length} bytes of a file from {@code offset}, as a stream: one part of a multipart upload. */
final class FileSlice extends InputStream {

    private final SeekableByteChannel channel;
    private long remaining;

    private FileSlice(SeekableByteChannel channel, long remaining) {
        this.channel = channel;
        this.remaining = remaining;
    }

    /** Opens a new stream over the slice (the SDK opens one per attempt). */
    static InputStream open(Path file, long offset, long length) {
        try {
            SeekableByteChannel channel = Files.newByteChannel(file);
            channel.position(offset);
            return new FileSlice(channel, length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int n = channel.read(ByteBuffer.wrap(buffer, offset, (int) Math.min(length, remaining)));
        if (n > 0) {
            remaining -= n;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}

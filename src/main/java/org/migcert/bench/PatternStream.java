package org.migcert.bench;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.SplittableRandom;

/**
 * A stream of {@code length} bytes cut from one fixed pseudo-random block: states of any size
 * for the bench without holding them (only the 64 KiB block lives in memory), and bytes no
 * transport could compress or recognise. It is also a channel, so that a server fills its
 * direct reply buffer from the block in one copy.
 */
final class PatternStream extends InputStream implements ReadableByteChannel {
    static final int BLOCK = 64 * 1024;
    private static final byte[] PATTERN = pattern();

    private final long length;
    private long pos;

    PatternStream(long length) {
        this.length = length;
    }

    private static byte[] pattern() {
        byte[] b = new byte[BLOCK];
        new SplittableRandom(0x6d696763L).nextBytes(b);
        return b;
    }

    /** Fills {@code dst[off, off+len)} with the pattern bytes that start at stream position {@code at}. */
    static void fill(byte[] dst, int off, int len, long at) {
        while (len > 0) {
            int from = (int) (at % BLOCK);
            int n = Math.min(len, BLOCK - from);
            System.arraycopy(PATTERN, from, dst, off, n);
            off += n;
            len -= n;
            at += n;
        }
    }

    @Override
    public int read() {
        if (pos >= length) {
            return -1;
        }
        return PATTERN[(int) (pos++ % BLOCK)] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (pos >= length) {
            return -1;
        }
        int n = (int) Math.min(len, length - pos);
        fill(b, off, n, pos);
        pos += n;
        return n;
    }

    @Override
    public int read(ByteBuffer dst) {
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (pos >= length) {
            return -1;
        }
        int n = (int) Math.min(dst.remaining(), length - pos);
        for (int left = n; left > 0; ) {
            int from = (int) (pos % BLOCK);
            int k = Math.min(left, BLOCK - from);
            dst.put(PATTERN, from, k);
            pos += k;
            left -= k;
        }
        return n;
    }

    @Override
    public boolean isOpen() {
        return true;
    }
}

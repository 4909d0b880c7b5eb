package org.migcert.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.migcert.adapter.DeviceInstance;

/**
 * Bridges a device's migration data channel to Java streams, chunk by chunk, so states of any
 * size flow from a source through a mutation into a destination without being held whole.
 */
public final class StateStreams {
    /** Chunk size of one MIG_DATA_READ/WRITE: vfio-user's default max_data_xfer_size. */
    public static final int CHUNK = 1 << 20;

    private StateStreams() {
    }

    /**
     * The device's saved state as a stream: each read is one data read; a short read ends the
     * stream (FSM-4). The device must already be in a saving state.
     */
    public static InputStream saving(DeviceInstance device) {
        return new InputStream() {
            private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK).flip();
            private boolean ended;

            /** Whether a byte is ready, reading the next chunk when none is. */
            private boolean fill() {
                if (!chunk.hasRemaining() && !ended) {
                    int n = device.readData(chunk.clear());
                    chunk.flip();
                    ended = n < CHUNK;
                }
                return chunk.hasRemaining();
            }

            @Override
            public int read() {
                return fill() ? chunk.get() & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                if (!fill()) {
                    return -1;
                }
                int n = Math.min(len, chunk.remaining());
                chunk.get(b, off, n);
                return n;
            }
        };
    }

    /**
     * A stream whose bytes are written to the device in chunks; the device must be RESUMING. Whole
     * chunks written at once go to the device from the caller's array, without a copy.
     */
    public static OutputStream loading(DeviceInstance device) {
        return new OutputStream() {
            private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK);

            @Override
            public void write(int b) {
                chunk.put((byte) b);
                if (!chunk.hasRemaining()) {
                    flush();
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (chunk.position() == 0 && len >= CHUNK) {
                    int whole = len - len % CHUNK;
                    device.writeData(ByteBuffer.wrap(b, off, whole));
                    off += whole;
                    len -= whole;
                }
                while (len > 0) {
                    int n = Math.min(len, chunk.remaining());
                    chunk.put(b, off, n);
                    off += n;
                    len -= n;
                    if (!chunk.hasRemaining()) {
                        flush();
                    }
                }
            }

            @Override
            public void close() {
                flush();
            }

            @Override
            public void flush() {
                chunk.flip();
                if (chunk.hasRemaining()) {
                    device.writeData(chunk);
                }
                chunk.clear();
            }
        };
    }

    /**
     * Copies at most {@code max} bytes (fewer when the input ends first) and returns how many: the
     * one bounded copy used wherever a state of unknown, possibly huge size is read.
     */
    public static long copyAtMost(InputStream in, OutputStream out, long max) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long n = 0;
        int r;
        while (n < max && (r = in.read(buf, 0, (int) Math.min(buf.length, max - n))) > 0) {
            out.write(buf, 0, r);
            n += r;
        }
        return n;
    }
}

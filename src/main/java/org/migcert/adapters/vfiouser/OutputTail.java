package org.migcert.adapters.vfiouser;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The last bytes a program wrote to one of its output streams: a bounded ring buffer, written
 * directly (a program in this JVM) or fed by a daemon pump thread (a process's pipe). A device
 * program may print without end; keeping only the tail bounds memory while keeping what matters
 * as evidence (the reason it refused, the message before a crash).
 */
public final class OutputTail extends OutputStream {
    /** What is kept per stream: enough for any error message, small enough for many instances. */
    public static final int DEFAULT_CAPACITY = 64 * 1024;

    private final byte[] ring;
    private long written;
    /** The thread draining a pipe into this tail; null when the program writes here itself. */
    private final Thread pump;

    /** A tail the program writes to directly (public: the container adapter keeps its containers' logs in one). */
    public OutputTail(int capacity) {
        this(capacity, null, null);
    }

    private OutputTail(int capacity, InputStream in, String threadName) {
        this.ring = new byte[capacity];
        this.pump = in == null ? null : new Thread(() -> pumpFrom(in), threadName);
    }

    /** Starts draining {@code in} into a new tail of {@link #DEFAULT_CAPACITY} bytes. */
    static OutputTail drain(InputStream in, String threadName) {
        return drain(in, DEFAULT_CAPACITY, threadName);
    }

    static OutputTail drain(InputStream in, int capacity, String threadName) {
        OutputTail tail = new OutputTail(capacity, in, threadName);
        tail.pump.setDaemon(true);
        tail.pump.start();
        return tail;
    }

    private void pumpFrom(InputStream in) {
        try (in) {
            in.transferTo(this);
        } catch (IOException e) {
            // The stream closes when the process is destroyed: what was read is all there is.
        }
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] buf, int off, int n) {
        for (int i = 0; i < n; i++) {
            ring[(int) (written++ % ring.length)] = buf[off + i];
        }
    }

    /**
     * Waits up to {@code millis} for the pump to reach the end of the stream, so a tail read
     * after the process exited holds its last words. Returns at once for a directly written tail.
     */
    void awaitEnd(long millis) {
        if (pump == null) {
            return;
        }
        try {
            pump.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until the pump has taken nothing new for {@code quietMillis}, at most {@code maxMillis}:
     * what a program still running wrote just before it misbehaved may still be in its pipe.
     * Returns at once for a directly written tail.
     */
    void settle(long quietMillis, long maxMillis) {
        if (pump == null) {
            return;
        }
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        try {
            for (long seen = -1; seen != written() && System.nanoTime() < deadline; ) {
                seen = written();
                Thread.sleep(quietMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized long written() {
        return written;
    }

    /** True while nothing was dropped: the tail is the whole output. */
    synchronized boolean complete() {
        return written <= ring.length;
    }

    /** The kept bytes as text, prefixed with how much was dropped when the ring overflowed. */
    public synchronized String text() {
        int kept = (int) Math.min(written, ring.length);
        byte[] out = new byte[kept];
        long start = written - kept;
        for (int i = 0; i < kept; i++) {
            out[i] = ring[(int) ((start + i) % ring.length)];
        }
        String s = new String(out, StandardCharsets.UTF_8);
        return start == 0 ? s : "[" + start + " earlier bytes dropped]\n" + s;
    }
}

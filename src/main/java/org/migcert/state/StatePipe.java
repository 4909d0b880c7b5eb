package org.migcert.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.migcert.adapter.DeviceException;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.DeviceInstance;

/**
 * The unchanged path of a state from a saving device into a resuming one: each data read of the
 * source, up to its short read, is written as it came to the destination, so the state is never
 * held whole and no byte is copied inside the harness.
 *
 * <p>The first chunk is read and written on the calling thread: a state that fits in it (most
 * device states) costs one buffer and no thread. A longer state is pipelined: a reader thread
 * reads the next chunks from the source while the calling thread writes the previous ones to the
 * destination, {@value #DEPTH} chunks of {@link #PIPELINED_CHUNK} bytes in flight at most, so
 * memory stays bounded whatever the state's size. Those chunks are larger than the first: each
 * read of one is a run of data messages a vfio-user client can keep in flight together. Reads and writes happen in stream order, and so do their failures: a failure of
 * the source is reported once every chunk read before it is written, exactly as a sequential copy
 * would report it.
 */
public final class StatePipe {
    /** Chunks in flight while pipelining: one being read, one being written, one ready. */
    static final int DEPTH = 3;
    /** Size of a pipelined chunk: four vfio-user messages of the default size. */
    public static final int PIPELINED_CHUNK = 4 * StateStreams.CHUNK;
    /** How often a wait for the reader looks again whether it still lives. */
    private static final long POLL_MILLIS = 100;

    private StatePipe() {
    }

    /** A failure of the source while it was read; its cause is the device's exception. */
    public static final class SourceFailed extends IOException {
        SourceFailed(DeviceException cause) {
            super(cause.getMessage(), cause);
        }

        @Override
        public synchronized DeviceException getCause() {
            return (DeviceException) super.getCause();
        }
    }

    /**
     * Streams what the source gives now, up to its short read, into the destination, and returns
     * how many bytes it moved. The source must be saving and the destination resuming.
     *
     * @throws SourceFailed when the source failed (after every chunk it gave before was written)
     * @throws DeviceException when the destination failed; nothing more is read from the source then
     */
    public static long copy(DeviceInstance from, DeviceInstance to) throws SourceFailed {
        ByteBuffer first = ByteBuffer.allocate(StateStreams.CHUNK);
        int n = read(from, first);
        if (n > 0) {
            to.writeData(first.flip());
        }
        return n < StateStreams.CHUNK ? n : n + new Pipelined(from, to).run();
    }

    private static int read(DeviceInstance from, ByteBuffer into) throws SourceFailed {
        try {
            return from.readData(into);
        } catch (DeviceException e) {
            throw new SourceFailed(e);
        }
    }

    /** One chunk read from the source: its bytes (a short one ends the stream), or how reading failed. */
    private record Chunk(ByteBuffer data, DeviceException failure) {
        boolean last() {
            return failure != null || data.limit() < data.capacity();
        }
    }

    /** The rest of a state past its first chunk, read on a thread of its own and written on the caller's. */
    private static final class Pipelined {
        private final DeviceInstance from;
        private final DeviceInstance to;
        private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(DEPTH);
        private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(DEPTH);
        private final Thread reader;
        private volatile boolean stop;

        Pipelined(DeviceInstance from, DeviceInstance to) {
            this.from = from;
            this.to = to;
            for (int i = 0; i < DEPTH; i++) {
                // Direct: the socket of a device program reads into and writes from it without a copy.
                free.add(ByteBuffer.allocateDirect(PIPELINED_CHUNK));
            }
            this.reader = new Thread(this::readAll, "migcert-state-pipe");
            reader.setDaemon(true);
        }

        long run() throws SourceFailed {
            reader.start();
            long moved = 0;
            try {
                while (true) {
                    Chunk c = next();
                    if (c.failure() != null) {
                        throw new SourceFailed(c.failure());
                    }
                    moved += c.data().remaining();
                    if (c.data().hasRemaining()) {
                        to.writeData(c.data());
                    }
                    if (c.last()) {
                        return moved;
                    }
                    free.add(c.data().clear());
                }
            } finally {
                stop = true;
                finishReader();
            }
        }

        /** The next chunk in stream order; waits as long as the reader lives (each of its reads has its device's time limit). */
        private Chunk next() throws SourceFailed {
            try {
                while (true) {
                    Chunk c = filled.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    if (c != null) {
                        return c;
                    }
                    if (!reader.isAlive() && filled.isEmpty()) {
                        throw new IllegalStateException("the state reader ended without a last chunk");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceFailed(new DeviceFailedException(DeviceFailedException.Kind.HUNG,
                        "stopped waiting for the source's state: the harness gave up on this step"));
            }
        }

        /** Reads chunks until the short read, a failure, or the writer stops (a read under way is finished, never cut). */
        private void readAll() {
            try {
                while (!stop) {
                    ByteBuffer b = free.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    if (b == null) {
                        continue;
                    }
                    Chunk c;
                    try {
                        from.readData(b);
                        c = new Chunk(b.flip(), null);
                    } catch (DeviceException e) {
                        c = new Chunk(b, e);
                    }
                    filled.add(c);
                    if (c.last()) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                // The writer gave up on this step: stop reading.
            }
        }

        /**
         * Waits for the reader to end. It ends after its current read, whose time limit is its
         * device's; when the caller is interrupted (its case gave up), the reader is too.
         */
        private void finishReader() {
            boolean interrupted = Thread.interrupted();
            if (interrupted) {
                reader.interrupt();
            }
            while (reader.isAlive()) {
                try {
                    reader.join(POLL_MILLIS);
                } catch (InterruptedException e) {
                    interrupted = true;
                    reader.interrupt();
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

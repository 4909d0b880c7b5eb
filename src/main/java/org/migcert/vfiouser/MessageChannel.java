package org.migcert.vfiouser;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.DeviceFailedException.Kind;

/**
 * A connected vfio-user socket that moves whole messages with deadlines. The socket is
 * non-blocking and every wait goes through a selector, so no read or write outlives its
 * deadline: a silent peer is reported as {@link Kind#HUNG}, a closed or reset one as
 * {@link Kind#CRASHED}. Used by one thread at a time; {@link #close()} may come from any thread.
 */
final class MessageChannel implements AutoCloseable {
    /** Deadline meaning "wait until the peer sends or the channel is closed". */
    static final long NO_DEADLINE = Long.MAX_VALUE;

    private final SocketChannel socket;
    private final Selector selector;
    private final SelectionKey key;
    /** Bound on what {@link #skip} reads at a time; only padding behind data is ever skipped. */
    private static final int SKIP_CHUNK = 4096;

    private final ByteBuffer headerBuf = Payloads.allocate(MessageHeader.SIZE);

    /** Takes ownership of {@code socket}: it is closed here if the channel cannot be set up. */
    MessageChannel(SocketChannel socket) throws IOException {
        this.socket = socket;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        try {
            socket.configureBlocking(false);
            this.key = socket.register(selector, 0);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Connects to a listening UNIX socket.
     *
     * @throws IOException when nothing listens there (the caller may retry: a socket file can exist
     *                     a moment before its server listens)
     */
    static MessageChannel connect(Path socketPath, long deadline) throws IOException {
        MessageChannel ch = new MessageChannel(SocketChannel.open(StandardProtocolFamily.UNIX));
        try {
            if (!ch.socket.connect(UnixDomainSocketAddress.of(socketPath))) {
                while (!ch.socket.finishConnect()) {
                    ch.await(SelectionKey.OP_CONNECT, deadline, "accept the connection");
                }
            }
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** A deadline {@code millis} from now, in {@link System#nanoTime()} terms. */
    static long deadlineIn(long millis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** Sends a header and its payload (the payload's remaining bytes). */
    void send(MessageHeader header, ByteBuffer payload, long deadline) {
        send(header, payload, ByteBuffer.allocate(0), deadline);
    }

    /**
     * Sends a header and a payload in two parts (each part's remaining bytes), in one gathering
     * write: bulk data goes out from where it lies, never copied behind its fixed part.
     */
    void send(MessageHeader header, ByteBuffer fixed, ByteBuffer data, long deadline) {
        headerBuf.clear();
        header.writeTo(headerBuf);
        headerBuf.flip();
        writeFully(new ByteBuffer[] {headerBuf, fixed, data}, deadline);
    }

    /** Writes raw bytes, framing or not (tests use this to send garbage). */
    void writeRaw(ByteBuffer bytes, long deadline) {
        writeFully(new ByteBuffer[] {bytes}, deadline);
    }

    private void writeFully(ByteBuffer[] bufs, long deadline) {
        try {
            long left = 0;
            for (ByteBuffer b : bufs) {
                left += b.remaining();
            }
            while (left > 0) {
                long n = socket.write(bufs);
                left -= n;
                if (n == 0) {
                    await(SelectionKey.OP_WRITE, deadline, "accept data");
                }
            }
        } catch (ClosedChannelException | ClosedSelectorException e) {
            throw new DeviceFailedException(Kind.CRASHED, "connection closed", e);
        } catch (IOException e) {
            throw new DeviceFailedException(Kind.CRASHED, "connection lost while sending: " + e.getMessage(), e);
        }
    }

    /** Reads the next 16-byte header. */
    MessageHeader readHeader(long deadline) {
        headerBuf.clear();
        readFully(headerBuf, deadline);
        headerBuf.flip();
        return MessageHeader.readFrom(headerBuf);
    }

    /** Reads {@code length} payload bytes; the caller has bounded {@code length}. */
    ByteBuffer readPayload(int length, long deadline) {
        ByteBuffer p = Payloads.allocate(length);
        readFully(p, deadline);
        return p.flip();
    }

    /** Reads {@code length} payload bytes into {@code reuse} (from 0) and returns them; the caller has bounded {@code length}. */
    ByteBuffer readPayload(ByteBuffer reuse, int length, long deadline) {
        reuse.clear().limit(length);
        readFully(reuse, deadline);
        return reuse.flip();
    }

    /** Reads and drops {@code length} bytes (padding a reply carries behind its data); the caller has bounded it. */
    void skip(long length, long deadline) {
        ByteBuffer scratch = ByteBuffer.allocate((int) Math.min(length, SKIP_CHUNK));
        for (long left = length; left > 0; left -= scratch.limit()) {
            scratch.clear().limit((int) Math.min(left, SKIP_CHUNK));
            readFully(scratch, deadline);
        }
    }

    /** Reads exactly {@code buf.remaining()} bytes into {@code buf}. */
    void readFully(ByteBuffer buf, long deadline) {
        int start = buf.position();
        try {
            while (buf.hasRemaining()) {
                int n = socket.read(buf);
                if (n < 0) {
                    throw new DeviceFailedException(Kind.CRASHED, buf.position() == start
                            ? "peer closed the connection"
                            : "peer closed the connection after " + (buf.position() - start) + " of "
                                    + (buf.limit() - start) + " bytes");
                }
                if (n == 0) {
                    await(SelectionKey.OP_READ, deadline, "send data");
                }
            }
        } catch (ClosedChannelException | ClosedSelectorException e) {
            throw new DeviceFailedException(Kind.CRASHED, "connection closed", e);
        } catch (IOException e) {
            throw new DeviceFailedException(Kind.CRASHED, "connection lost while receiving: " + e.getMessage(), e);
        }
    }

    private void await(int op, long deadline, String what) throws IOException {
        key.interestOps(op);
        try {
            if (deadline == NO_DEADLINE) {
                selector.select();
            } else {
                long left = deadline - System.nanoTime();
                // Round up so a sub-millisecond remainder still waits instead of spinning.
                if (left <= 0 || selector.select(TimeUnit.NANOSECONDS.toMillis(left) + 1) == 0
                        && deadline - System.nanoTime() <= 0) {
                    throw new DeviceFailedException(Kind.HUNG, "peer did not " + what + " within the time limit");
                }
            }
            // An interrupted thread's select returns at once, so waiting on would spin until the deadline.
            // The harness interrupts only a step it gave up on (past its case's time limit, or the run stopping).
            if (Thread.currentThread().isInterrupted()) {
                throw new DeviceFailedException(Kind.HUNG, "stopped waiting for the peer to " + what
                        + ": the harness gave up on this step");
            }
        } finally {
            selector.selectedKeys().clear();
            if (key.isValid()) {
                key.interestOps(0);
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a socket we are done with: nothing left to save.
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // As above.
        }
    }
}

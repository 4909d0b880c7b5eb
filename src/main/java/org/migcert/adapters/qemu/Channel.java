package org.migcert.adapters.qemu;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.DeviceFailedException.Kind;

/**
 * One UNIX socket to a QEMU process (its QMP monitor, its qtest port, or a migration stream),
 * non-blocking, with every wait bounded by a deadline in {@link System#nanoTime()} terms: a silent
 * QEMU is {@link Kind#HUNG}, a closed one {@link Kind#CRASHED}, a line longer than its bound
 * {@link Kind#PROTOCOL}. Used by one thread at a time; {@link #close()} may come from any thread.
 */
final class Channel implements AutoCloseable {
    private final SocketChannel socket;
    private final Selector selector;
    private final SelectionKey key;
    /** Bytes received and not yet returned by {@link #readLine}, in read mode. */
    private final ByteBuffer pending = ByteBuffer.allocate(64 * 1024).flip();
    private final String peer;

    private Channel(SocketChannel socket, String peer) throws IOException {
        this.socket = socket;
        this.peer = peer;
        Selector s = null;
        try {
            s = Selector.open();
            socket.configureBlocking(false);
            this.key = socket.register(s, 0);
        } catch (IOException | RuntimeException e) {
            socket.close();
            if (s != null) {
                s.close();
            }
            throw e;
        }
        this.selector = s;
    }

    /** A deadline {@code millis} from now. */
    static long deadlineIn(long millis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /**
     * Connects to a socket QEMU listens on.
     *
     * @throws IOException when nothing listens there yet (the caller may retry until its deadline)
     */
    static Channel connect(Path path, String peer) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(path)); // a UNIX connect completes or fails at once
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return new Channel(ch, peer);
    }

    /** A socket the harness listens on for one connection from QEMU (the stream a source saves into). */
    static ServerSocketChannel listen(Path path) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path), 1);
            server.configureBlocking(false);
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Accepts the one connection QEMU makes to {@code server}, then closes the listening socket and
     * removes its file.
     */
    static Channel accept(ServerSocketChannel server, Path path, long deadline, String peer) throws IOException {
        try (server; Selector s = Selector.open()) {
            server.register(s, SelectionKey.OP_ACCEPT);
            while (true) {
                SocketChannel ch = server.accept();
                if (ch != null) {
                    return new Channel(ch, peer);
                }
                waitOn(s, deadline, peer + " did not connect to " + path);
                s.selectedKeys().clear();
            }
        } finally {
            Files.deleteIfExists(path);
        }
    }

    /**
     * Reads one line (without its newline) of at most {@code max} bytes.
     *
     * @throws DeviceFailedException HUNG past the deadline, CRASHED when the peer closed, PROTOCOL when
     *                               the line is longer than {@code max}
     */
    String readLine(int max, long deadline, String what) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            while (pending.hasRemaining()) {
                byte b = pending.get();
                if (b == '\n') {
                    return line.toString(StandardCharsets.UTF_8);
                }
                if (line.size() >= max) {
                    throw new DeviceFailedException(Kind.PROTOCOL, what + ": " + peer + " sent a line longer than "
                            + max + " bytes");
                }
                line.write(b);
            }
            pending.clear();
            int n = readSome(pending, deadline, what);
            pending.flip();
            if (n < 0) {
                throw new DeviceFailedException(Kind.CRASHED, what + ": " + peer + " closed the connection"
                        + (line.size() > 0 ? " in the middle of a line" : ""));
            }
        }
    }

    /**
     * Fills {@code dst} until it is full or the peer ends its stream, and returns how many bytes it
     * got; fewer than asked means the stream has ended.
     */
    int readFully(ByteBuffer dst, long deadline, String what) {
        int total = 0;
        while (dst.hasRemaining()) {
            int n = readSome(dst, deadline, what);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /** One read of what has arrived, waiting (bounded) when nothing has; -1 at the end of the stream. */
    private int readSome(ByteBuffer dst, long deadline, String what) {
        try {
            while (true) {
                int n = socket.read(dst);
                if (n != 0) {
                    return n;
                }
                await(SelectionKey.OP_READ, deadline, what + ": " + peer + " sent nothing");
            }
        } catch (ClosedChannelException | ClosedSelectorException e) {
            throw new DeviceFailedException(Kind.CRASHED, what + ": the connection to " + peer + " was closed", e);
        } catch (IOException e) {
            // ECONNRESET: the peer went away with data unread; for a stream, an end like any other.
            return -1;
        }
    }

    /** Writes all of {@code src}. */
    void write(ByteBuffer src, long deadline, String what) {
        try {
            while (src.hasRemaining()) {
                if (socket.write(src) == 0) {
                    await(SelectionKey.OP_WRITE, deadline, what + ": " + peer + " took no data");
                }
            }
        } catch (ClosedChannelException | ClosedSelectorException e) {
            throw new DeviceFailedException(Kind.CRASHED, what + ": the connection to " + peer + " was closed", e);
        } catch (IOException e) {
            throw new DeviceFailedException(Kind.CRASHED, what + ": " + peer + " closed the connection ("
                    + e.getMessage() + ")", e);
        }
    }

    /** Ends what the harness sends; the peer reads the end of the stream. */
    void shutdownOutput() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            // Already closed by the peer: it has seen the end either way.
        }
    }

    private void await(int op, long deadline, String what) throws IOException {
        key.interestOps(op);
        try {
            waitOn(selector, deadline, what);
        } finally {
            selector.selectedKeys().clear();
            if (key.isValid()) {
                key.interestOps(0);
            }
        }
    }

    /** One bounded select; HUNG once the deadline has passed, or when the harness gave up on this step. */
    private static void waitOn(Selector s, long deadline, String what) throws IOException {
        long left = deadline - System.nanoTime();
        // Rounded up, so a sub-millisecond remainder still waits instead of spinning.
        if (left <= 0 || s.select(TimeUnit.NANOSECONDS.toMillis(left) + 1) == 0 && deadline - System.nanoTime() <= 0) {
            throw new DeviceFailedException(Kind.HUNG, what + " within the time limit");
        }
        // An interrupted thread's select returns at once: waiting on would spin until the deadline.
        if (Thread.currentThread().isInterrupted()) {
            throw new DeviceFailedException(Kind.HUNG, what + ": the harness gave up on this step");
        }
    }

    @Override
    public void close() {
        for (java.io.Closeable c : new java.io.Closeable[] {socket, selector}) {
            try {
                c.close();
            } catch (IOException ignored) {
                // Done with it: nothing to save.
            }
        }
    }
}

package org.migcert.vfiouser;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.migcert.adapter.DeviceInstance;

/**
 * A vfio-user server that serves one {@link DeviceInstance} on a UNIX socket, so any device the
 * harness can hold in-process also runs as a device program. It speaks protocol 0.2 with
 * {@code max_data_xfer_size} 1 MiB and no file descriptors, serves one client at a time on its
 * own thread, and keeps the device (and its state) across clients, as the spec asks of a server
 * whose client disconnects.
 *
 * <p>The device is only ever called from the server thread. The caller keeps ownership of it:
 * {@link #close()} stops serving but does not close the device.
 */
public final class VfioUserServer implements AutoCloseable {
    /** How long close() waits for the server thread, which ends as soon as its sockets are closed. */
    private static final long JOIN_TIMEOUT_NANOS = 5_000_000_000L;

    private final DeviceRequests requests;
    private final Path socketPath;
    private final ServerSocketChannel listener;
    private final Thread thread;
    private final CountDownLatch clientDone = new CountDownLatch(1);
    private volatile boolean closed;
    private volatile MessageChannel current;

    private VfioUserServer(DeviceInstance device, Path socketPath, ServerSocketChannel listener) {
        this.requests = new DeviceRequests(device);
        this.socketPath = socketPath;
        this.listener = listener;
        this.thread = new Thread(this::acceptLoop, "vfio-user-server " + socketPath.getFileName());
        thread.setDaemon(true);
    }

    /**
     * Binds {@code socketPath}, listens, and starts serving; clients can connect as soon as this returns.
     *
     * @throws IOException when the socket cannot be bound (the path exists, or is too long for a UNIX socket)
     */
    public static VfioUserServer start(DeviceInstance device, Path socketPath) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            listener.bind(UnixDomainSocketAddress.of(socketPath));
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
        VfioUserServer server = new VfioUserServer(device, socketPath, listener);
        server.thread.start();
        return server;
    }

    private void acceptLoop() {
        try {
            while (!closed) {
                SocketChannel socket = listener.accept();
                serve(socket);
            }
        } catch (IOException e) {
            // The listener was closed (close()) or broke: no more clients either way.
        } finally {
            clientDone.countDown();
        }
    }

    private void serve(SocketChannel socket) {
        try {
            MessageChannel channel = new MessageChannel(socket);
            current = channel;
            // close() may have run between accept and here without seeing this channel.
            if (closed) {
                channel.close();
                return;
            }
            if (new ServerSession(channel, requests).serve()) {
                clientDone.countDown();
            }
        } catch (IOException e) {
            // This connection could not be set up; the next client may fare better.
        } finally {
            current = null;
        }
    }

    /**
     * Blocks until a client that completed the VERSION handshake has disconnected, or the server
     * is closed. Connections that never negotiate (a launcher probing the socket, garbage) do not
     * count. Returns early, with the interrupt flag set, if the calling thread is interrupted.
     */
    public void awaitTermination() {
        try {
            clientDone.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops serving: drops the current client, stops listening, removes the socket file. Never throws. */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // Nothing to save when closing.
        }
        MessageChannel c = current;
        if (c != null) {
            c.close();
        }
        joinServerThread();
        try {
            Files.deleteIfExists(socketPath);
        } catch (IOException ignored) {
            // A socket file left behind in a temporary directory is harmless.
        }
        clientDone.countDown();
    }

    /**
     * Waits for the server thread to end, even when the caller is being interrupted (that is how
     * a device program is told to stop): the listener and connection are closed, so it ends at
     * once, and a closed server leaves no thread behind. The interrupt is kept for the caller.
     */
    private void joinServerThread() {
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + JOIN_TIMEOUT_NANOS;
        for (long left; thread.isAlive() && (left = deadline - System.nanoTime()) > 0; ) {
            try {
                thread.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

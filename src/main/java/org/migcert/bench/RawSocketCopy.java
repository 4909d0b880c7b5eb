package org.migcert.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The baseline: a plain {@link SocketChannel} pair over a UNIX socket moving the same bytes in
 * 1 MiB writes, no protocol. What vfio-user achieves is read against what the socket can do.
 */
final class RawSocketCopy {
    static final int WRITE_SIZE = 1 << 20;

    private RawSocketCopy() {
    }

    /** Copies {@code bytes} from a writer to a reader thread and returns what it took. */
    static Timing copy(Path socket, long bytes) throws IOException {
        Files.deleteIfExists(socket);
        UnixDomainSocketAddress addr = UnixDomainSocketAddress.of(socket);
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(addr);
            CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> drain(listener));
            byte[] chunk = new byte[WRITE_SIZE];
            PatternStream.fill(chunk, 0, chunk.length, 0);
            ByteBuffer buf = ByteBuffer.wrap(chunk);
            Timing.Start start = Timing.start();
            try (SocketChannel out = SocketChannel.open(addr)) {
                for (long sent = 0; sent < bytes; ) {
                    buf.clear().limit((int) Math.min(WRITE_SIZE, bytes - sent));
                    while (buf.hasRemaining()) {
                        sent += out.write(buf);
                    }
                }
            }
            long received = reader.get();
            Timing elapsed = start.stop();
            if (received != bytes) {
                throw new IOException("raw copy received " + received + " of " + bytes + " bytes");
            }
            return elapsed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException("raw copy reader failed: " + e.getCause(), e.getCause());
        } finally {
            Files.deleteIfExists(socket);
        }
    }

    private static long drain(ServerSocketChannel listener) {
        try (SocketChannel in = listener.accept()) {
            ByteBuffer buf = ByteBuffer.allocate(WRITE_SIZE);
            long total = 0;
            for (int n; (n = in.read(buf.clear())) >= 0; ) {
                total += n;
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

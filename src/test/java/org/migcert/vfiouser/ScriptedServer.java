package org.migcert.vfiouser;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fake vfio-user server for client tests: accepts one connection and runs a script of
 * deliberate replies (right, wrong, or none) against it, then closes the connection.
 */
final class ScriptedServer implements AutoCloseable {
    /** What the fake does with its one connection. */
    interface Script {
        void run(Peer peer) throws Exception;
    }

    /** The libvfio-user VERSION capabilities, old {@code migration} key included. */
    static final String LIBVFIO_USER_CAPS =
            "{\"capabilities\":{\"max_msg_fds\":8,\"max_data_xfer_size\":1048576,\"migration\":{\"pgsize\":4096}}}";

    private final ServerSocketChannel listener;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicReference<MessageChannel> connection = new AtomicReference<>();

    private ScriptedServer(Path socket, Script script) throws IOException {
        listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listener.bind(UnixDomainSocketAddress.of(socket));
        thread = new Thread(() -> serve(script), "scripted-server");
        thread.setDaemon(true);
        thread.start();
    }

    static ScriptedServer start(Path socket, Script script) throws IOException {
        return new ScriptedServer(socket, script);
    }

    private void serve(Script script) {
        try (MessageChannel ch = new MessageChannel(listener.accept())) {
            connection.set(ch);
            script.run(new Peer(ch));
        } catch (Throwable t) {
            failure.set(t);
        }
    }

    /** The script's own failure, if any, so a test can tell a broken script from a broken client. */
    Throwable failure() {
        return failure.get();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        MessageChannel ch = connection.get();
        if (ch != null) {
            ch.close();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The server end of the connection, with the moves scripts need. */
    static final class Peer {
        final MessageChannel ch;

        Peer(MessageChannel ch) {
            this.ch = ch;
        }

        Frames.Msg receive() {
            return Frames.receive(ch);
        }

        /** Receives VERSION and answers 0.2 with {@code capsJson}. */
        void handshake(String capsJson) {
            Frames.Msg m = receive();
            if (m.header().command() != Command.VERSION.code()) {
                throw new AssertionError("expected VERSION, got " + m.header());
            }
            byte[] json = (capsJson + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            reply(m, Payloads.allocate(4 + json.length).putShort((short) 0).putShort((short) 2).put(json).flip());
        }

        void handshake() {
            handshake(LIBVFIO_USER_CAPS);
        }

        /** A correct reply to {@code request}. */
        void reply(Frames.Msg request, ByteBuffer payload) {
            Frames.send(ch, MessageHeader.reply(request.header(), payload.remaining()), payload);
        }

        void sendRaw(byte[] bytes) {
            Frames.sendRaw(ch, bytes);
        }

        /** Waits (bounded) until the client closes its end: for scripts that never answer. */
        void awaitClientClose() {
            try {
                Frames.expectClosed(ch);
            } catch (AssertionError ignored) {
                // The client sent something more; the test only cares that this script stays silent.
            }
        }
    }
}

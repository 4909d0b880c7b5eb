package org.migcert.vfiouser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.migcert.adapter.DeviceFailedException;

/**
 * Test-side framing on a {@link MessageChannel}: send and receive whole messages with a generous
 * deadline, so a broken peer fails a test instead of hanging it.
 */
final class Frames {
    static final long DEADLINE_MS = 5_000;
    /** Tests never exchange more than this in one message. */
    static final int MAX_PAYLOAD = (1 << 20) + 64;

    /** One received message. */
    record Msg(MessageHeader header, ByteBuffer payload) {
    }

    private Frames() {
    }

    static Msg receive(MessageChannel ch) {
        long deadline = MessageChannel.deadlineIn(DEADLINE_MS);
        MessageHeader h = ch.readHeader(deadline);
        long len = h.payloadLength();
        if (len < 0 || len > MAX_PAYLOAD) {
            throw new AssertionError("peer sent an unexpected size: " + h);
        }
        return new Msg(h, ch.readPayload((int) len, deadline));
    }

    static void send(MessageChannel ch, MessageHeader h, ByteBuffer payload) {
        ch.send(h, payload, MessageChannel.deadlineIn(DEADLINE_MS));
    }

    static void sendRaw(MessageChannel ch, byte[] bytes) {
        ch.writeRaw(ByteBuffer.wrap(bytes), MessageChannel.deadlineIn(DEADLINE_MS));
    }

    /** A bare header with arbitrary fields, as raw bytes (for lying size fields). */
    static byte[] header(int msgId, int command, long size, int flags, int errno) {
        ByteBuffer b = Payloads.allocate(MessageHeader.SIZE);
        new MessageHeader(msgId, command, (int) size, flags, errno).writeTo(b);
        return b.array();
    }

    /** Asserts the peer closes the connection (rather than sending anything or going silent). */
    static void expectClosed(MessageChannel ch) {
        DeviceFailedException e = assertThrows(DeviceFailedException.class,
                () -> ch.readHeader(MessageChannel.deadlineIn(DEADLINE_MS)));
        assertEquals(DeviceFailedException.Kind.CRASHED, e.kind(), e.getMessage());
    }

    /** Asserts {@code m} is an error reply to {@code msgId} with {@code errno}. */
    static void expectError(Msg m, int msgId, int errno) {
        assertEquals(MessageHeader.TYPE_REPLY | MessageHeader.ERROR, m.header().flags(), m.header().toString());
        assertEquals(msgId, m.header().msgId());
        assertEquals(errno, m.header().errno());
        assertEquals(0, m.payload().remaining());
    }
}

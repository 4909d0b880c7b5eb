package org.migcert.vfiouser;

import java.nio.ByteBuffer;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.RequestRefusedException;

/**
 * One client connection of a {@link VfioUserServer}: frames and checks each request, negotiates
 * VERSION first, hands device commands to {@link DeviceRequests}, and answers. Bad requests get
 * error replies; framing the stream cannot recover from (a size below the header or above the
 * bound, no VERSION first) gets an error reply and the connection is dropped.
 */
final class ServerSession {
    /** The largest request payload: a full-size region write. */
    static final int MAX_REQUEST_PAYLOAD = DeviceRequests.MAX_XFER + Payloads.MAX_FIXED_OVERHEAD;
    /** How long a client may take to finish a message it has started; waiting for the next message is unbounded. */
    static final long BODY_TIMEOUT_MS = 10_000;
    /**
     * The most MIG_DATA_READs this server lets a client keep in flight. Requests are still handled
     * one after the other, in order, as the spec has it; what the client gains is that the next
     * request is there as soon as a reply is sent, so the server never waits for the client.
     */
    static final long MAX_READ_DEPTH = 16;

    /** Requests up to this size (every one but bulk data) are read into one small buffer. */
    private static final int SMALL_REQUEST = 4096;

    private final MessageChannel channel;
    private final DeviceRequests requests;
    /**
     * Request payloads are read into these and handled before the next is read, so two buffers
     * serve a whole session: a small one, and one for bulk data (up to the bound) made at the
     * first need, direct so that data goes from the socket to the device in one copy.
     */
    private final ByteBuffer small = Payloads.allocate(SMALL_REQUEST);
    private ByteBuffer large;
    private boolean negotiated;

    ServerSession(MessageChannel channel, DeviceRequests requests) {
        this.channel = channel;
        this.requests = requests;
    }

    /**
     * Serves until the client leaves or breaks framing, then closes the connection.
     *
     * @return whether VERSION was negotiated (a real client, not a probe or garbage)
     */
    boolean serve() {
        try {
            while (serveOne()) {
                // next message
            }
        } catch (DeviceFailedException e) {
            // The client disconnected, stalled mid-message, or the server is closing: the session is over.
        } finally {
            channel.close();
        }
        return negotiated;
    }

    /** Reads and answers one message; false when the connection must be dropped. */
    private boolean serveOne() {
        MessageHeader h = channel.readHeader(MessageChannel.NO_DEADLINE);
        long len = h.payloadLength();
        if (len < 0 || len > MAX_REQUEST_PAYLOAD) {
            // Resynchronising would mean reading what the size claims: answer, then drop.
            send(MessageHeader.errorReply(h, Errno.EINVAL), Payloads.allocate(0));
            return false;
        }
        ByteBuffer p = channel.readPayload(bufferFor((int) len), (int) len, MessageChannel.deadlineIn(BODY_TIMEOUT_MS));
        if (h.type() != MessageHeader.TYPE_COMMAND) {
            answer(h, null, Errno.EINVAL);
            return true;
        }
        if (h.command() == Command.VERSION.code() || !negotiated) {
            return version(h, p);
        }
        ByteBuffer reply = null;
        int errno = 0;
        try {
            reply = requests.handle(h.command(), p);
        } catch (DeviceRequests.Refusal e) {
            errno = e.errno;
        } catch (RequestRefusedException e) {
            errno = e.errno() != 0 ? e.errno() : Errno.EINVAL;
        } catch (RuntimeException e) {
            // Any other failure of the device (failed, broken, or a bug) is still only this request's error.
            errno = Errno.EINVAL;
        }
        answer(h, reply, errno);
        return true;
    }

    /** The reused buffer a request payload of {@code len} bytes (already bounded) is read into. */
    private ByteBuffer bufferFor(int len) {
        if (len <= SMALL_REQUEST) {
            return small;
        }
        if (large == null) {
            large = ByteBuffer.allocateDirect(MAX_REQUEST_PAYLOAD).order(Payloads.ORDER);
        }
        return large;
    }

    /** VERSION must come first and only once; a bad proposal ends the connection, as the spec has it. */
    private boolean version(MessageHeader h, ByteBuffer p) {
        if (negotiated) {
            answer(h, null, Errno.EINVAL);
            return true;
        }
        if (h.command() != Command.VERSION.code() || p.remaining() < Payloads.VERSION_FIXED) {
            answer(h, null, Errno.EINVAL);
            return false;
        }
        int major = Short.toUnsignedInt(p.getShort());
        int minor = Short.toUnsignedInt(p.getShort());
        Capabilities client;
        try {
            client = Capabilities.parse(p);
        } catch (IllegalArgumentException e) {
            answer(h, null, Errno.EINVAL);
            return false;
        }
        if (major != VfioUserClient.PROTOCOL_MAJOR) {
            answer(h, null, Errno.EINVAL);
            return false;
        }
        requests.limitReplyData(client.maxDataXferSize());
        byte[] json = new Capabilities(0, DeviceRequests.MAX_XFER,
                Math.min(client.migDataReadDepth(), MAX_READ_DEPTH)).toVersionData();
        ByteBuffer reply = Payloads.allocate(Payloads.VERSION_FIXED + json.length)
                .putShort((short) VfioUserClient.PROTOCOL_MAJOR)
                .putShort((short) Math.min(minor, VfioUserClient.PROTOCOL_MINOR)).put(json).flip();
        negotiated = true;
        answer(h, reply, 0);
        return true;
    }

    /** Replies with {@code reply} or, when {@code errno} is set, an error; nothing if the client asked for no reply. */
    private void answer(MessageHeader request, ByteBuffer reply, int errno) {
        if (request.noReply()) {
            return;
        }
        if (errno != 0) {
            send(MessageHeader.errorReply(request, errno), Payloads.allocate(0));
        } else {
            send(MessageHeader.reply(request, reply.remaining()), reply);
        }
    }

    private void send(MessageHeader header, ByteBuffer payload) {
        channel.send(header, payload, MessageChannel.deadlineIn(BODY_TIMEOUT_MS));
    }
}

package org.migcert.vfiouser;

import java.nio.ByteBuffer;

/**
 * The 16-byte header that precedes every vfio-user message: u16 message id, u16 command, u32
 * message size (header included), u32 flags, u32 errno.
 *
 * @param msgId   0..0xffff; a reply echoes its command's id
 * @param command 0..0xffff wire code ({@link Command})
 * @param size    the whole message size as sent, header included (an unsigned u32 kept in an int)
 * @param flags   type in bits 0-3 plus {@link #NO_REPLY} and {@link #ERROR}
 * @param errno   meaningful in error replies only
 */
public record MessageHeader(int msgId, int command, int size, int flags, int errno) {
    public static final int SIZE = 16;
    public static final int TYPE_MASK = 0xf;
    public static final int TYPE_COMMAND = 0;
    public static final int TYPE_REPLY = 1;
    public static final int NO_REPLY = 0x10;
    public static final int ERROR = 0x20;

    /** A command header for a payload of {@code payloadLength} bytes. */
    public static MessageHeader command(int msgId, Command command, int payloadLength) {
        return new MessageHeader(msgId, command.code(), SIZE + payloadLength, TYPE_COMMAND, 0);
    }

    /** The successful reply to {@code request} carrying {@code payloadLength} bytes. */
    public static MessageHeader reply(MessageHeader request, int payloadLength) {
        return new MessageHeader(request.msgId, request.command, SIZE + payloadLength, TYPE_REPLY, 0);
    }

    /** The error reply to {@code request}: header only, as the spec requires. */
    public static MessageHeader errorReply(MessageHeader request, int errno) {
        return new MessageHeader(request.msgId, request.command, SIZE, TYPE_REPLY | ERROR, errno);
    }

    public int type() {
        return flags & TYPE_MASK;
    }

    public boolean isError() {
        return (flags & ERROR) != 0;
    }

    public boolean noReply() {
        return (flags & NO_REPLY) != 0;
    }

    /** The payload length the size field claims; negative when the size is smaller than a header. */
    public long payloadLength() {
        return Integer.toUnsignedLong(size) - SIZE;
    }

    public void writeTo(ByteBuffer out) {
        out.putShort((short) msgId).putShort((short) command).putInt(size).putInt(flags).putInt(errno);
    }

    /** Reads a header from the next 16 bytes of {@code in} (little-endian). */
    public static MessageHeader readFrom(ByteBuffer in) {
        int id = Short.toUnsignedInt(in.getShort());
        int cmd = Short.toUnsignedInt(in.getShort());
        return new MessageHeader(id, cmd, in.getInt(), in.getInt(), in.getInt());
    }

    @Override
    public String toString() {
        return "msg " + msgId + " " + Command.describe(command) + " size=" + Integer.toUnsignedString(size)
                + " flags=0x" + Integer.toHexString(flags) + " errno=" + errno;
    }
}

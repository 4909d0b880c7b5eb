package org.migcert.adapters.qemu;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.DeviceFailedException.Kind;

/**
 * QEMU's qtest protocol ({@code -qtest unix:PATH}): port I/O and guest-physical memory accesses
 * exactly as a guest's CPU would make them, one text command per line, answered {@code OK [value]}.
 * Interrupt notices ({@code IRQ ...}) that arrive in between are skipped. Every command is built
 * here from numbers; no manifest text reaches the protocol.
 */
final class Qtest implements AutoCloseable {
    /** The largest block {@link #read} asks for at once, so an answer line stays bounded. */
    static final int MAX_BLOCK = 64 * 1024;
    private static final int MAX_LINE = 2 * MAX_BLOCK + 64;

    private final Channel channel;
    private final long timeoutMillis;

    Qtest(Channel channel, long timeoutMillis) {
        this.channel = channel;
        this.timeoutMillis = timeoutMillis;
    }

    /** {@code inb}/{@code inw}/{@code inl} of a 1-, 2- or 4-byte I/O port. */
    long in(int size, long port) {
        return value(call(suffix("in", size, false) + " 0x" + Long.toHexString(port)));
    }

    void out(int size, long port, long value) {
        call(suffix("out", size, false) + " 0x" + Long.toHexString(port) + " 0x" + Long.toHexString(value));
    }

    /** {@code readb}..{@code readq}: one guest-physical access of 1, 2, 4 or 8 bytes (MMIO as a CPU does it). */
    long readMemory(int size, long address) {
        return value(call(suffix("read", size, true) + " 0x" + Long.toHexString(address)));
    }

    void writeMemory(int size, long address, long value) {
        call(suffix("write", size, true) + " 0x" + Long.toHexString(address) + " 0x" + Long.toHexString(value));
    }

    /** {@code read ADDR LEN}: up to {@link #MAX_BLOCK} bytes of guest-physical memory in one command. */
    byte[] read(long address, int length) {
        if (length <= 0 || length > MAX_BLOCK) {
            throw new IllegalArgumentException("block of " + length + " bytes");
        }
        String hex = call("read 0x" + Long.toHexString(address) + " 0x" + Integer.toHexString(length));
        if (!hex.startsWith("0x") || hex.length() != 2 + 2 * length) {
            throw new DeviceFailedException(Kind.PROTOCOL, "qtest read of " + length + " bytes answered " + cut(hex));
        }
        try {
            return HexFormat.of().parseHex(hex, 2, hex.length());
        } catch (IllegalArgumentException e) {
            throw new DeviceFailedException(Kind.PROTOCOL, "qtest read answered non-hex data: " + cut(hex));
        }
    }

    private static String suffix(String op, int size, boolean memory) {
        return switch (size) {
            case 1 -> op + "b";
            case 2 -> op + "w";
            case 4 -> op + "l";
            case 8 -> {
                if (!memory) {
                    throw new IllegalArgumentException("no 8-byte port access");
                }
                yield op + "q";
            }
            default -> throw new IllegalArgumentException("access of " + size + " bytes");
        };
    }

    /** Sends one command and returns what follows {@code OK} in its answer. */
    private String call(String command) {
        long deadline = Channel.deadlineIn(timeoutMillis);
        String what = "qtest " + command;
        channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)), deadline, what);
        while (true) {
            String line = channel.readLine(MAX_LINE, deadline, what);
            if (line.startsWith("IRQ")) {
                continue;
            }
            if (line.equals("OK")) {
                return "";
            }
            if (line.startsWith("OK ")) {
                return line.substring(3).strip();
            }
            throw new DeviceFailedException(Kind.PROTOCOL, what + ": QEMU answered " + cut(line));
        }
    }

    private static long value(String answer) {
        try {
            return Long.parseUnsignedLong(answer.startsWith("0x") ? answer.substring(2) : answer, 16);
        } catch (NumberFormatException e) {
            throw new DeviceFailedException(Kind.PROTOCOL, "qtest answered a value that is not hex: " + cut(answer));
        }
    }

    private static String cut(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    @Override
    public void close() {
        channel.close();
    }
}

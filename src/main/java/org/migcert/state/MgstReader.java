package org.migcert.state;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads an MGST stream record by record. Untrusted input: lengths are bounded by
 * {@code maxRecord}, every short read is an error naming the byte offset, reserved flag bits are
 * refused, and nothing after the end record is accepted.
 */
public final class MgstReader {
    /** Default bound on one record's payload: the reference devices' records are tiny. */
    public static final int DEFAULT_MAX_RECORD = 16 << 20;

    private final InputStream in;
    private final int maxRecord;
    private long offset;
    private boolean ended;

    public MgstReader(InputStream in) {
        this(in, DEFAULT_MAX_RECORD);
    }

    public MgstReader(InputStream in, int maxRecord) {
        this.in = in;
        this.maxRecord = maxRecord;
    }

    /** Reads and checks the header. */
    public void header() throws IOException {
        byte[] magic = bytes(4, "header magic");
        for (int i = 0; i < 4; i++) {
            if (magic[i] != Mgst.MAGIC[i]) {
                throw new MalformedStateException("not MGST: magic is " + printable(magic) + " at offset 0");
            }
        }
        int version = u16("format version");
        if (version != Mgst.VERSION) {
            throw new MalformedStateException("MGST format version " + version + " is not supported (expected 1)");
        }
        int flags = u16("header flags");
        if (flags != 0) {
            throw new MalformedStateException("MGST header flags 0x" + Integer.toHexString(flags) + " at offset 6 are"
                    + " not 0: every header flag is reserved");
        }
    }

    /**
     * The next record, or null at the end record. After the end record the stream must be
     * exhausted; trailing bytes are an error.
     */
    public MgstRecord next() throws IOException {
        if (ended) {
            return null;
        }
        long at = offset;
        int tag = u16("record tag");
        int flags = u16("record flags");
        long length = u32("record length");
        if (tag == Mgst.TAG_END) {
            if (flags != 0 || length != 0) {
                throw new MalformedStateException("end record at offset " + at + " has flags " + flags
                        + " length " + length + " (both must be 0)");
            }
            ended = true;
            if (in.read() != -1) {
                throw new MalformedStateException("data after the end record at offset " + offset);
            }
            return null;
        }
        if ((flags & Mgst.RESERVED_FLAGS) != 0) {
            // Refused, not ignored: a later format version may give these bits a meaning a loader must not miss.
            throw new MalformedStateException("record tag 0x" + Integer.toHexString(tag) + " at offset " + at
                    + " has reserved flag bits set (flags 0x" + Integer.toHexString(flags) + "; only bit 0, OPTIONAL,"
                    + " is defined)");
        }
        if (length > maxRecord) {
            throw new MalformedStateException("record tag 0x" + Integer.toHexString(tag) + " at offset " + at
                    + " claims " + length + " bytes, more than the " + maxRecord + " allowed");
        }
        return new MgstRecord(tag, flags, bytes((int) length, "payload of tag 0x" + Integer.toHexString(tag)));
    }

    /** Byte offset of the next unread byte. */
    public long offset() {
        return offset;
    }

    private byte[] bytes(int n, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new MalformedStateException("state truncated in " + what + " at offset " + (offset + b.length)
                    + " (wanted " + n + " bytes, got " + b.length + ")");
        }
        offset += n;
        return b;
    }

    private int u16(String what) throws IOException {
        byte[] b = bytes(2, what);
        return (b[0] & 0xff) | (b[1] & 0xff) << 8;
    }

    private long u32(String what) throws IOException {
        byte[] b = bytes(4, what);
        return (b[0] & 0xffL) | (b[1] & 0xffL) << 8 | (b[2] & 0xffL) << 16 | (b[3] & 0xffL) << 24;
    }

    private static String printable(byte[] b) {
        StringBuilder sb = new StringBuilder("'");
        for (byte x : b) {
            sb.append(x >= 32 && x < 127 ? (char) x : '.');
        }
        return sb.append('\'').toString();
    }

}

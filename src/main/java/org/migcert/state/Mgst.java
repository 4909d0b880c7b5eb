package org.migcert.state;

/**
 * Constants of the MGST record format (docs/rules.md, "Device state records"): header {@code "MGST" u16 version=1 u16 flags=0},
 * records {@code u16 tag, u16 flags (bit 0 OPTIONAL), u32 length, payload}, end record tag 0.
 * All integers little-endian.
 */
public final class Mgst {
    public static final byte[] MAGIC = {'M', 'G', 'S', 'T'};
    public static final int VERSION = 1;
    public static final int HEADER_SIZE = 8;
    public static final int RECORD_HEADER_SIZE = 8;
    public static final int FLAG_OPTIONAL = 1;
    /**
     * A record's flag bits 1-15: reserved, written 0, refused by a reader (docs/rules.md: a later
     * version may give them a meaning a loader must not ignore).
     */
    public static final int RESERVED_FLAGS = 0xffff & ~FLAG_OPTIONAL;
    public static final int TAG_END = 0;
    /** Tags from here up belong to the harness (injected unknown records). */
    public static final int FIRST_HARNESS_TAG = 0x8000;

    private Mgst() {
    }
}

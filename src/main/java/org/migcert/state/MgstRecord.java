package org.migcert.state;

import java.util.Arrays;

/** One MGST record: tag, flags and payload. */
public record MgstRecord(int tag, int flags, byte[] payload) {
    public boolean optional() {
        return (flags & Mgst.FLAG_OPTIONAL) != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MgstRecord r && r.tag == tag && r.flags == flags && Arrays.equals(r.payload, payload);
    }

    @Override
    public int hashCode() {
        return tag * 31 + flags * 7 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "record tag=0x" + Integer.toHexString(tag) + (optional() ? " OPTIONAL" : "") + " length=" + payload.length;
    }
}

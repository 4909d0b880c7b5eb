package org.migcert.state;

import java.io.IOException;
import java.io.OutputStream;

/** Writes an MGST stream: {@link #header()}, any number of {@link #record}, then {@link #end()}. */
public final class MgstWriter {
    private final OutputStream out;

    public MgstWriter(OutputStream out) {
        this.out = out;
    }

    public MgstWriter header() throws IOException {
        out.write(Mgst.MAGIC);
        u16(Mgst.VERSION);
        u16(0);
        return this;
    }

    public MgstWriter record(int tag, int flags, byte[] payload) throws IOException {
        recordHeader(tag, flags, payload.length);
        out.write(payload);
        return this;
    }

    public MgstWriter record(MgstRecord r) throws IOException {
        return record(r.tag(), r.flags(), r.payload());
    }

    /** Writes a record header only; the caller streams {@code length} payload bytes after it. */
    public MgstWriter recordHeader(int tag, int flags, long length) throws IOException {
        if (tag <= 0 || tag > 0xffff || length < 0 || length > 0xffffffffL) {
            throw new IllegalArgumentException("tag 0x" + Integer.toHexString(tag) + " length " + length);
        }
        u16(tag);
        u16(flags);
        u32(length);
        return this;
    }

    public void end() throws IOException {
        u16(Mgst.TAG_END);
        u16(0);
        u32(0);
        out.flush();
    }

    private void u16(int v) throws IOException {
        out.write(v & 0xff);
        out.write((v >>> 8) & 0xff);
    }

    private void u32(long v) throws IOException {
        u16((int) (v & 0xffff));
        u16((int) ((v >>> 16) & 0xffff));
    }
}

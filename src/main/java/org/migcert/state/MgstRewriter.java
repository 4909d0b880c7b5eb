package org.migcert.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies an MGST stream record by record, streaming each payload, and lets a subclass insert
 * records before record {@code i} or before the end. The basis of the record-level mutations.
 */
abstract class MgstRewriter implements StateMutation {
    /** Called before the record with index {@code index} (0-based) and, with the record count, before the end. */
    protected abstract void before(int index, boolean atEnd, MgstWriter out) throws IOException;

    /** Called for each record of the source stream (not for inserted ones), before its payload is copied. */
    protected void seen(int tag, int flags, long length) {
    }

    @Override
    public void apply(InputStream in, OutputStream out) throws IOException {
        MgstWriter w = new MgstWriter(out);
        byte[] header = in.readNBytes(Mgst.HEADER_SIZE);
        if (header.length != Mgst.HEADER_SIZE) {
            throw new MalformedStateException("source state is shorter than an MGST header: cannot mutate it");
        }
        out.write(header);
        int index = 0;
        byte[] rh;
        while ((rh = in.readNBytes(Mgst.RECORD_HEADER_SIZE)).length == Mgst.RECORD_HEADER_SIZE) {
            int tag = (rh[0] & 0xff) | (rh[1] & 0xff) << 8;
            long length = (rh[4] & 0xffL) | (rh[5] & 0xffL) << 8 | (rh[6] & 0xffL) << 16 | (rh[7] & 0xffL) << 24;
            if (tag == Mgst.TAG_END) {
                before(index, true, w);
                out.write(rh);
                in.transferTo(out);
                out.flush();
                return;
            }
            before(index++, false, w);
            seen(tag, (rh[2] & 0xff) | (rh[3] & 0xff) << 8, length);
            out.write(rh);
            copy(in, out, length);
        }
        throw new MalformedStateException("source state has no end record: cannot mutate it");
    }

    private static void copy(InputStream in, OutputStream out, long n) throws IOException {
        byte[] buf = new byte[64 * 1024];
        while (n > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (r < 0) {
                throw new MalformedStateException("source state truncated inside a record");
            }
            out.write(buf, 0, r);
            n -= r;
        }
    }
}

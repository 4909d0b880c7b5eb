package org.migcert.suites;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.migcert.state.MgstWriter;
import org.migcert.state.StateMutation;

/**
 * The state of the harness's own model {@code migcert.invalid/foreign}: a well-formed MGST stream
 * that no device under test implements, fed to a destination in place of what its source saved.
 * Loading it checks MODEL-1. For an opaque format, which cannot always tell a foreign state by its
 * content, it is also given at the length of the device's own state, or at any other length.
 */
final class ForeignState {
    static final String MODEL = "migcert.invalid/foreign";
    private static final byte[] BYTES = bytes();

    private ForeignState() {
    }

    /** The foreign state as it is. */
    static StateMutation state() {
        return ofLength("foreign-model-state", BYTES.length);
    }

    /** The foreign state at a length other than {@code realSize}: as it is, or one byte longer when that length is the real one. */
    static StateMutation otherLength(long realSize) {
        long length = BYTES.length == realSize ? realSize + 1 : BYTES.length;
        return ofLength("foreign-model-state-" + length + "-bytes", length);
    }

    /** The foreign state repeated or cut to exactly {@code realSize} bytes; not applicable to an empty state. */
    static StateMutation sameLength(long realSize) {
        if (realSize == 0) {
            throw new Check.NotApplicable("the real state is empty: a foreign state of that length is no data,"
                    + " which is the device's own state");
        }
        return ofLength("foreign-model-state-same-length-" + realSize + "-bytes", realSize);
    }

    private static StateMutation ofLength(String name, long length) {
        return new Repeated(name, length);
    }

    /** The foreign bytes repeated to {@code length}, streamed (a real state may be large); the source's state is dropped. */
    private record Repeated(String name, long length) implements StateMutation {
        @Override
        public void apply(InputStream in, OutputStream out) throws IOException {
            for (long left = length; left > 0; left -= BYTES.length) {
                out.write(BYTES, 0, (int) Math.min(BYTES.length, left));
            }
            out.flush();
        }
    }

    private static byte[] bytes() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MgstWriter w = new MgstWriter(out).header();
            w.record(1, 0, (MODEL + "\n-").getBytes(StandardCharsets.UTF_8));
            w.record(2, 0, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13});
            w.end();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

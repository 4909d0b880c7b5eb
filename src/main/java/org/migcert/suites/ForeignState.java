package org.migcert.suites;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.migcert.state.MgstWriter;

/**
 * The state of the harness's own model {@code migcert.invalid/foreign}: a well-formed MGST stream
 * that no device under test implements. Loading it checks MODEL-1.
 */
final class ForeignState {
    static final String MODEL = "migcert.invalid/foreign";

    private ForeignState() {
    }

    static byte[] bytes() {
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

package org.migcert.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A transformation applied to a state stream on its way from source to destination (the
 * identity, an injected record, a truncation, a bit flip...). Streams through: it never holds a
 * whole state in memory.
 */
public interface StateMutation {
    /** Short name used in case ids and evidence, such as {@code optional-at-start}. */
    String name();

    void apply(InputStream in, OutputStream out) throws IOException;

    /** Passes the state through unchanged. */
    StateMutation IDENTITY = new StateMutation() {
        @Override
        public String name() {
            return "identity";
        }

        @Override
        public void apply(InputStream in, OutputStream out) throws IOException {
            in.transferTo(out);
        }
    };
}

package org.migcert.suites;

import java.util.Arrays;
import org.migcert.manifest.StateFormat;
import org.migcert.rules.Expectation;
import org.migcert.rules.Expected;
import org.migcert.state.Mgst;

/**
 * What FSM-5 loads into a resuming instance, derived from a real saved state so that it is never a
 * legitimate state by accident: data that must make RESUMING -> STOP fail, or, for an opaque format,
 * same-length garbage that it may load, like a bit flip, but must survive.
 */
enum BadData {
    INCOMPLETE("incomplete-data"),
    EMPTY("no-data"),
    INVALID("invalid-data"),
    SAME_LENGTH_GARBAGE("same-length-garbage");

    /** The garbage byte, and how many of them follow a real state to give it another length. */
    static final byte GARBAGE = (byte) 0xEE;
    static final int GARBAGE_BYTES = 64;

    final String variant;

    BadData(String variant) {
        this.variant = variant;
    }

    /** Only an opaque format may take same-length garbage for a state: for MGST, INVALID is that case. */
    boolean appliesTo(StateFormat format) {
        return this != SAME_LENGTH_GARBAGE || format == StateFormat.OPAQUE;
    }

    Expectation expectation(StateFormat format) {
        return switch (this) {
            case INCOMPLETE -> Expectation.of(Expected.REJECTED, "RESUMING -> STOP fails on the first half of a real"
                    + " state");
            case EMPTY -> Expectation.of(Expected.REJECTED, "RESUMING -> STOP fails when no data was written and the"
                    + " real state is not empty");
            case INVALID -> Expectation.of(Expected.REJECTED, "RESUMING -> STOP fails on " + (format == StateFormat.MGST
                    ? "a real state whose MGST header is broken" : "a real state followed by " + GARBAGE_BYTES
                    + " garbage bytes (another length)"));
            case SAME_LENGTH_GARBAGE -> Expectation.of(Expected.SURVIVES, "garbage at the length of a real state may"
                    + " load into an opaque format or be refused, like a bit flip, but never crashes or hangs it");
        };
    }

    /** The data to load, derived from a real state; not applicable when that state leaves nothing to derive. */
    byte[] from(byte[] real, StateFormat format) {
        if (real.length == 0 && this != INVALID) {
            throw new Check.NotApplicable("the real state is empty: " + switch (this) {
                case INCOMPLETE -> "it has no proper prefix";
                case EMPTY -> "no data is the whole state, which must load (COMPAT-2), not fail";
                default -> "garbage of its length is no data, which is the state itself";
            });
        }
        return switch (this) {
            case INCOMPLETE -> Arrays.copyOf(real, real.length / 2);
            case EMPTY -> new byte[0];
            case INVALID -> format == StateFormat.MGST ? brokenHeader(real) : garbageAfter(real);
            case SAME_LENGTH_GARBAGE -> garbage(real.length);
        };
    }

    static byte[] garbage(int length) {
        byte[] g = new byte[length];
        Arrays.fill(g, GARBAGE);
        return g;
    }

    private static byte[] brokenHeader(byte[] real) {
        byte[] b = Arrays.copyOf(real, Math.max(real.length, Mgst.MAGIC.length));
        Arrays.fill(b, 0, Mgst.MAGIC.length, GARBAGE);
        return b;
    }

    private static byte[] garbageAfter(byte[] real) {
        byte[] b = Arrays.copyOf(real, real.length + GARBAGE_BYTES);
        Arrays.fill(b, real.length, b.length, GARBAGE);
        return b;
    }
}

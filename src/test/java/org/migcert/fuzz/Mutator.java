package org.migcert.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random changes to a valid byte string, for fuzzing the readers of untrusted input:
 * bits flipped, a byte or a little-endian u32 overwritten (with a random or a boundary value),
 * the string cut short, extended, or replaced by noise. The same random source gives the same
 * changes, and {@link #toString()} says what was done, so a failure names how to reproduce it.
 */
public final class Mutator {
    /** u32 values on boundaries: zero, around headers and chunks, sign bits, all ones. */
    private static final int[] BOUNDARIES = {0, 1, 7, 8, 15, 16, 17, 0x7f, 0x80, 0xff, 0xffff, 0x10000, 1 << 20,
        (1 << 20) + 1, 16 << 20, (16 << 20) + 1, 0x7fffffff, 0x80000000, 0xfffffff0, 0xffffffff};
    /** At most this many bytes are added. */
    private static final int MAX_EXTRA = 64;

    private final SplittableRandom rnd;
    private String done = "nothing";

    public Mutator(SplittableRandom rnd) {
        this.rnd = rnd;
    }

    /**
     * Returns {@code data} with one random change; {@code fields} are offsets of u32 fields worth
     * aiming at (lengths, sizes), overwritten more often than chance would.
     */
    public byte[] apply(byte[] data, List<Integer> fields) {
        if (data.length == 0) {
            return noise("empty input replaced by");
        }
        byte[] out = data.clone();
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        switch (rnd.nextInt(8)) {
            case 0 -> {
                int bits = 1 + rnd.nextInt(4);
                for (int i = 0; i < bits; i++) {
                    int bit = rnd.nextInt(out.length * 8);
                    out[bit / 8] ^= (byte) (1 << bit % 8);
                }
                done = bits + " bit flips";
            }
            case 1 -> {
                int at = rnd.nextInt(out.length);
                out[at] = (byte) rnd.nextInt(256);
                done = "byte " + at + " overwritten";
            }
            case 2, 3 -> {
                List<Integer> targets = fields.stream().filter(f -> f + 4 <= out.length).toList();
                int at = targets.isEmpty() || rnd.nextBoolean() ? rnd.nextInt(Math.max(1, out.length - 3))
                        : targets.get(rnd.nextInt(targets.size()));
                if (at + 4 <= out.length) {
                    int value = rnd.nextBoolean() ? BOUNDARIES[rnd.nextInt(BOUNDARIES.length)] : rnd.nextInt();
                    b.putInt(at, value);
                    done = "u32 at " + at + " = 0x" + Integer.toHexString(value);
                }
            }
            case 4 -> {
                int keep = rnd.nextInt(out.length);
                done = "cut to " + keep + " of " + out.length + " bytes";
                return Arrays.copyOf(out, keep);
            }
            case 5 -> {
                byte[] extra = bytes(1 + rnd.nextInt(MAX_EXTRA));
                int at = rnd.nextInt(out.length + 1);
                byte[] longer = new byte[out.length + extra.length];
                System.arraycopy(out, 0, longer, 0, at);
                System.arraycopy(extra, 0, longer, at, extra.length);
                System.arraycopy(out, at, longer, at + extra.length, out.length - at);
                done = extra.length + " random bytes inserted at " + at;
                return longer;
            }
            case 6 -> {
                int from = rnd.nextInt(out.length);
                int to = from + rnd.nextInt(out.length - from + 1);
                byte[] longer = Arrays.copyOf(out, out.length + (to - from));
                System.arraycopy(out, from, longer, out.length, to - from);
                done = "bytes " + from + ".." + to + " repeated at the end";
                return longer;
            }
            default -> {
                return noise("replaced by");
            }
        }
        return out;
    }

    private byte[] noise(String what) {
        byte[] random = bytes(rnd.nextInt(MAX_EXTRA));
        done = what + " " + random.length + " random bytes";
        return random;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    @Override
    public String toString() {
        return done;
    }
}

package org.migcert.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The candidates of a t-way space ({@link Sampling#dense(long)}). A defect at a value nobody tries
 * goes unseen: in {@code 1-4} the bounds and midpoint never try 3, so a small range is tried whole.
 * A wide range is tried where implementations tend to go wrong (both bounds and the values next to
 * them: off-by-one), at the values the info names (init, off), and at a few interior values drawn
 * from the seed and the parameter's name, so every implementation that shares the range tries the
 * same ones and a rerun with the same seed tries them again.
 */
final class DenseSampling implements Sampling {
    /** A range of at most this many values is tried whole. */
    static final int SMALL_RANGE = 16;
    /** Interior values drawn for each wider range. */
    static final int INTERIOR = 2;

    private final long seed;

    DenseSampling(long seed) {
        this.seed = seed;
    }

    @Override
    public List<Value> candidates(ParamSpec p) {
        if (p.allowedValues().isEmpty()) {
            return p.candidateValues();
        }
        AllowedValues a = p.allowedValues().get();
        TreeSet<Value> out = new TreeSet<>(a.singles());
        for (AllowedValues.Range r : a.ranges()) {
            if (r.max() - r.min() < SMALL_RANGE && r.max() - r.min() >= 0) {
                for (long v = r.min(); v <= r.max(); v++) {
                    out.add(Value.integer(v));
                }
                continue;
            }
            out.add(Value.integer(r.min()));
            out.add(Value.integer(r.min() + 1));
            out.add(Value.integer(r.max() - 1));
            out.add(Value.integer(r.max()));
            for (Value special : specials(p)) {
                if (r.contains(special.asLong())) {
                    out.add(special);
                }
            }
            SplittableRandom random = new SplittableRandom(seed ^ (31L * p.name().hashCode() + r.hashCode()));
            for (int i = 0; i < INTERIOR; i++) {
                // Strictly between the values next to the bounds: max - min >= 16, so that is never empty.
                out.add(Value.integer(random.nextLong(r.min() + 2, r.max() - 1)));
            }
        }
        return List.copyOf(new ArrayList<>(out));
    }

    private static List<Value> specials(ParamSpec p) {
        List<Value> out = new ArrayList<>();
        if (p.initValue().type() == ParamType.INT) {
            out.add(p.initValue());
        }
        p.offValue().filter(v -> v.type() == ParamType.INT).ifPresent(out::add);
        return out;
    }
}

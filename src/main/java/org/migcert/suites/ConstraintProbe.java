package org.migcert.suites;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import org.migcert.model.Configuration;
import org.migcert.model.ModelInfo;
import org.migcert.model.ParamSpec;
import org.migcert.model.Sampling;
import org.migcert.model.Truth;
import org.migcert.model.Value;
import org.migcert.model.constraint.Constraint;
import org.migcert.model.coverage.TWaySettings;

/**
 * Finds a configuration a constraint rules out, to check that creation refuses it: the constraint's
 * parameters at candidate values (every value of a small range, so {@code queues == 3} finds 3), the
 * rest at their init values. One that no other constraint rules out is preferred, so that a
 * refusal is the constraint's doing.
 */
final class ConstraintProbe {
    /** Combinations of the constraint's parameters tried at most. */
    static final int MAX_TRIED = 100_000;

    private ConstraintProbe() {
    }

    static Optional<Configuration> breaking(ModelInfo m, Constraint k, List<Constraint> others,
                                            Function<ParamSpec, List<Value>> candidates) {
        Sampling dense = Sampling.dense(TWaySettings.DEFAULT_SEED);
        List<String> names = new ArrayList<>(k.names());
        List<List<Value>> values = new ArrayList<>();
        for (String n : names) {
            ParamSpec p = m.param(n).orElseThrow();
            TreeSet<Value> v = new TreeSet<>(candidates.apply(p));
            v.addAll(dense.candidates(p));
            values.add(List.copyOf(v));
        }
        Configuration fallback = null;
        int[] at = new int[names.size()];
        for (int tried = 0; tried < MAX_TRIED; tried++) {
            Configuration c = m.initial();
            for (int i = 0; i < at.length; i++) {
                c = c.with(names.get(i), values.get(i).get(at[i]));
            }
            Configuration whole = c;
            if (k.test(whole) == Truth.FALSE) {
                if (others.stream().allMatch(o -> o.test(whole) == Truth.TRUE)) {
                    return Optional.of(whole);
                }
                fallback = fallback == null ? whole : fallback;
            }
            int i = at.length - 1;
            while (i >= 0 && ++at[i] == values.get(i).size()) {
                at[i--] = 0;
            }
            if (i < 0) {
                break;
            }
        }
        return Optional.ofNullable(fallback);
    }
}

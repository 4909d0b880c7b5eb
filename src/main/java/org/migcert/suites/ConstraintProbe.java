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
 * Configurations for probing creation under the manifest's constraints, from candidate values
 * (every value of a small range too, so {@code queues == 3} finds 3) with every other parameter at
 * its init value: one a constraint rules out, to check creation refuses it; and one that holds a
 * given value and meets every constraint, to check creation accepts that value.
 */
final class ConstraintProbe {
    /** Combinations of the constraint's parameters tried at most. */
    static final int MAX_TRIED = 100_000;

    private ConstraintProbe() {
    }

    /** A configuration {@code k} rules out, preferably one no constraint of {@code others} does. */
    static Optional<Configuration> breaking(ModelInfo m, Constraint k, List<Constraint> others,
                                            Function<ParamSpec, List<Value>> candidates) {
        Configuration[] fallback = {null};
        Optional<Configuration> clean = first(m, m.initial(), List.copyOf(k.names()), candidates, c -> {
            if (k.test(c) != Truth.FALSE) {
                return false;
            }
            fallback[0] = fallback[0] == null ? c : fallback[0];
            return meets(others, c);
        });
        return clean.or(() -> Optional.ofNullable(fallback[0]));
    }

    /**
     * A configuration with {@code given}'s values that every constraint of {@code all} allows,
     * changing only parameters they name, init values first; empty when none does.
     */
    static Optional<Configuration> meeting(ModelInfo m, Configuration given, List<Constraint> all,
                                           Function<ParamSpec, List<Value>> candidates) {
        Configuration start = m.complete(given);
        if (meets(all, start)) {
            return Optional.of(start);
        }
        TreeSet<String> free = new TreeSet<>();
        all.forEach(k -> free.addAll(k.names()));
        free.removeAll(given.values().keySet());
        return first(m, start, List.copyOf(free), candidates, c -> meets(all, c));
    }

    private static boolean meets(List<Constraint> all, Configuration c) {
        return all.stream().allMatch(k -> k.test(c) == Truth.TRUE);
    }

    /** The first configuration, varying {@code names} over their candidates from {@code base}'s values, that {@code wanted} accepts. */
    private static Optional<Configuration> first(ModelInfo m, Configuration base, List<String> names,
                                                 Function<ParamSpec, List<Value>> candidates,
                                                 java.util.function.Predicate<Configuration> wanted) {
        Sampling dense = Sampling.dense(TWaySettings.DEFAULT_SEED);
        List<List<Value>> values = new ArrayList<>();
        for (String n : names) {
            ParamSpec p = m.param(n).orElseThrow();
            TreeSet<Value> v = new TreeSet<>(candidates.apply(p));
            v.addAll(dense.candidates(p));
            v.remove(base.get(n));
            List<Value> ordered = new ArrayList<>(List.of(base.get(n))); // the base's value first: fewest changes
            ordered.addAll(v);
            values.add(ordered);
        }
        int[] at = new int[names.size()];
        for (int tried = 0; tried < MAX_TRIED; tried++) {
            Configuration c = base;
            for (int i = 0; i < at.length; i++) {
                c = c.with(names.get(i), values.get(i).get(at[i]));
            }
            if (wanted.test(c)) {
                return Optional.of(c);
            }
            int i = at.length - 1;
            while (i >= 0 && ++at[i] == values.get(i).size()) {
                at[i--] = 0;
            }
            if (i < 0) {
                break;
            }
        }
        return Optional.empty();
    }
}

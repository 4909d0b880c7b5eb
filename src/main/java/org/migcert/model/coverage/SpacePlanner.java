package org.migcert.model.coverage;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.migcert.model.Configuration;
import org.migcert.model.ModelInfo;
import org.migcert.model.ParamSpec;
import org.migcert.model.Sampling;
import org.migcert.model.Truth;
import org.migcert.model.Value;
import org.migcert.model.constraint.Constraint;

/**
 * Chooses an implementation's configuration space as a profile says. Exhaustive: every combination
 * of each parameter's {@link Sampling#representatives() representative} values that the constraints
 * allow, then the must-have configurations. T-way: each parameter's {@link Sampling#dense dense}
 * candidates, and a covering array over them that holds the must-haves (all-init; all-off, or each
 * parameter that has an off value off alone; the version aliases and the manifest's listed ones),
 * checked by {@link CoverageVerifier} before anything runs; a space with fewer candidate
 * combinations than the profile's threshold is taken whole. Sizes are computed from candidate
 * counts before anything is listed, so a space past its bound is refused at once.
 */
public final class SpacePlanner {
    /** More tuples than this take too long to cover for a run to wait on. */
    public static final long MAX_TUPLES = 20_000_000L;

    private final Optional<TWaySettings> tWay;
    private final int maxConfigurations;
    private final BiFunction<CoverageProblem, Long, CoveringArray> generator;

    public SpacePlanner(Optional<TWaySettings> tWay, int maxConfigurations, Effort effort) {
        this(tWay, maxConfigurations, new CoveringArrayGenerator(effort)::generate);
    }

    /** With another generator: tests give one that breaks its arrays, to see the check refuse them. */
    SpacePlanner(Optional<TWaySettings> tWay, int maxConfigurations,
                 BiFunction<CoverageProblem, Long, CoveringArray> generator) {
        this.tWay = tWay;
        this.maxConfigurations = maxConfigurations;
        this.generator = generator;
    }

    /** The candidate values this plan draws each parameter's values from. */
    public Sampling sampling() {
        return tWay.map(t -> Sampling.dense(t.seed())).orElse(Sampling.representatives());
    }

    /** The constraints that apply to a model: those whose every parameter it has. */
    public static List<Constraint> applicable(ModelInfo m, List<Constraint> constraints) {
        return constraints.stream().filter(k -> m.params().keySet().containsAll(k.names())).toList();
    }

    /**
     * @param constraints the manifest's constraints (those naming a parameter {@code m} lacks are left out)
     * @param mustHave    whole configurations of {@code m} that must be planned, each meeting the constraints
     */
    public PlannedSpace plan(ModelInfo m, List<Constraint> constraints, List<Configuration> mustHave)
            throws SpaceException {
        List<Constraint> own = applicable(m, constraints);
        for (Configuration c : mustHave) {
            if (!allowed(own, c)) {
                throw new IllegalArgumentException(c.canonical() + " breaks a constraint; the caller checks must-haves");
            }
        }
        if (tWay.isEmpty()) {
            return exhaustive(m, own, mustHave);
        }
        TWaySettings t = tWay.get();
        List<ParamSpec> params = new ArrayList<>(m.params().values());
        List<List<Value>> candidates = candidates(params, mustHave);
        BigInteger product = BigInteger.ONE;
        for (List<Value> c : candidates) {
            product = product.multiply(BigInteger.valueOf(c.size()));
        }
        if (product.compareTo(BigInteger.valueOf(t.exhaustiveBelow())) < 0 || params.isEmpty()) {
            return small(params, candidates, own, product, t);
        }
        return covering(m, params, candidates, own, mustHave, product, t);
    }

    private PlannedSpace exhaustive(ModelInfo m, List<Constraint> own, List<Configuration> mustHave)
            throws SpaceException {
        BigInteger n = m.exhaustiveCount();
        if (n.compareTo(BigInteger.valueOf(maxConfigurations)) > 0) {
            throw new SpaceException("has " + n + " configurations, more than max-configurations " + maxConfigurations
                    + "; raise the bound, narrow allowed_values, or use configurations: t-way", false);
        }
        Set<Configuration> out = new LinkedHashSet<>();
        m.exhaustiveConfigurations().stream().filter(c -> allowed(own, c)).forEach(out::add);
        int product = out.size();
        out.addAll(mustHave);
        return new PlannedSpace(new ArrayList<>(out), new SpaceSummary(false, 0, "", 0, n, out.size(),
                "every combination of candidate values" + (own.isEmpty() ? "" : " the constraints allow")
                        + (out.size() > product ? ", and " + (out.size() - product) + " more the manifest names" : ""),
                0));
    }

    /** A t-way space below the threshold: every combination of the dense candidates the constraints allow. */
    private PlannedSpace small(List<ParamSpec> params, List<List<Value>> candidates, List<Constraint> own,
                               BigInteger product, TWaySettings t) throws SpaceException {
        List<Configuration> out = new ArrayList<>();
        int[] at = new int[params.size()];
        for (long i = 0; i < product.longValueExact(); i++) {
            Map<String, Value> values = new TreeMap<>();
            for (int p = 0; p < at.length; p++) {
                values.put(params.get(p).name(), candidates.get(p).get(at[p]));
            }
            Configuration c = new Configuration(values);
            if (allowed(own, c)) {
                out.add(c);
            }
            for (int p = at.length - 1; p >= 0 && ++at[p] == candidates.get(p).size(); p--) {
                at[p] = 0;
            }
        }
        bound(out.size());
        return new PlannedSpace(out, new SpaceSummary(false, 0, "", 0, product, out.size(),
                (params.isEmpty() ? "a t-way profile, but no parameter to combine"
                        : "a t-way profile, but " + product + " candidate combinations is below exhaustive-below "
                        + t.exhaustiveBelow()) + ": every one" + (own.isEmpty() ? "" : " the constraints allow"), 0));
    }

    private PlannedSpace covering(ModelInfo m, List<ParamSpec> params, List<List<Value>> candidates,
                                  List<Constraint> own, List<Configuration> mustHave, BigInteger product,
                                  TWaySettings t) throws SpaceException {
        int[] levels = candidates.stream().mapToInt(List::size).toArray();
        Shape shape = new Shape(levels);
        Strength strength = new Strength(Math.min(t.strength(), params.size()), groups(params, t));
        // Without constraints no array is smaller; with them some of those tuples may be ruled out.
        long least = own.isEmpty() ? leastRows(levels, strength.t()) : 0;
        if (least > maxConfigurations) {
            throw new SpaceException("needs at least " + least + " configurations to cover every " + strength.t()
                    + "-tuple of its candidate values, more than max-configurations " + maxConfigurations
                    + "; raise the bound, lower the strength or narrow allowed_values", false);
        }
        long tuples = tuples(levels, strength);
        if (tuples > MAX_TUPLES) {
            throw new SpaceException("has " + tuples + " tuples to cover at " + strength + ", more than "
                    + MAX_TUPLES + "; lower the strength or narrow allowed_values", false);
        }
        List<RowConstraint> rowConstraints = own.stream().map(k -> (RowConstraint) new ConstraintColumns(k, params,
                candidates)).toList();
        List<int[]> rows = new ArrayList<>();
        for (Configuration c : mustHaves(m, own, mustHave)) {
            rows.add(indices(params, candidates, c));
        }
        CoverageProblem problem = new CoverageProblem(shape, strength, rowConstraints, rows);
        CoveringArray array;
        try {
            array = generator.apply(problem, t.seed());
        } catch (IllegalArgumentException e) {
            throw new SpaceException(e.getMessage(), false);
        }
        CoverageVerifier.Result check = CoverageVerifier.verify(problem, array.rows());
        if (!check.passed()) {
            throw new SpaceException("the generated covering array fails the independent check (" + check.uncovered()
                    + " allowed tuples uncovered, " + check.invalidRows() + " rows breaking a constraint: "
                    + check.examples() + "); the run refuses to go on: report this with the profile's seed", true);
        }
        List<Configuration> out = new ArrayList<>();
        for (int[] row : array.rows()) {
            out.add(configuration(params, candidates, row));
        }
        if (!out.subList(0, rows.size()).equals(rows.stream().map(r -> configuration(params, candidates, r)).toList())) {
            throw new SpaceException("the generated array lost a must-have configuration; the run refuses to go on",
                    true);
        }
        bound(out.size());
        String groups = strength.groups().isEmpty() ? "" : String.join(", ", t.groups().stream()
                .map(ParamGroup::toString).toList());
        return new PlannedSpace(out, new SpaceSummary(true, strength.t(), groups, t.seed(), product, out.size(),
                array.construction(), check.tuples()));
    }

    private void bound(int size) throws SpaceException {
        if (size > maxConfigurations) {
            throw new SpaceException("has " + size + " configurations, more than max-configurations " + maxConfigurations
                    + "; raise the bound, lower the strength or narrow allowed_values", false);
        }
    }

    /** Each parameter's candidates, with the values must-haves give it. */
    private List<List<Value>> candidates(List<ParamSpec> params, List<Configuration> mustHave) {
        List<List<Value>> out = new ArrayList<>();
        for (ParamSpec p : params) {
            Set<Value> values = new TreeSet<>(sampling().candidates(p));
            values.add(p.initValue());
            p.offValue().ifPresent(values::add);
            mustHave.forEach(c -> values.add(c.get(p.name())));
            out.add(List.copyOf(values));
        }
        return out;
    }

    /**
     * All-init; all-off when every parameter has an off value, else each such parameter off with the
     * rest at init; then the given ones. Derived ones a constraint rules out are left out: the
     * constraint says that configuration is invalid by design.
     */
    private static List<Configuration> mustHaves(ModelInfo m, List<Constraint> own, List<Configuration> given) {
        Set<Configuration> out = new LinkedHashSet<>();
        out.add(m.initial());
        List<ParamSpec> offable = m.params().values().stream().filter(p -> p.offValue().isPresent()).toList();
        if (offable.size() == m.params().size()) {
            Configuration off = m.initial();
            for (ParamSpec p : offable) {
                off = off.with(p.name(), p.offValue().get());
            }
            out.add(off);
        } else {
            offable.forEach(p -> out.add(m.initial().with(p.name(), p.offValue().get())));
        }
        out.removeIf(c -> !allowed(own, c));
        out.addAll(given);
        return new ArrayList<>(out);
    }

    /** The profile's groups over this model's parameters; a group keeps the parameters the model has. */
    private static List<StrengthGroup> groups(List<ParamSpec> params, TWaySettings t) {
        List<String> names = params.stream().map(ParamSpec::name).toList();
        List<StrengthGroup> out = new ArrayList<>();
        for (ParamGroup g : t.groups()) {
            int[] cols = g.params().stream().mapToInt(names::indexOf).filter(i -> i >= 0).distinct().toArray();
            int s = Math.min(g.strength(), cols.length);
            if (s > Math.min(t.strength(), names.size())) {
                out.add(new StrengthGroup(g.name(), s, cols));
            }
        }
        return out;
    }

    /** No array covers every t-tuple in fewer rows than the product of the t largest column sizes. */
    private static long leastRows(int[] levels, int t) {
        int[] sorted = levels.clone();
        Arrays.sort(sorted);
        long n = 1;
        try {
            for (int i = 0; i < t && i < sorted.length; i++) {
                n = Math.multiplyExact(n, sorted[sorted.length - 1 - i]);
            }
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
        return n;
    }

    /** How many tuples the strength names, from the column sizes alone (elementary symmetric sums). */
    static long tuples(int[] levels, Strength strength) {
        double n = symmetricSum(levels, strength.t());
        for (StrengthGroup g : strength.groups()) {
            n += symmetricSum(Arrays.stream(g.columns()).map(c -> levels[c]).toArray(), g.strength());
        }
        return n >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) n;
    }

    private static double symmetricSum(int[] levels, int t) {
        double[] e = new double[t + 1];
        e[0] = 1;
        for (int l : levels) {
            for (int j = t; j >= 1; j--) {
                e[j] += e[j - 1] * l;
            }
        }
        return e[t];
    }

    private static boolean allowed(List<Constraint> own, Configuration c) {
        for (Constraint k : own) {
            if (k.test(c) != Truth.TRUE) {
                return false;
            }
        }
        return true;
    }

    private static int[] indices(List<ParamSpec> params, List<List<Value>> candidates, Configuration c) {
        int[] row = new int[params.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = candidates.get(i).indexOf(c.get(params.get(i).name()));
        }
        return row;
    }

    private static Configuration configuration(List<ParamSpec> params, List<List<Value>> candidates, int[] row) {
        Map<String, Value> values = new TreeMap<>();
        for (int i = 0; i < row.length; i++) {
            values.put(params.get(i).name(), candidates.get(i).get(row[i]));
        }
        return new Configuration(values);
    }
}

package org.migcert.model.coverage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates covering arrays: deterministic for a seed, honouring constraints, containing the
 * must-have rows. IPOG gives a first array, which tabu row elimination then makes smaller
 * ({@link Ipog}, {@link TabuImprover}). For unconstrained columns that all take the same few
 * values, the symbol-orbit construction ({@link SymbolOrbits}) is tried as well, and the smaller
 * array wins. Nothing here depends on time: the same problem, seed and effort give the same array.
 */
public final class CoveringArrayGenerator {
    /** What reports name as the generator. */
    public static final String NAME = "migcert covering arrays (IPOG + tabu row elimination; symbol orbits)";
    /** How many iterations a cell a repair just changed stays untouched. */
    private static final int TENURE = 3;
    /** Share of the effort the symbol-orbit construction may use, where it applies. */
    private static final int ORBIT_SHARE_PERCENT = 30;
    /** Budget of one attempt at a number of orbit starters, as a share of the orbit budget. */
    private static final int ORBIT_ATTEMPTS = 2;

    private final Effort effort;

    public CoveringArrayGenerator(Effort effort) {
        this.effort = effort;
    }

    /**
     * @throws IllegalArgumentException when the constraints rule out every row, or the problem has more
     *         tuples than can be numbered
     */
    public CoveringArray generate(CoverageProblem p, long seed) {
        Shape shape = p.shape();
        Feasibility feasibility = new Feasibility(shape, p.constraints());
        int[] open = new int[shape.columns()];
        Arrays.fill(open, RowConstraint.OPEN);
        if (!feasibility.satisfiable(open)) {
            throw new IllegalArgumentException("the constraints together rule out every configuration");
        }
        Interactions in = new Interactions(shape, p.strength());
        boolean[] allowed = feasibility.allowedTuples(in);
        SplittableRandom random = new SplittableRandom(seed);
        int fixed = p.mustHave().size();
        int floor = Math.max(1, floor(in, allowed));
        boolean orbits = feasibility.unconstrained() && SymbolOrbits.applies(shape);
        long orbitBudget = orbits ? effort.work() * ORBIT_SHARE_PERCENT / 100 : 0;

        List<int[]> rows = new Ipog(in, allowed, feasibility, random.split()).build(p.mustHave());
        if (rows.isEmpty()) {
            // No column set to cover (no columns at all): the one configuration there is.
            feasibility.complete(open, random);
            rows.add(open);
        }
        CoverageState state = new CoverageState(in, allowed, rows, fixed);
        if (state.uncoveredCount() != 0) {
            throw new IllegalStateException("IPOG left " + state.uncoveredCount() + " tuples uncovered");
        }
        List<int[]> best = new TabuImprover(state, feasibility, random.split(), effort.work() - orbitBudget, TENURE)
                .improve(floor);
        String construction = "IPOG, then tabu row elimination";
        if (orbits && best.size() > floor) {
            long[] used = {0};
            List<int[]> orbit = SymbolOrbits.build(in, random.split(), best.size(), orbitBudget / ORBIT_ATTEMPTS,
                    orbitBudget, used);
            if (orbit != null) {
                List<int[]> start = new ArrayList<>(p.mustHave());
                start.addAll(orbit);
                CoverageState o = new CoverageState(in, allowed, start, fixed);
                List<int[]> smaller = new TabuImprover(o, feasibility, random.split(),
                        Math.max(0, orbitBudget - used[0]), TENURE).improve(floor);
                if (smaller.size() < best.size()) {
                    best = smaller;
                    construction = "symbol orbits (Chateauneuf, Colbourn and Kreher), then tabu row elimination";
                }
            }
        }
        return new CoveringArray(p, seed, construction, best);
    }

    /** No array has fewer rows than the allowed tuples of its fullest column set. */
    private static int floor(Interactions in, boolean[] allowed) {
        int floor = 0;
        for (int s = 0; s < in.sets.length; s++) {
            int n = 0;
            for (int local = 0; local < in.sizes[s]; local++) {
                n += allowed[in.offsets[s] + local] ? 1 : 0;
            }
            floor = Math.max(floor, n);
        }
        return floor;
    }
}

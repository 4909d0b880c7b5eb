package org.migcert.model.coverage;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes a covering array smaller: removes the row whose loss uncovers the fewest tuples, then
 * repairs the array by tabu search (as Nurmela's, 2004: an uncovered tuple is chosen at random and
 * written into the row where that costs least, a row's recently changed cells staying untouched for
 * a while), and repeats until a repair fails within the work budget or no row can go. The budget is
 * counted in tuple updates, never in time, so the result depends on the seed alone.
 */
final class TabuImprover {
    /** Share of the budget one repair may use before it restarts from the last complete array. */
    private static final int ATTEMPTS = 10;

    private CoverageState state;
    private final Feasibility feasibility;
    private final SplittableRandom random;
    private final long budget;
    private final int tenure;

    TabuImprover(CoverageState state, Feasibility feasibility, SplittableRandom random, long budget, int tenure) {
        this.state = state;
        this.feasibility = feasibility;
        this.random = random;
        this.budget = budget;
        this.tenure = tenure;
    }

    /**
     * The smallest complete array reached; {@code floor} is a size no array can go below. A repair
     * that does not succeed within a tenth of the budget starts again from the last complete array:
     * how long a repair takes varies widely with the random walk, and a fresh walk often succeeds
     * quickly where a long one stays stuck.
     */
    List<int[]> improve(int floor) {
        List<int[]> best = state.snapshot();
        long attempt = Math.max(1, budget / ATTEMPTS);
        while (state.rows.size() > Math.max(floor, state.fixed) && state.work < budget) {
            state.remove(leastNeeded());
            if (repair(Math.min(budget, state.work + attempt))) {
                best = state.snapshot();
            } else {
                long spent = state.work;
                state = new CoverageState(state.in, state.allowed, best, state.fixed);
                state.work = spent;
            }
        }
        return best;
    }

    /** The free row covering the fewest tuples alone, random among equals. */
    private int leastNeeded() {
        int choice = -1;
        int least = Integer.MAX_VALUE;
        int ties = 0;
        for (int r = state.fixed; r < state.rows.size(); r++) {
            int n = state.coveredOnlyBy(r);
            if (n < least) {
                least = n;
                choice = r;
                ties = 1;
            } else if (n == least && random.nextInt(++ties) == 0) {
                choice = r;
            }
        }
        return choice;
    }

    private boolean repair(long limit) {
        Interactions in = state.in;
        int rows = state.rows.size();
        int columns = in.shape.columns();
        long[] tabu = new long[rows * columns];
        int bestOpen = state.uncoveredCount();
        int[] changed = new int[columns];
        int[] values = new int[columns];
        int[] tuple = new int[columns];
        int[] differ = new int[rows];
        long iteration = 0;
        while (state.uncoveredCount() > 0) {
            if (state.work >= limit) {
                return false;
            }
            iteration++;
            int g = state.uncovered(random.nextInt(state.uncoveredCount()));
            int s = in.setOf(g);
            int[] cols = in.sets[s];
            for (int j = 0; j < cols.length; j++) {
                tuple[j] = in.valueAt(s, g - in.offsets[s], j);
            }
            // Rows one cell away from the tuple first (a cheap move, as Nurmela's); any row when none is.
            int fewest = Integer.MAX_VALUE;
            for (int r = state.fixed; r < rows; r++) {
                int[] row = state.rows.get(r);
                int d = 0;
                for (int j = 0; j < cols.length; j++) {
                    if (row[cols[j]] != tuple[j]) {
                        d++;
                    }
                }
                differ[r] = d;
                fewest = Math.min(fewest, d);
            }
            state.work += rows;
            int bestGain = Integer.MIN_VALUE;
            int choice = -1;
            int ties = 0;
            for (int r = state.fixed; r < rows; r++) {
                if (differ[r] != fewest) {
                    continue;
                }
                int[] row = state.rows.get(r);
                int n = 0;
                boolean isTabu = false;
                for (int j = 0; j < cols.length; j++) {
                    if (row[cols[j]] != tuple[j]) {
                        changed[n] = cols[j];
                        values[n++] = tuple[j];
                        isTabu |= tabu[r * columns + cols[j]] > iteration;
                    }
                }
                if (!feasibility.unconstrained() && !acceptable(row, changed, values, n)) {
                    continue;
                }
                int gain = state.gain(r, changed, values, n);
                if (isTabu && state.uncoveredCount() - gain >= bestOpen) {
                    continue;
                }
                if (gain > bestGain) {
                    bestGain = gain;
                    choice = r;
                    ties = 1;
                } else if (gain == bestGain && random.nextInt(++ties) == 0) {
                    choice = r;
                }
            }
            if (choice < 0) {
                continue;
            }
            int[] row = state.rows.get(choice);
            for (int j = 0; j < cols.length; j++) {
                if (row[cols[j]] != tuple[j]) {
                    state.set(choice, cols[j], tuple[j]);
                    tabu[choice * columns + cols[j]] = iteration + tenure;
                }
            }
            bestOpen = Math.min(bestOpen, state.uncoveredCount());
        }
        return true;
    }

    private boolean acceptable(int[] row, int[] changed, int[] values, int n) {
        int[] tried = row.clone();
        for (int i = 0; i < n; i++) {
            tried[changed[i]] = values[i];
        }
        return feasibility.holds(tried);
    }
}

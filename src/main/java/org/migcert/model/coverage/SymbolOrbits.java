package org.migcert.model.coverage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A covering array for columns that all take the same {@code v} values, built as Chateauneuf,
 * Colbourn and Kreher do (1999): a few starter rows, each with every permutation of the symbols
 * applied to it, and the {@code v} constant rows. A permutation maps a row to any row with the same
 * pattern of equal cells, so the array covers every tuple of a column set once some starter shows
 * that tuple's pattern of equalities on those columns (a constant tuple is in a constant row).
 * Starters are found by simulated annealing over far fewer cells than the array has: for 3^10 at
 * strength 3, seven starters give 6 x 7 + 3 = 45 rows.
 */
final class SymbolOrbits {
    /** More symbols make v! copies of each starter: too many rows to pay off. */
    static final int MAX_SYMBOLS = 4;

    private final Interactions in;
    private final int v;
    private final SplittableRandom random;
    /** For each set size t, the pattern number of each restricted growth string code (base t), or -1. */
    private final int[][] patternOfCode;
    /** For each set size t, how many patterns need a starter. */
    private final int[] patternsOfSize;
    long work;
    /** Scratch space of {@link #pattern}: the block each symbol opened. */
    private final int[] blockOf;

    private SymbolOrbits(Interactions in, SplittableRandom random) {
        this.in = in;
        this.v = in.shape.levels(0);
        this.random = random;
        this.blockOf = new int[v];
        int largest = 0;
        for (int[] set : in.sets) {
            largest = Math.max(largest, set.length);
        }
        patternOfCode = new int[largest + 1][];
        patternsOfSize = new int[largest + 1];
        for (int t = 1; t <= largest; t++) {
            int[] table = new int[pow(t, t)];
            Arrays.fill(table, -1);
            int[] rgs = new int[t];
            int n = 0;
            for (int code = 0; code < table.length; code++) {
                decodeBase(code, t, rgs);
                int blocks = blocksIfGrowthString(rgs);
                if (blocks >= 2 && blocks <= v) {
                    table[code] = n++;
                }
            }
            patternOfCode[t] = table;
            patternsOfSize[t] = n;
        }
    }

    /** Whether the construction applies: every column with the same 2 to {@link #MAX_SYMBOLS} values. */
    static boolean applies(Shape shape) {
        if (shape.columns() == 0) {
            return false;
        }
        int v = shape.levels(0);
        for (int c = 1; c < shape.columns(); c++) {
            if (shape.levels(c) != v) {
                return false;
            }
        }
        return v >= 2 && v <= MAX_SYMBOLS;
    }

    /**
     * The smallest array found with fewer rows than {@code below}, trying fewer and fewer starters
     * (each try within {@code attemptBudget} cell evaluations, all within {@code budget}); null when
     * none was found.
     */
    static List<int[]> build(Interactions in, SplittableRandom random, int below, long attemptBudget, long budget,
                             long[] workDone) {
        SymbolOrbits o = new SymbolOrbits(in, random);
        int perStarter = factorial(o.v);
        int starters = (below - 1 - o.v) / perStarter;
        List<int[]> best = null;
        while (starters >= 1 && o.work + attemptBudget <= budget) {
            int[][] found = o.starters(starters, attemptBudget);
            if (found == null) {
                break;
            }
            best = o.expand(found);
            starters--;
        }
        workDone[0] += o.work;
        return best;
    }

    /** {@code m} starter rows showing every pattern on every set, or null when annealing did not find them. */
    private int[][] starters(int m, long attemptBudget) {
        int k = in.shape.columns();
        int[][] rows = new int[m][k];
        for (int[] r : rows) {
            for (int c = 0; c < k; c++) {
                r[c] = random.nextInt(v);
            }
        }
        int[][] count = new int[in.sets.length][];
        int missing = 0;
        for (int s = 0; s < in.sets.length; s++) {
            count[s] = new int[patternsOfSize[in.sets[s].length]];
            for (int[] r : rows) {
                int p = pattern(s, r);
                if (p >= 0) {
                    count[s][p]++;
                }
            }
            for (int p = 0; p < count[s].length; p++) {
                missing += count[s][p] == 0 ? 1 : 0;
            }
        }
        long start = work;
        // Temperatures for a cost counted in missing patterns; staying warm finds starters more often than freezing.
        double hot = 1.0;
        double cold = 0.3;
        double temperature = hot;
        double cooling = Math.pow(cold / hot, 1.0 / Math.max(1, attemptBudget / Math.max(1, in.setsOf[0].length)));
        while (missing > 0) {
            if (work - start >= attemptBudget) {
                return null;
            }
            int r = random.nextInt(m);
            int c = random.nextInt(k);
            int value = random.nextInt(v);
            temperature *= cooling;
            int old = rows[r][c];
            if (value == old) {
                continue;
            }
            int[] sets = in.setsOf[c];
            work += sets.length;
            int delta = 0;
            for (int s : sets) {
                int before = pattern(s, rows[r]);
                rows[r][c] = value;
                int after = pattern(s, rows[r]);
                rows[r][c] = old;
                if (before == after) {
                    continue;
                }
                delta += before >= 0 && count[s][before] == 1 ? 1 : 0;
                delta -= after >= 0 && count[s][after] == 0 ? 1 : 0;
            }
            if (delta > 0 && random.nextDouble() >= Math.exp(-delta / temperature)) {
                continue;
            }
            for (int s : sets) {
                int before = pattern(s, rows[r]);
                if (before >= 0) {
                    count[s][before]--;
                }
            }
            rows[r][c] = value;
            for (int s : sets) {
                int after = pattern(s, rows[r]);
                if (after >= 0) {
                    count[s][after]++;
                }
            }
            missing += delta;
        }
        return rows;
    }

    /** The constant rows, then every symbol permutation of every starter, without repeats. */
    private List<int[]> expand(int[][] starters) {
        Set<List<Integer>> seen = new LinkedHashSet<>();
        int k = in.shape.columns();
        for (int x = 0; x < v; x++) {
            int[] row = new int[k];
            Arrays.fill(row, x);
            seen.add(Arrays.stream(row).boxed().toList());
        }
        for (int[] perm : permutations(v)) {
            for (int[] s : starters) {
                int[] row = new int[k];
                for (int c = 0; c < k; c++) {
                    row[c] = perm[s[c]];
                }
                seen.add(Arrays.stream(row).boxed().toList());
            }
        }
        List<int[]> out = new ArrayList<>();
        for (List<Integer> r : seen) {
            out.add(r.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    /** The pattern number of the equalities {@code row} shows on set {@code s}; -1 for a constant (or unused) one. */
    private int pattern(int s, int[] row) {
        int[] cols = in.sets[s];
        int t = cols.length;
        int code = 0;
        // Restricted growth string: each cell names the first earlier cell equal to it, by block number.
        int[] firstOf = blockOf;
        Arrays.fill(firstOf, -1);
        int blocks = 0;
        for (int j = 0; j < t; j++) {
            int x = row[cols[j]];
            if (firstOf[x] < 0) {
                firstOf[x] = blocks++;
            }
            code = code * t + firstOf[x];
        }
        return patternOfCode[t][code];
    }

    /** Writes the base-{@code t} digits of {@code code} into {@code out}, most significant first. */
    private static void decodeBase(int code, int t, int[] out) {
        for (int j = t - 1; j >= 0; j--) {
            out[j] = code % t;
            code /= t;
        }
    }

    /** The number of blocks when {@code s} is a restricted growth string (each entry at most one above the earlier maximum), else -1. */
    private static int blocksIfGrowthString(int[] s) {
        int max = -1;
        for (int x : s) {
            if (x > max + 1) {
                return -1;
            }
            max = Math.max(max, x);
        }
        return max + 1;
    }

    private static List<int[]> permutations(int n) {
        List<int[]> out = new ArrayList<>();
        permute(new int[n], new boolean[n], 0, out);
        return out;
    }

    private static void permute(int[] p, boolean[] used, int i, List<int[]> out) {
        if (i == p.length) {
            out.add(p.clone());
            return;
        }
        for (int x = 0; x < p.length; x++) {
            if (!used[x]) {
                used[x] = true;
                p[i] = x;
                permute(p, used, i + 1, out);
                used[x] = false;
            }
        }
    }

    private static int factorial(int n) {
        return n <= 1 ? 1 : n * factorial(n - 1);
    }

    private static int pow(int b, int e) {
        int r = 1;
        for (int i = 0; i < e; i++) {
            r *= b;
        }
        return r;
    }
}

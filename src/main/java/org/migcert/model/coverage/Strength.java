package org.migcert.model.coverage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a covering array must cover: every combination of values of any {@code t} columns, and of
 * any {@code group.strength()} columns of each group. A strength above the column count means
 * every column together (the full product).
 */
public record Strength(int t, List<StrengthGroup> groups) {
    public Strength {
        if (t < 1) {
            throw new IllegalArgumentException("strength " + t + " is below 1");
        }
        groups = List.copyOf(groups);
    }

    public static Strength of(int t) {
        return new Strength(t, List.of());
    }

    /**
     * The column sets whose value combinations must all appear, each ascending. A set inside a group
     * whose strength is at least its size is left out: covering the group's sets covers it.
     */
    public List<int[]> columnSets(int columns) {
        if (columns == 0) {
            return List.of(); // nothing to combine: the one configuration there is covers it all
        }
        List<int[]> candidates = new ArrayList<>();
        subsets(rangeOf(columns), Math.min(t, columns), candidates);
        for (StrengthGroup g : groups) {
            subsets(g.columns(), g.strength(), candidates);
        }
        Set<List<Integer>> seen = new HashSet<>();
        List<int[]> out = new ArrayList<>();
        for (int[] s : candidates) {
            if (!impliedByAGroup(s) && seen.add(Arrays.stream(s).boxed().toList())) {
                out.add(s);
            }
        }
        return out;
    }

    /** Whether a group covers every combination of {@code s} with sets strictly larger than {@code s}. */
    private boolean impliedByAGroup(int[] s) {
        for (StrengthGroup g : groups) {
            if (g.strength() > s.length && contains(g.columns(), s)) {
                return true;
            }
        }
        return false;
    }

    private static int[] rangeOf(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    /** Every {@code k}-subset of {@code from} (ascending), in lexicographic order. */
    static void subsets(int[] from, int k, List<int[]> out) {
        int[] idx = new int[k];
        for (int i = 0; i < k; i++) {
            idx[i] = i;
        }
        while (k <= from.length) {
            int[] s = new int[k];
            for (int i = 0; i < k; i++) {
                s[i] = from[idx[i]];
            }
            out.add(s);
            int i = k - 1;
            while (i >= 0 && idx[i] == from.length - k + i) {
                i--;
            }
            if (i < 0) {
                return;
            }
            idx[i]++;
            for (int j = i + 1; j < k; j++) {
                idx[j] = idx[j - 1] + 1;
            }
        }
    }

    /** Whether ascending {@code big} contains every element of ascending {@code small}. */
    private static boolean contains(int[] big, int[] small) {
        int j = 0;
        for (int b : big) {
            if (j < small.length && small[j] == b) {
                j++;
            }
        }
        return j == small.length;
    }

    @Override
    public String toString() {
        return "strength " + t + (groups.isEmpty() ? "" : ", " + groups);
    }
}

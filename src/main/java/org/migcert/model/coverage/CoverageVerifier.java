package org.migcert.model.coverage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.migcert.model.Truth;

/**
 * Checks a covering array by brute force, sharing nothing with the generator: for every column set
 * the strength names, every value combination that some valid row could hold must be in some row,
 * and every row must meet every constraint. Which combinations a valid row could hold is found by
 * listing every valid assignment of the columns constraints read, group by independent group.
 */
public final class CoverageVerifier {
    /** A group of constrained columns with more assignments than this is not listed. */
    public static final long MAX_ASSIGNMENTS = 1L << 22;
    /** A column set with more value combinations than this is not checked one by one. */
    public static final long MAX_COMBINATIONS = 1L << 26;
    private static final int EXAMPLES = 5;

    /**
     * What the check found.
     *
     * @param tuples       how many value combinations had to be covered (those a valid row could hold)
     * @param uncovered    how many of them no row holds
     * @param invalidRows  how many rows break a constraint
     * @param examples     a few of the uncovered combinations or invalid rows, in words
     */
    public record Result(long tuples, long uncovered, long invalidRows, List<String> examples) {
        public boolean passed() {
            return uncovered == 0 && invalidRows == 0;
        }
    }

    private CoverageVerifier() {
    }

    /** @throws IllegalArgumentException when the problem is too large to check this simply */
    public static Result verify(CoverageProblem problem, List<int[]> rows) {
        Shape shape = problem.shape();
        List<String> examples = new ArrayList<>();
        long invalid = 0;
        for (int[] row : rows) {
            for (RowConstraint k : problem.constraints()) {
                if (k.test(row) != Truth.TRUE) {
                    invalid++;
                    if (examples.size() < EXAMPLES) {
                        examples.add("row " + Arrays.toString(row) + " breaks a constraint");
                    }
                    break;
                }
            }
        }
        Possible possible = new Possible(shape, problem.constraints());
        long tuples = 0;
        long uncovered = 0;
        for (int[] columns : columnSets(problem.strength(), shape.columns())) {
            long combinations = 1;
            for (int c : columns) {
                combinations *= shape.levels(c);
                if (combinations > MAX_COMBINATIONS) {
                    throw new IllegalArgumentException("column set " + Arrays.toString(columns) + " has more than "
                            + MAX_COMBINATIONS + " value combinations");
                }
            }
            boolean[] seen = new boolean[(int) combinations];
            for (int[] row : rows) {
                seen[index(shape, columns, row)] = true;
            }
            int[] values = new int[columns.length];
            for (int i = 0; i < combinations; i++) {
                decode(shape, columns, i, values);
                if (!possible.holds(columns, values)) {
                    continue;
                }
                tuples++;
                if (!seen[i]) {
                    uncovered++;
                    if (examples.size() < EXAMPLES) {
                        examples.add("columns " + Arrays.toString(columns) + " = " + Arrays.toString(values)
                                + " is in no row");
                    }
                }
            }
        }
        return new Result(tuples, uncovered, invalid, List.copyOf(examples));
    }

    /** Every {@code t}-subset of all columns, and every {@code g.strength()}-subset of each group, repeats kept. */
    static List<int[]> columnSets(Strength strength, int columns) {
        List<int[]> out = new ArrayList<>();
        int[] all = new int[columns];
        for (int c = 0; c < columns; c++) {
            all[c] = c;
        }
        choose(all, Math.min(strength.t(), columns), 0, new int[0], out);
        for (StrengthGroup g : strength.groups()) {
            choose(g.columns(), g.strength(), 0, new int[0], out);
        }
        return out;
    }

    private static void choose(int[] from, int k, int start, int[] chosen, List<int[]> out) {
        if (chosen.length == k) {
            out.add(chosen);
            return;
        }
        for (int i = start; i < from.length; i++) {
            int[] next = Arrays.copyOf(chosen, chosen.length + 1);
            next[chosen.length] = from[i];
            choose(from, k, i + 1, next, out);
        }
    }

    private static int index(Shape shape, int[] columns, int[] row) {
        int i = 0;
        for (int c : columns) {
            i = i * shape.levels(c) + row[c];
        }
        return i;
    }

    private static void decode(Shape shape, int[] columns, int index, int[] values) {
        for (int j = columns.length - 1; j >= 0; j--) {
            values[j] = index % shape.levels(columns[j]);
            index /= shape.levels(columns[j]);
        }
    }

    /**
     * The value combinations a valid row can hold. Constraints that share no column are independent,
     * so each group of linked constraints is listed alone: every assignment of its columns that all
     * its constraints accept. A combination is possible when, in every group, some listed assignment
     * agrees with it on the columns both have (columns no constraint reads take any value).
     */
    private static final class Possible {
        private final List<int[]> groupColumns = new ArrayList<>();
        private final List<List<int[]>> groupValid = new ArrayList<>();
        /** By group and positions within it: the values valid assignments show there. */
        private final Map<List<Integer>, Set<List<Integer>>> projections = new HashMap<>();

        Possible(Shape shape, List<RowConstraint> constraints) {
            List<Set<Integer>> groups = new ArrayList<>();
            List<List<RowConstraint>> members = new ArrayList<>();
            for (RowConstraint k : constraints) {
                Set<Integer> cols = new HashSet<>();
                Arrays.stream(k.columns()).forEach(cols::add);
                List<RowConstraint> mine = new ArrayList<>(List.of(k));
                for (int g = groups.size() - 1; g >= 0; g--) {
                    if (groups.get(g).stream().anyMatch(cols::contains)) {
                        cols.addAll(groups.remove(g));
                        mine.addAll(members.remove(g));
                    }
                }
                groups.add(cols);
                members.add(mine);
            }
            for (int g = 0; g < groups.size(); g++) {
                int[] cols = groups.get(g).stream().mapToInt(Integer::intValue).sorted().toArray();
                long assignments = 1;
                for (int c : cols) {
                    assignments *= shape.levels(c);
                    if (assignments > MAX_ASSIGNMENTS) {
                        throw new IllegalArgumentException("constraints linking columns " + Arrays.toString(cols)
                                + " have more than " + MAX_ASSIGNMENTS + " assignments to check");
                    }
                }
                List<int[]> valid = new ArrayList<>();
                int[] row = new int[shape.columns()];
                for (long a = 0; a < assignments; a++) {
                    long rest = a;
                    for (int j = cols.length - 1; j >= 0; j--) {
                        row[cols[j]] = (int) (rest % shape.levels(cols[j]));
                        rest /= shape.levels(cols[j]);
                    }
                    boolean ok = true;
                    for (RowConstraint k : members.get(g)) {
                        ok &= k.test(row) == Truth.TRUE;
                    }
                    if (ok) {
                        valid.add(Arrays.stream(cols).map(c -> row[c]).toArray());
                    }
                }
                groupColumns.add(cols);
                groupValid.add(valid);
            }
        }

        boolean holds(int[] columns, int[] values) {
            for (int g = 0; g < groupColumns.size(); g++) {
                int[] cols = groupColumns.get(g);
                List<Integer> shared = new ArrayList<>();
                List<Integer> wanted = new ArrayList<>();
                for (int j = 0; j < columns.length; j++) {
                    int at = Arrays.binarySearch(cols, columns[j]);
                    if (at >= 0) {
                        shared.add(at);
                        wanted.add(values[j]);
                    }
                }
                List<Integer> key = new ArrayList<>(shared);
                key.add(0, g);
                Set<List<Integer>> seen = projections.computeIfAbsent(key, x -> project(groupValid.get(x.get(0)),
                        shared));
                if (!seen.contains(wanted)) {
                    return false;
                }
            }
            return true;
        }

        /** Each valid assignment of a group cut down to the given positions. */
        private static Set<List<Integer>> project(List<int[]> valid, List<Integer> positions) {
            Set<List<Integer>> out = new HashSet<>();
            for (int[] assignment : valid) {
                List<Integer> p = new ArrayList<>();
                positions.forEach(at -> p.add(assignment[at]));
                out.add(p);
            }
            return out;
        }
    }
}

package org.migcert.model.coverage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.migcert.model.Truth;

/**
 * Random covering-array problems for property tests: shapes of up to 8 columns of 1 to 5 values,
 * strength 2 or 3, sometimes a group at a higher strength, up to three constraints forbidding a pair
 * or triple of values, and up to three must-have rows. Small enough that every row can be listed,
 * so answers can be checked by brute force.
 */
final class RandomProblems {
    private RandomProblems() {
    }

    /** A problem drawn from {@code seed}; its constraints leave at least one valid row. */
    static CoverageProblem draw(long seed) {
        Random r = new Random(seed);
        while (true) {
            int columns = 1 + r.nextInt(8);
            int[] levels = new int[columns];
            for (int c = 0; c < columns; c++) {
                levels[c] = 1 + r.nextInt(5);
            }
            Shape shape = new Shape(levels);
            int t = 2 + r.nextInt(2);
            List<StrengthGroup> groups = new ArrayList<>();
            if (columns >= 4 && r.nextBoolean()) {
                int[] cols = r.ints(0, columns).distinct().limit(3 + r.nextInt(columns - 2)).toArray();
                int s = Math.min(cols.length, t + 1);
                if (s > t) {
                    groups.add(new StrengthGroup("g", s, cols));
                }
            }
            List<RowConstraint> constraints = new ArrayList<>();
            int n = columns >= 2 ? r.nextInt(4) : 0;
            for (int i = 0; i < n; i++) {
                int[] cols = r.ints(0, columns).distinct().limit(Math.min(columns, 2 + r.nextInt(2))).sorted().toArray();
                int[] values = Arrays.stream(cols).map(c -> r.nextInt(levels[c])).toArray();
                constraints.add(new Forbidden(cols, values));
            }
            List<int[]> valid = BruteForce.validRows(shape, constraints);
            if (valid.isEmpty()) {
                continue;
            }
            List<int[]> mustHave = new ArrayList<>();
            for (int i = r.nextInt(4); i > 0; i--) {
                mustHave.add(valid.get(r.nextInt(valid.size())));
            }
            return new CoverageProblem(shape, new Strength(t, groups), constraints, mustHave);
        }
    }

    /** {@code not (c0 == v0 and c1 == v1 ...)}: one combination of values is invalid. */
    record Forbidden(int[] cols, int[] values) implements RowConstraint {
        @Override
        public int[] columns() {
            return cols.clone();
        }

        @Override
        public Truth test(int[] row) {
            boolean open = false;
            for (int i = 0; i < cols.length; i++) {
                if (row[cols[i]] < 0) {
                    open = true;
                } else if (row[cols[i]] != values[i]) {
                    return Truth.TRUE;
                }
            }
            return open ? Truth.UNKNOWN : Truth.FALSE;
        }

        @Override
        public String toString() {
            return "not " + Arrays.toString(cols) + " = " + Arrays.toString(values);
        }
    }
}

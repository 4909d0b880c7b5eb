package org.migcert.model.coverage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.migcert.model.Truth;

/**
 * The answers of a covering-array problem by listing every row: the valid rows, and from them the
 * tuples that must be covered. A third opinion beside the generator and {@link CoverageVerifier}.
 */
final class BruteForce {
    private BruteForce() {
    }

    static List<int[]> validRows(Shape shape, List<RowConstraint> constraints) {
        List<int[]> out = new ArrayList<>();
        int[] row = new int[shape.columns()];
        while (true) {
            boolean ok = true;
            for (RowConstraint k : constraints) {
                ok &= k.test(row) == Truth.TRUE;
            }
            if (ok) {
                out.add(row.clone());
            }
            int c = row.length - 1;
            while (c >= 0 && ++row[c] == shape.levels(c)) {
                row[c--] = 0;
            }
            if (c < 0) {
                return out;
            }
        }
    }

    /** How many tuples some valid row holds but none of {@code rows} does. */
    static long uncovered(CoverageProblem p, List<int[]> rows) {
        long n = 0;
        List<int[]> valid = validRows(p.shape(), p.constraints());
        for (int[] cols : CoverageVerifier.columnSets(p.strength(), p.shape().columns())) {
            Set<List<Integer>> needed = project(valid, cols);
            needed.removeAll(project(rows, cols));
            n += needed.size();
        }
        return n;
    }

    private static Set<List<Integer>> project(List<int[]> rows, int[] cols) {
        Set<List<Integer>> out = new HashSet<>();
        for (int[] r : rows) {
            out.add(Arrays.stream(cols).map(c -> r[c]).boxed().toList());
        }
        return out;
    }
}

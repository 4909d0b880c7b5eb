package org.migcert.model.coverage;

import java.util.ArrayList;
import java.util.List;
import org.migcert.model.Truth;

/**
 * What a covering array is asked for: its columns, the strength it must cover, the constraints every
 * row must meet, and rows it must contain (must-haves) whatever else it holds.
 */
public record CoverageProblem(Shape shape, Strength strength, List<RowConstraint> constraints, List<int[]> mustHave) {
    public CoverageProblem {
        constraints = List.copyOf(constraints);
        List<int[]> rows = new ArrayList<>();
        for (int[] r : mustHave) {
            if (r.length != shape.columns()) {
                throw new IllegalArgumentException("a must-have row has " + r.length + " cells, not " + shape.columns());
            }
            for (int c = 0; c < r.length; c++) {
                if (r[c] < 0 || r[c] >= shape.levels(c)) {
                    throw new IllegalArgumentException("a must-have row has value " + r[c] + " in column " + c
                            + ", which takes 0 to " + (shape.levels(c) - 1));
                }
            }
            for (RowConstraint k : constraints) {
                if (k.test(r) != Truth.TRUE) {
                    throw new IllegalArgumentException("a must-have row breaks a constraint");
                }
            }
            rows.add(r.clone());
        }
        mustHave = List.copyOf(rows);
    }

    public static CoverageProblem of(Shape shape, int strength) {
        return new CoverageProblem(shape, Strength.of(strength), List.of(), List.of());
    }
}

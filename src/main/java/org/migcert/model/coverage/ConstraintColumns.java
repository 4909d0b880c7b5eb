package org.migcert.model.coverage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.migcert.model.ParamSpec;
import org.migcert.model.Truth;
import org.migcert.model.Value;
import org.migcert.model.constraint.Constraint;

/** A manifest constraint read over a covering array's columns: each cell a candidate value's index. */
final class ConstraintColumns implements RowConstraint {
    private final Constraint constraint;
    private final Map<String, Integer> columnOf = new HashMap<>();
    private final List<List<Value>> candidates;
    private final int[] columns;

    ConstraintColumns(Constraint constraint, List<ParamSpec> params, List<List<Value>> candidates) {
        this.constraint = constraint;
        for (int i = 0; i < params.size(); i++) {
            columnOf.put(params.get(i).name(), i);
        }
        this.candidates = candidates;
        if (!columnOf.keySet().containsAll(constraint.names())) {
            throw new IllegalArgumentException(constraint + " reads a parameter the model lacks");
        }
        this.columns = constraint.names().stream().mapToInt(columnOf::get).sorted().toArray();
    }

    @Override
    public int[] columns() {
        return columns.clone();
    }

    @Override
    public Truth test(int[] row) {
        return constraint.test(name -> {
            Integer c = columnOf.get(name);
            return c == null || row[c] < 0 ? null : candidates.get(c).get(row[c]);
        });
    }

    @Override
    public String toString() {
        return constraint.text();
    }
}

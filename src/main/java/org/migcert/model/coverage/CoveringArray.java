package org.migcert.model.coverage;

import java.util.ArrayList;
import java.util.List;

/**
 * A generated covering array: its rows (value indices, one per column; the problem's must-haves
 * first), the problem it answers, the seed it was generated from, and which construction gave it.
 */
public record CoveringArray(CoverageProblem problem, long seed, String construction, List<int[]> rows) {
    public CoveringArray {
        List<int[]> copy = new ArrayList<>();
        rows.forEach(r -> copy.add(r.clone()));
        rows = List.copyOf(copy);
    }

    /** The rows, copied: the array itself never changes. */
    @Override
    public List<int[]> rows() {
        List<int[]> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.clone()));
        return out;
    }

    public int size() {
        return rows.size();
    }
}

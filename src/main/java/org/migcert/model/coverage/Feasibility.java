package org.migcert.model.coverage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.migcert.model.Truth;

/**
 * Which partial rows can be completed into a row every constraint accepts. Constraints that share
 * no column are independent, so each connected group of constraints is solved on its own, by
 * backtracking over its open columns, and its answers are remembered by the values it sees.
 */
final class Feasibility {
    private final Shape shape;
    private final List<Component> components = new ArrayList<>();

    /** Constraints linked through shared columns, with the columns they read. */
    private static final class Component {
        final int[] columns;
        final List<RowConstraint> constraints;
        /** Answers by the component's projection of a partial row; only when the projection fits a long. */
        final Map<Long, Boolean> memo = new HashMap<>();
        final boolean memoized;

        Component(int[] columns, List<RowConstraint> constraints, Shape shape) {
            this.columns = columns;
            this.constraints = constraints;
            double bits = 0;
            for (int c : columns) {
                bits += Math.log(shape.levels(c) + 1.0) / Math.log(2);
            }
            this.memoized = bits < 62;
        }
    }

    Feasibility(Shape shape, List<RowConstraint> constraints) {
        this.shape = shape;
        int n = shape.columns();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (RowConstraint k : constraints) {
            int[] cols = k.columns();
            for (int c : cols) {
                if (c < 0 || c >= n) {
                    throw new IllegalArgumentException("a constraint reads column " + c + " of " + n);
                }
            }
            for (int j = 1; j < cols.length; j++) {
                parent[find(parent, cols[j])] = find(parent, cols[0]);
            }
        }
        Map<Integer, List<RowConstraint>> byRoot = new HashMap<>();
        List<Integer> roots = new ArrayList<>();
        for (RowConstraint k : constraints) {
            if (k.columns().length == 0) {
                roots.add(-1 - roots.size());
                byRoot.put(roots.get(roots.size() - 1), new ArrayList<>(List.of(k)));
                continue;
            }
            int r = find(parent, k.columns()[0]);
            if (!byRoot.containsKey(r)) {
                roots.add(r);
                byRoot.put(r, new ArrayList<>());
            }
            byRoot.get(r).add(k);
        }
        for (int r : roots) {
            int[] cols = r < 0 ? new int[0] : java.util.stream.IntStream.range(0, n).filter(c -> find(parent, c) == r)
                    .toArray();
            components.add(new Component(cols, byRoot.get(r), shape));
        }
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    boolean unconstrained() {
        return components.isEmpty();
    }

    /**
     * For each tuple of {@code in}, whether some row every constraint accepts holds it: only those
     * have to be covered. A set none of whose columns a constraint reads is allowed whole.
     */
    boolean[] allowedTuples(Interactions in) {
        boolean[] out = new boolean[in.total];
        int[] open = new int[shape.columns()];
        Arrays.fill(open, RowConstraint.OPEN);
        boolean any = satisfiable(open);
        boolean[] constrained = new boolean[shape.columns()];
        for (Component k : components) {
            for (int c : k.columns) {
                constrained[c] = true;
            }
        }
        for (int s = 0; s < in.sets.length; s++) {
            boolean touched = false;
            for (int c : in.sets[s]) {
                touched |= constrained[c];
            }
            for (int local = 0; local < in.sizes[s]; local++) {
                if (!touched || !any) {
                    out[in.offsets[s] + local] = any;
                    continue;
                }
                int[] row = open.clone();
                in.decode(s, local, row);
                out[in.offsets[s] + local] = satisfiable(row);
            }
        }
        return out;
    }

    /** Whether every constraint accepts a whole row. */
    boolean holds(int[] row) {
        for (Component k : components) {
            for (RowConstraint c : k.constraints) {
                if (c.test(row) != Truth.TRUE) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether the open cells of {@code partial} can be chosen so that every constraint accepts the row. */
    boolean satisfiable(int[] partial) {
        for (Component k : components) {
            if (!satisfiable(k, partial)) {
                return false;
            }
        }
        return true;
    }

    private boolean satisfiable(Component k, int[] partial) {
        long key = 0;
        if (k.memoized) {
            for (int c : k.columns) {
                key = key * (shape.levels(c) + 1) + (partial[c] + 1);
            }
            Boolean known = k.memo.get(key);
            if (known != null) {
                return known;
            }
        }
        int[] row = partial.clone();
        boolean ok = search(k, row, 0, null);
        if (k.memoized) {
            k.memo.put(key, ok);
        }
        return ok;
    }

    /**
     * Chooses every open cell of {@code row} so that every constraint accepts it: constrained cells by
     * search (trying values from a random start), the others at random. False, with {@code row}
     * unchanged, when no choice exists.
     */
    boolean complete(int[] row, SplittableRandom random) {
        int[] work = row.clone();
        for (Component k : components) {
            if (!search(k, work, 0, random)) {
                return false;
            }
        }
        for (int c = 0; c < work.length; c++) {
            if (work[c] < 0) {
                work[c] = random.nextInt(shape.levels(c));
            }
        }
        System.arraycopy(work, 0, row, 0, row.length);
        return true;
    }

    /** Backtracking over the component's open columns from position {@code from}; leaves a solution in {@code row}. */
    private boolean search(Component k, int[] row, int from, SplittableRandom random) {
        boolean allTrue = true;
        for (RowConstraint c : k.constraints) {
            Truth t = c.test(row);
            if (t == Truth.FALSE) {
                return false;
            }
            allTrue &= t == Truth.TRUE;
        }
        if (allTrue && random == null) {
            return true;
        }
        int i = from;
        while (i < k.columns.length && row[k.columns[i]] >= 0) {
            i++;
        }
        if (i == k.columns.length) {
            return allTrue;
        }
        int c = k.columns[i];
        int levels = shape.levels(c);
        int start = random == null ? 0 : random.nextInt(levels);
        for (int d = 0; d < levels; d++) {
            row[c] = (start + d) % levels;
            if (search(k, row, i + 1, random)) {
                return true;
            }
        }
        row[c] = RowConstraint.OPEN;
        return false;
    }

    @Override
    public String toString() {
        return components.size() + " independent constraint groups over columns "
                + components.stream().map(k -> Arrays.toString(k.columns)).toList();
    }
}

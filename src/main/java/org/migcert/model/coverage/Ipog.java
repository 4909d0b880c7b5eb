package org.migcert.model.coverage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The initial covering array, built column by column as IPOG does (Lei et al., 2007): each new
 * column is first given, row by row, the value that covers the most new tuples (horizontal
 * growth), then the tuples still uncovered go into open cells of existing rows or into new rows
 * (vertical growth). Columns with more values come first. A cell nothing needs stays open until the
 * end, where constraints permitting it gets a random value; every choice keeps each row
 * completable under the constraints.
 */
final class Ipog {
    private final Interactions in;
    private final boolean[] allowed;
    private final Feasibility feasibility;
    private final SplittableRandom random;

    Ipog(Interactions in, boolean[] allowed, Feasibility feasibility, SplittableRandom random) {
        this.in = in;
        this.allowed = allowed;
        this.feasibility = feasibility;
        this.random = random;
    }

    /** Whole rows covering every allowed tuple: the must-have rows first, unchanged. */
    List<int[]> build(List<int[]> mustHave) {
        int n = in.shape.columns();
        Integer[] order = new Integer[n];
        for (int c = 0; c < n; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(in.shape.levels(b), in.shape.levels(a)));
        int[] rank = new int[n];
        for (int i = 0; i < n; i++) {
            rank[order[i]] = i;
        }
        List<List<Integer>> setsAt = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            setsAt.add(new ArrayList<>());
        }
        for (int s = 0; s < in.sets.length; s++) {
            int last = 0;
            for (int c : in.sets[s]) {
                last = Math.max(last, rank[c]);
            }
            setsAt.get(last).add(s);
        }
        List<int[]> rows = new ArrayList<>();
        mustHave.forEach(r -> rows.add(r.clone()));
        int fixed = rows.size();
        boolean[] covered = new boolean[in.total];
        for (int i = 0; i < n; i++) {
            List<Integer> sets = setsAt.get(i);
            if (sets.isEmpty()) {
                continue;
            }
            int column = order[i];
            for (int[] row : rows) {
                mark(row, sets, covered);
            }
            for (int r = fixed; r < rows.size(); r++) {
                grow(rows.get(r), column, sets, covered);
            }
            for (int s : sets) {
                for (int local = 0; local < in.sizes[s]; local++) {
                    int g = in.offsets[s] + local;
                    if (allowed[g] && !covered[g]) {
                        place(rows, fixed, s, local, sets, covered);
                    }
                }
            }
        }
        for (int r = fixed; r < rows.size(); r++) {
            if (!feasibility.complete(rows.get(r), random)) {
                throw new IllegalStateException("a row kept completable could not be completed");
            }
        }
        return rows;
    }

    private void mark(int[] row, List<Integer> sets, boolean[] covered) {
        for (int s : sets) {
            int local = in.local(s, row);
            if (local >= 0) {
                covered[in.offsets[s] + local] = true;
            }
        }
    }

    /** Horizontal growth of one row: the value of {@code column} that covers most, random among equals. */
    private void grow(int[] row, int column, List<Integer> sets, boolean[] covered) {
        if (row[column] >= 0) {
            mark(row, sets, covered);
            return;
        }
        int levels = in.shape.levels(column);
        int[] gain = new int[levels];
        for (int s : sets) {
            int[] cols = in.sets[s];
            int base = 0;
            int stride = 0;
            boolean complete = true;
            for (int j = 0; j < cols.length; j++) {
                if (cols[j] == column) {
                    stride = in.strides[s][j];
                } else if (row[cols[j]] < 0) {
                    complete = false;
                    break;
                } else {
                    base += row[cols[j]] * in.strides[s][j];
                }
            }
            if (!complete) {
                continue;
            }
            for (int v = 0; v < levels; v++) {
                int g = in.offsets[s] + base + v * stride;
                if (allowed[g] && !covered[g]) {
                    gain[v]++;
                }
            }
        }
        int best = 0;
        int choice = -1;
        int ties = 0;
        for (int v = 0; v < levels; v++) {
            if (gain[v] < best || gain[v] == 0) {
                continue;
            }
            row[column] = v;
            boolean ok = feasibility.satisfiable(row);
            row[column] = RowConstraint.OPEN;
            if (!ok) {
                continue;
            }
            if (gain[v] > best) {
                best = gain[v];
                choice = v;
                ties = 1;
            } else if (random.nextInt(++ties) == 0) {
                choice = v;
            }
        }
        if (choice >= 0) {
            row[column] = choice;
            mark(row, sets, covered);
        }
    }

    /** Vertical growth of one tuple: into the first row whose cells agree or are open, else a new row. */
    private void place(List<int[]> rows, int fixed, int s, int local, List<Integer> sets, boolean[] covered) {
        int[] cols = in.sets[s];
        int[] values = new int[cols.length];
        for (int j = 0; j < cols.length; j++) {
            values[j] = in.valueAt(s, local, j);
        }
        for (int r = fixed; r < rows.size(); r++) {
            int[] row = rows.get(r);
            boolean fits = true;
            for (int j = 0; j < cols.length && fits; j++) {
                fits = row[cols[j]] < 0 || row[cols[j]] == values[j];
            }
            if (!fits) {
                continue;
            }
            int[] tried = row.clone();
            for (int j = 0; j < cols.length; j++) {
                tried[cols[j]] = values[j];
            }
            if (feasibility.satisfiable(tried)) {
                System.arraycopy(tried, 0, row, 0, row.length);
                mark(row, sets, covered);
                return;
            }
        }
        int[] row = new int[in.shape.columns()];
        Arrays.fill(row, RowConstraint.OPEN);
        for (int j = 0; j < cols.length; j++) {
            row[cols[j]] = values[j];
        }
        rows.add(row);
        mark(row, sets, covered);
    }
}

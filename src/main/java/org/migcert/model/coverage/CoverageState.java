package org.migcert.model.coverage;

import java.util.ArrayList;
import java.util.List;

/**
 * A covering array being improved: its whole rows, how many rows cover each tuple, and the allowed
 * tuples no row covers yet (a set that gives a random member in constant time). The first
 * {@code fixed} rows are must-haves: never changed, never removed.
 */
final class CoverageState {
    final Interactions in;
    final boolean[] allowed;
    final int fixed;
    final List<int[]> rows = new ArrayList<>();
    /** For each row, the tuple it holds in each set (number within the set). */
    final List<int[]> held = new ArrayList<>();
    final int[] count;
    private final int[] uncovered;
    private final int[] where;
    private int open;
    /** Tuple updates done so far: the unit the search budget is counted in. */
    long work;

    CoverageState(Interactions in, boolean[] allowed, List<int[]> rows, int fixed) {
        this.in = in;
        this.allowed = allowed;
        this.fixed = fixed;
        this.count = new int[in.total];
        this.uncovered = new int[in.total];
        this.where = new int[in.total];
        for (int g = 0; g < in.total; g++) {
            where[g] = -1;
            if (allowed[g]) {
                push(g);
            }
        }
        for (int[] r : rows) {
            add(r.clone());
        }
    }

    int uncoveredCount() {
        return open;
    }

    /** The {@code i}-th uncovered tuple (global number), {@code 0 <= i < uncoveredCount()}. */
    int uncovered(int i) {
        return uncovered[i];
    }

    void add(int[] row) {
        int[] h = new int[in.sets.length];
        for (int s = 0; s < h.length; s++) {
            h[s] = in.local(s, row);
            bump(in.offsets[s] + h[s], 1);
        }
        rows.add(row);
        held.add(h);
    }

    /** Removes row {@code r}; the last row takes its place. */
    void remove(int r) {
        int[] h = held.get(r);
        for (int s = 0; s < h.length; s++) {
            bump(in.offsets[s] + h[s], -1);
        }
        int last = rows.size() - 1;
        rows.set(r, rows.get(last));
        held.set(r, held.get(last));
        rows.remove(last);
        held.remove(last);
    }

    /** Sets one cell of row {@code r}; returns how many uncovered tuples that removed (negative: added). */
    int set(int r, int column, int value) {
        int[] row = rows.get(r);
        int delta = value - row[column];
        if (delta == 0) {
            return 0;
        }
        int before = open;
        int[] h = held.get(r);
        int[] sets = in.setsOf[column];
        int[] strides = in.strideIn[column];
        for (int i = 0; i < sets.length; i++) {
            int s = sets[i];
            int base = in.offsets[s];
            bump(base + h[s], -1);
            h[s] += delta * strides[i];
            bump(base + h[s], 1);
        }
        row[column] = value;
        work += sets.length;
        return before - open;
    }

    /**
     * How many uncovered tuples setting cells {@code columns[0..n)} of row {@code r} to {@code values}
     * would remove (negative: add), without changing anything. Each set the change touches is
     * counted once: its tuple before and after the change.
     */
    int gain(int r, int[] columns, int[] values, int n) {
        int[] row = rows.get(r);
        int[] h = held.get(r);
        if (n == 1) {
            return gain(h, columns[0], values[0] - row[columns[0]]);
        }
        int gain = 0;
        int reads = 0;
        for (int i = 0; i < n; i++) {
            int[] sets = in.setsOf[columns[i]];
            for (int x = 0; x < sets.length; x++) {
                int s = sets[x];
                if (touchedEarlier(s, columns, i)) {
                    continue;
                }
                int[] cols = in.sets[s];
                int moved = h[s];
                for (int j = 0; j < cols.length; j++) {
                    for (int k = i; k < n; k++) {
                        if (cols[j] == columns[k]) {
                            moved += (values[k] - row[cols[j]]) * in.strides[s][j];
                        }
                    }
                }
                reads++;
                int base = in.offsets[s];
                if (moved == h[s]) {
                    continue;
                }
                if (count[base + h[s]] == 1 && allowed[base + h[s]]) {
                    gain--;
                }
                if (count[base + moved] == 0 && allowed[base + moved]) {
                    gain++;
                }
            }
        }
        work += reads;
        return gain;
    }

    /** The gain of moving one cell of a row holding tuples {@code h} by {@code delta} in {@code column}. */
    private int gain(int[] h, int column, int delta) {
        int[] sets = in.setsOf[column];
        int[] strides = in.strideIn[column];
        int[] offsets = in.offsets;
        int gain = 0;
        for (int i = 0; i < sets.length; i++) {
            int s = sets[i];
            int before = offsets[s] + h[s];
            int after = before + delta * strides[i];
            if (count[before] == 1 && allowed[before]) {
                gain--;
            }
            if (count[after] == 0 && allowed[after]) {
                gain++;
            }
        }
        work += sets.length;
        return gain;
    }

    /** Whether set {@code s} holds one of {@code columns[0..i)}: it was counted with that column. */
    private boolean touchedEarlier(int s, int[] columns, int i) {
        if (i == 0) {
            return false;
        }
        for (int c : in.sets[s]) {
            for (int k = 0; k < i; k++) {
                if (c == columns[k]) {
                    return true;
                }
            }
        }
        return false;
    }

    /** How many allowed tuples row {@code r} covers alone (removing it uncovers them). */
    int coveredOnlyBy(int r) {
        int[] h = held.get(r);
        int n = 0;
        for (int s = 0; s < h.length; s++) {
            int g = in.offsets[s] + h[s];
            if (count[g] == 1 && allowed[g]) {
                n++;
            }
        }
        work += h.length;
        return n;
    }

    private void bump(int g, int by) {
        int was = count[g];
        count[g] = was + by;
        if (!allowed[g]) {
            return;
        }
        if (was == 0 && by > 0) {
            pop(g);
        } else if (was + by == 0) {
            push(g);
        }
    }

    private void push(int g) {
        where[g] = open;
        uncovered[open++] = g;
    }

    private void pop(int g) {
        int i = where[g];
        int last = uncovered[--open];
        uncovered[i] = last;
        where[last] = i;
        where[g] = -1;
    }

    /** A copy of the rows. */
    List<int[]> snapshot() {
        List<int[]> out = new ArrayList<>(rows.size());
        for (int[] r : rows) {
            out.add(r.clone());
        }
        return out;
    }
}

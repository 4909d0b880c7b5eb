package org.migcert.model.coverage;

import java.util.ArrayList;
import java.util.List;

/**
 * The t-tuples a covering array must cover, numbered: each column set of a {@link Strength} with
 * the combinations of its columns' values in mixed radix, one global number per tuple.
 */
final class Interactions {
    final Shape shape;
    /** The column sets, each ascending. */
    final int[][] sets;
    /** For each set, the radix weight of each of its columns. */
    final int[][] strides;
    /** For each set, how many value combinations it has. */
    final int[] sizes;
    /** For each set, the global number of its first tuple. */
    final int[] offsets;
    /** How many tuples there are in all. */
    final int total;
    /** For each column, the sets that hold it; and the column's weight in each of those sets. */
    final int[][] setsOf;
    final int[][] strideIn;

    Interactions(Shape shape, Strength strength) {
        this.shape = shape;
        List<int[]> list = strength.columnSets(shape.columns());
        sets = list.toArray(new int[0][]);
        strides = new int[sets.length][];
        sizes = new int[sets.length];
        offsets = new int[sets.length];
        long running = 0;
        for (int s = 0; s < sets.length; s++) {
            int[] cols = sets[s];
            strides[s] = new int[cols.length];
            long size = 1;
            for (int j = cols.length - 1; j >= 0; j--) {
                strides[s][j] = (int) size;
                size *= shape.levels(cols[j]);
                if (size > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("too many value combinations in one column set");
                }
            }
            sizes[s] = (int) size;
            offsets[s] = (int) running;
            running += size;
            if (running > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("more than " + Integer.MAX_VALUE + " tuples to cover");
            }
        }
        total = (int) running;
        List<List<int[]>> by = new ArrayList<>();
        for (int c = 0; c < shape.columns(); c++) {
            by.add(new ArrayList<>());
        }
        for (int s = 0; s < sets.length; s++) {
            for (int j = 0; j < sets[s].length; j++) {
                by.get(sets[s][j]).add(new int[] {s, strides[s][j]});
            }
        }
        setsOf = new int[shape.columns()][];
        strideIn = new int[shape.columns()][];
        for (int c = 0; c < shape.columns(); c++) {
            List<int[]> l = by.get(c);
            setsOf[c] = new int[l.size()];
            strideIn[c] = new int[l.size()];
            for (int i = 0; i < l.size(); i++) {
                setsOf[c][i] = l.get(i)[0];
                strideIn[c][i] = l.get(i)[1];
            }
        }
    }

    /** The tuple of set {@code s} that {@code row} holds (its number within the set), or -1 when a column is open. */
    int local(int s, int[] row) {
        int[] cols = sets[s];
        int[] st = strides[s];
        int idx = 0;
        for (int j = 0; j < cols.length; j++) {
            int v = row[cols[j]];
            if (v < 0) {
                return -1;
            }
            idx += v * st[j];
        }
        return idx;
    }

    /** The set a global tuple number belongs to. */
    int setOf(int global) {
        int lo = 0;
        int hi = sets.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (offsets[mid] <= global) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Writes the values of tuple {@code local} of set {@code s} into {@code row} (other cells untouched). */
    void decode(int s, int local, int[] row) {
        int[] cols = sets[s];
        for (int j = 0; j < cols.length; j++) {
            row[cols[j]] = (local / strides[s][j]) % shape.levels(cols[j]);
        }
    }

    /** The value tuple {@code local} of set {@code s} gives the set's {@code j}-th column. */
    int valueAt(int s, int local, int j) {
        return (local / strides[s][j]) % shape.levels(sets[s][j]);
    }

    /** The most tuples any one set has to cover: no array can have fewer rows. */
    int largestSet() {
        int m = 0;
        for (int size : sizes) {
            m = Math.max(m, size);
        }
        return m;
    }
}

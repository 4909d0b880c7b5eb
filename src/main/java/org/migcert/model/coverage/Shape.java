package org.migcert.model.coverage;

import java.util.Arrays;

/** The columns of a covering array: how many values each column (one parameter) takes. */
public final class Shape {
    private final int[] levels;

    public Shape(int... levels) {
        for (int l : levels) {
            if (l < 1) {
                throw new IllegalArgumentException("a column needs at least one value, not " + l);
            }
        }
        this.levels = levels.clone();
    }

    /** {@code n} columns of {@code v} values each: {@code v^n}. */
    public static Shape uniform(int n, int v) {
        int[] l = new int[n];
        Arrays.fill(l, v);
        return new Shape(l);
    }

    public int columns() {
        return levels.length;
    }

    public int levels(int column) {
        return levels[column];
    }

    /** Exponent notation, largest first: {@code 5^2 3^4 2^3}. */
    @Override
    public String toString() {
        int[] sorted = levels.clone();
        Arrays.sort(sorted);
        StringBuilder sb = new StringBuilder();
        for (int i = sorted.length - 1; i >= 0; ) {
            int j = i;
            while (j >= 0 && sorted[j] == sorted[i]) {
                j--;
            }
            sb.append(sb.length() == 0 ? "" : " ").append(sorted[i]).append('^').append(i - j);
            i = j;
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(s.levels, levels);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(levels);
    }
}

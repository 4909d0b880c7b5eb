package org.migcert.model.coverage;

import java.util.Arrays;

/**
 * A named set of columns covered at a higher strength than the rest: every combination of
 * {@code strength} of them appears in some row.
 *
 * @param columns ascending column indices
 */
public record StrengthGroup(String name, int strength, int[] columns) {
    public StrengthGroup {
        columns = columns.clone();
        Arrays.sort(columns);
        if (strength < 1 || strength > columns.length) {
            throw new IllegalArgumentException("group " + name + ": strength " + strength + " needs 1 to "
                    + columns.length + " (its column count)");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StrengthGroup g && g.name.equals(name) && g.strength == strength
                && Arrays.equals(g.columns, columns);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + strength * 7 + Arrays.hashCode(columns);
    }

    @Override
    public String toString() {
        return name + " (strength " + strength + " over " + columns.length + " columns)";
    }
}

package org.migcert.model.coverage;

import org.migcert.model.Truth;

/**
 * A restriction on the rows of a covering array: a predicate over a few columns that a valid row
 * satisfies. Values are indices into each column's candidates; a column not chosen yet holds
 * {@link #OPEN}.
 */
public interface RowConstraint {
    /** The value of a cell not chosen yet. */
    int OPEN = -1;

    /** The columns the predicate reads, ascending, without repeats. */
    int[] columns();

    /**
     * Whether {@code row} satisfies the predicate: {@link Truth#UNKNOWN} only when a column it reads
     * is {@link #OPEN} and the answer depends on it.
     */
    Truth test(int[] row);
}

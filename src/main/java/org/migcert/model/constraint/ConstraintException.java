package org.migcert.model.constraint;

import java.util.Optional;

/**
 * A constraint that cannot be used: bad syntax, an unknown parameter, or values of the wrong type.
 * {@link #offset()} is the character of the constraint's text the problem is at (0-based), so the
 * manifest can name its line and column.
 */
public final class ConstraintException extends Exception {
    private final int offset;
    private final String unknownName;

    ConstraintException(int offset, String message) {
        this(offset, message, null);
    }

    ConstraintException(int offset, String message, String unknownName) {
        super(message);
        this.offset = offset;
        this.unknownName = unknownName;
    }

    public int offset() {
        return offset;
    }

    /** The parameter name the constraint reads but the model lacks, for a "did you mean" hint. */
    public Optional<String> unknownName() {
        return Optional.ofNullable(unknownName);
    }
}

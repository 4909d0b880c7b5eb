package org.migcert.suites;

/**
 * Thrown by a case body that finds, only by running, that its rule cannot be exercised on this
 * device (for example no optional records in a state). Graded NOT_APPLICABLE with the reason, never PASS.
 */
public class NotApplicableException extends RuntimeException {
    public NotApplicableException(String reason) {
        super(reason);
    }
}

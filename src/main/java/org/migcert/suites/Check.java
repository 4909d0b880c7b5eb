package org.migcert.suites;

import org.migcert.rules.Observation;

/**
 * The body of a case: does the work and reports what it saw. Device exceptions may escape; the
 * {@link FailureClassifier} turns them into an observation. A body that finds, only by running,
 * that its rule cannot be exercised throws {@link NotApplicable}.
 */
@FunctionalInterface
public interface Check {
    Observation run() throws Exception;

    /**
     * Thrown by a case body that finds, only by running, that its rule cannot be exercised on this
     * device (for example no optional records in a state): graded NOT_APPLICABLE with the reason,
     * never PASS. At planning time, say it with {@link CaseBuilder#notApplicable(String)} instead.
     */
    final class NotApplicable extends RuntimeException {
        public NotApplicable(String reason) {
            super(reason);
        }
    }
}

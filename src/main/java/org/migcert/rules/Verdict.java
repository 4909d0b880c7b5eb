package org.migcert.rules;

/**
 * The grade of one case. Only PASS counts as a pass; NOT_APPLICABLE carries its reason and counts as
 * nothing; BLOCKED names the case whose finding kept this one from checking its rule. FLAKY and
 * WAIVED are never written by a single attempt: {@link Grader#overAttempts} makes FLAKY of attempts
 * that disagree, and a valid waiver shows a failure WAIVED in the reports (the results file keeps the
 * device's own verdict).
 */
public enum Verdict {
    PASS,
    FAIL,
    /**
     * A step that only prepares the case failed by the device's doing (it refused, crashed or hung
     * while creating an allowed configuration or saving a reference state): that failure is a finding
     * of the rule the step exercises, reported by another case ({@link CaseResult#blockedBy()}). Never
     * a pass, never this case's rule's failure; a run with one is not conformant.
     */
    BLOCKED,
    ERROR,
    NOT_APPLICABLE,
    /**
     * Attempts of the case with identical inputs disagree ({@code run --retries}): the device failed at
     * least once. Never a pass; its attempts are its evidence ({@link CaseResult#attempts()}).
     */
    FLAKY,
    /**
     * A FAIL, BLOCKED or FLAKY case that a valid waiver covers ({@link CaseResult#waiver()}): still a
     * failure, shown with why it is accepted and until when. Never a pass.
     */
    WAIVED;

    /** Whether the device failed the case (as opposed to passing, not applying or the harness failing). */
    public boolean deviceFailure() {
        return this == FAIL || this == BLOCKED || this == FLAKY;
    }
}

package org.migcert.rules;

/**
 * The grade of one case. Only PASS counts as a pass; NOT_APPLICABLE carries its reason and counts as
 * nothing; BLOCKED names the case whose finding kept this one from checking its rule.
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
    NOT_APPLICABLE
}

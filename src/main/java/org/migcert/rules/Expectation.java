package org.migcert.rules;

/** An expected outcome and why (the oracle's or the rule's reasoning, in one line). */
public record Expectation(Expected outcome, String because) {
    public static Expectation of(Expected outcome, String because) {
        return new Expectation(outcome, because);
    }

    public static Expectation notApplicable(String because) {
        return new Expectation(Expected.NOT_APPLICABLE, because);
    }
}

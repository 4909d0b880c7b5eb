package org.migcert.rules;

/**
 * What one attempt of a retried case showed: the evidence that a case whose attempts disagree is
 * {@link Verdict#FLAKY}, listed on the case as reports show it.
 *
 * @param attempt  1-based attempt number
 * @param evidence the first line of the attempt's evidence
 */
public record AttemptOutcome(int attempt, Verdict verdict, Observed observed, String evidence, String finishedAt) {
}

package org.migcert.rules;

import java.util.List;

/**
 * One finished case: one line of {@code results.jsonl}, the raw file every report is rendered
 * from. Expectation and observation stay apart; {@link Grader} made the verdict.
 *
 * @param id            stable case id, used by {@code --case}
 * @param suite         suite name (Info, DefaultDisables, MigrationMatrix, OptionalData, StateMachine, Robustness)
 * @param rules         rule ids this case enforces
 * @param title         the human display name (rule, source, destination, configuration)
 * @param source        source implementation id (or the only implementation)
 * @param destination   destination implementation id, or null when the case has none
 * @param configuration canonical configuration text
 * @param expected      expected outcome
 * @param because       why that outcome is expected
 * @param observed      observed outcome
 * @param evidence      what was seen
 * @param phase         the step in which it was seen (null in results written before phases existed)
 * @param role          the role of the instance that step acts on
 * @param verdict       the grade
 * @param durationMs    wall time of the case
 * @param rerun         one-line command that reruns exactly this case
 * @param finishedAt    ISO-8601 instant
 * @param blockedBy     for a {@link Verdict#BLOCKED} case, the id of the case that reports the finding which
 *                      blocked it (that case may be outside the run's selection); null otherwise
 */
public record CaseResult(String id, String suite, List<String> rules, String title, String source, String destination,
                         String configuration, Expected expected, String because, Observed observed, String evidence,
                         Phase phase, Role role, Verdict verdict, long durationMs, String rerun, String finishedAt,
                         String blockedBy) {
    public CaseResult {
        rules = rules == null ? List.of() : List.copyOf(rules);
        if (role == null && phase != null) {
            role = phase.role();
        }
    }

    /** A result that no finding blocked. */
    public CaseResult(String id, String suite, List<String> rules, String title, String source, String destination,
                      String configuration, Expected expected, String because, Observed observed, String evidence,
                      Phase phase, Role role, Verdict verdict, long durationMs, String rerun, String finishedAt) {
        this(id, suite, rules, title, source, destination, configuration, expected, because, observed, evidence, phase,
                role, verdict, durationMs, rerun, finishedAt, null);
    }

    /**
     * The message the case's JUnit test ends with, which Allure's categories match on ({@code blocked
     * by}, {@code harness error}, {@code not applicable}); null for a pass.
     */
    public String endMessage() {
        String what = title + "\nexpected " + expected + " (" + because + ")\nobserved " + observed + " in " + phase + " ("
                + role + "): " + evidence + "\nrerun: " + rerun;
        return switch (verdict) {
            case PASS -> null;
            case FAIL -> what;
            case BLOCKED -> "blocked by " + blockedBy + ": " + what;
            case ERROR -> "harness error: " + what;
            case NOT_APPLICABLE -> "not applicable: " + because;
        };
    }
}

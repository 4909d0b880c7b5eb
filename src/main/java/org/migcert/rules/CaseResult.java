package org.migcert.rules;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param attempt       1-based attempt number: {@code run --retries} writes every attempt of a failing case, one
 *                      line each, together and in order (files written before retries existed say 1)
 * @param attempts      as reports show a case run more than once: every attempt, in order (each line of the
 *                      results file is one attempt and leaves this empty)
 * @param waiver        as reports show a {@link Verdict#WAIVED} case: the waiver that covers it (null in the
 *                      results file, which keeps the device's own verdict)
 */
public record CaseResult(String id, String suite, List<String> rules, String title, String source, String destination,
                         String configuration, Expected expected, String because, Observed observed, String evidence,
                         Phase phase, Role role, Verdict verdict, long durationMs, String rerun, String finishedAt,
                         String blockedBy, int attempt,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) List<AttemptOutcome> attempts,
                         @JsonInclude(JsonInclude.Include.NON_NULL) WaiverNote waiver) {
    public CaseResult {
        rules = rules == null ? List.of() : List.copyOf(rules);
        if (role == null && phase != null) {
            role = phase.role();
        }
        attempt = Math.max(1, attempt);
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    /** A first attempt, as the results file holds it. */
    public CaseResult(String id, String suite, List<String> rules, String title, String source, String destination,
                      String configuration, Expected expected, String because, Observed observed, String evidence,
                      Phase phase, Role role, Verdict verdict, long durationMs, String rerun, String finishedAt,
                      String blockedBy) {
        this(id, suite, rules, title, source, destination, configuration, expected, because, observed, evidence, phase,
                role, verdict, durationMs, rerun, finishedAt, blockedBy, 1, List.of(), null);
    }

    /** A result that no finding blocked. */
    public CaseResult(String id, String suite, List<String> rules, String title, String source, String destination,
                      String configuration, Expected expected, String because, Observed observed, String evidence,
                      Phase phase, Role role, Verdict verdict, long durationMs, String rerun, String finishedAt) {
        this(id, suite, rules, title, source, destination, configuration, expected, because, observed, evidence, phase,
                role, verdict, durationMs, rerun, finishedAt, null);
    }

    /** This result as attempt number {@code n}. */
    public CaseResult asAttempt(int n) {
        return new CaseResult(id, suite, rules, title, source, destination, configuration, expected, because, observed,
                evidence, phase, role, verdict, durationMs, rerun, finishedAt, blockedBy, n, attempts, waiver);
    }

    /** This case as reports show it: with another verdict, the attempts behind it and the waiver that covers it. */
    public CaseResult judged(Verdict v, List<AttemptOutcome> all, WaiverNote w) {
        return new CaseResult(id, suite, rules, title, source, destination, configuration, expected, because, observed,
                evidence, phase, role, v, durationMs, rerun, finishedAt, blockedBy, attempt, all, w);
    }

    /** Whether this line repeats a case already recorded (a retry): lists of cases count the first attempt only. */
    @JsonIgnore
    public boolean isRetry() {
        return attempt > 1;
    }

    /** What this attempt showed, for the list a retried case is reported with. */
    public AttemptOutcome outcome() {
        String first = evidence == null ? "" : evidence.lines().findFirst().orElse("");
        return new AttemptOutcome(attempt, verdict, observed, first, finishedAt);
    }

    /**
     * The message the case's JUnit test ends with, which Allure's categories match on ({@code flaky},
     * {@code blocked by}, {@code harness error}, {@code not applicable}, a waiver's text); null for a pass.
     */
    public String endMessage() {
        String what = title + "\nexpected " + expected + " (" + because + ")\nobserved " + observed + " in " + phase + " ("
                + role + "): " + evidence + attempts.stream().map(a -> "\nattempt " + a.attempt() + ": " + a.verdict() + " "
                + a.observed()).collect(java.util.stream.Collectors.joining()) + "\nrerun: " + rerun;
        return switch (verdict) {
            case PASS -> null;
            case FAIL -> what;
            case FLAKY -> "flaky: attempts disagree: " + what;
            case BLOCKED -> "blocked by " + blockedBy + ": " + what;
            case ERROR -> "harness error: " + what;
            case NOT_APPLICABLE -> "not applicable: " + because;
            case WAIVED -> waiver.text() + "\n" + what;
        };
    }
}

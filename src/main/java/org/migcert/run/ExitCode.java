package org.migcert.run;

import org.migcert.report.Summary;

/** Every exit status of the {@code migcert} command, in one place. */
public enum ExitCode {
    /** Conformant: no FAIL, no BLOCKED, no ERROR, at least one PASS. */
    CONFORMANT(0),
    /** Not conformant: at least one FAIL, FLAKY or BLOCKED (the device failed a step that prepares a case). */
    NOT_CONFORMANT(1),
    /** A usage, manifest or profile error: nothing ran; the message names file, line and column. */
    USAGE(2),
    /** No verdict possible: a partial run, an ERROR and no FAIL or BLOCKED, an unreadable result, or nothing checked at all. */
    HARNESS(3),
    /**
     * Every failure is known: for {@code gate}, covered by a valid waiver or in the baseline, as the policy says;
     * for {@code run} and {@code report}, WAIVED by a waiver in force ({@code run --waivers}), with nothing else
     * failing, flaky or in error.
     */
    KNOWN_FAILURES(4);

    private final int status;

    ExitCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The exit code of a gate's decision: 0 pass, 1 regression, 3 unknown, 4 only known failures. */
    public static ExitCode of(org.migcert.gate.Gate.Outcome outcome) {
        return switch (outcome) {
            case PASS -> CONFORMANT;
            case REGRESSION -> NOT_CONFORMANT;
            case UNKNOWN -> HARNESS;
            case KNOWN_FAILURES_ONLY -> KNOWN_FAILURES;
        };
    }

    /** The exit code of a run's overall verdict. */
    public static ExitCode of(Summary.Overall overall) {
        return switch (overall) {
            case CONFORMANT -> CONFORMANT;
            case NOT_CONFORMANT -> NOT_CONFORMANT;
            case PARTIAL, HARNESS_ERROR, NO_EVIDENCE -> HARNESS;
            case KNOWN_FAILURES_ONLY -> KNOWN_FAILURES;
        };
    }
}

package org.migcert.run;

import org.migcert.report.Summary;

/** Every exit status of the {@code migcert} command, in one place. */
public enum ExitCode {
    /** Conformant: no FAIL, no BLOCKED, no ERROR, at least one PASS. */
    CONFORMANT(0),
    /** Not conformant: at least one FAIL or BLOCKED (the device failed a step that prepares a case). */
    NOT_CONFORMANT(1),
    /** A usage, manifest or profile error: nothing ran; the message names file, line and column. */
    USAGE(2),
    /** No verdict possible: a partial run, an ERROR and no FAIL or BLOCKED, an unreadable result, or nothing checked at all. */
    HARNESS(3);

    private final int status;

    ExitCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The exit code of a run's overall verdict. */
    public static ExitCode of(Summary.Overall overall) {
        return switch (overall) {
            case CONFORMANT -> CONFORMANT;
            case NOT_CONFORMANT -> NOT_CONFORMANT;
            case PARTIAL, HARNESS_ERROR, NO_EVIDENCE -> HARNESS;
        };
    }
}

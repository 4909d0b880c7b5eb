package org.migcert.rules;

/** The one place where an expectation and an observation become a verdict. */
public final class Grader {
    private Grader() {
    }

    /**
     * NOT_APPLICABLE when the case does not apply; ERROR when nothing of the device was observed
     * (the harness failed, nothing ran); BLOCKED when the device failed a step that only prepares
     * the case ({@link Phase#prepares()}), whatever the expectation; else PASS or FAIL.
     */
    public static Verdict grade(Expectation expectation, Observation observation) {
        if (expectation.outcome() == Expected.NOT_APPLICABLE) {
            return Verdict.NOT_APPLICABLE;
        }
        if (observation.outcome() == Observed.HARNESS_ERROR || observation.outcome() == Observed.NOT_RUN
                || observation.outcome() == Observed.START_FAILED) {
            return Verdict.ERROR;
        }
        // Checked before the expectation: a case whose preparation failed has not checked its rule, even
        // when the failure happens to look like what it expects.
        if (observation.phase() != null && observation.phase().prepares()) {
            return Verdict.BLOCKED;
        }
        return satisfies(expectation.outcome(), observation.outcome()) ? Verdict.PASS : Verdict.FAIL;
    }

    /** Whether an observation meets an expectation. Crashes and hangs never do (not even SURVIVES). */
    public static boolean satisfies(Expected e, Observed o) {
        switch (e) {
            case MIGRATES:
                return o == Observed.MIGRATED;
            case REFUSED_AT_CREATE:
                return o == Observed.REFUSED_AT_CREATE;
            case REFUSED:
                return o == Observed.REFUSED_AT_CREATE || o == Observed.REFUSED_AT_LOAD;
            case IDENTICAL:
                return o == Observed.IDENTICAL;
            case ACCEPTED:
                return o == Observed.ACCEPTED;
            case REJECTED:
                return o == Observed.REJECTED || o == Observed.REFUSED_AT_CREATE || o == Observed.REFUSED_AT_LOAD;
            case SURVIVES:
                return o != Observed.CRASHED && o != Observed.HUNG && o != Observed.PROTOCOL
                        && o != Observed.SOURCE_FAILED && o != Observed.START_FAILED && o != Observed.HARNESS_ERROR
                        && o != Observed.NOT_RUN;
            default:
                return false;
        }
    }
}

package org.migcert.rules;

/** The one place where an expectation and an observation become a verdict. */
public final class Grader {
    private Grader() {
    }

    public static Verdict grade(Expectation expectation, Observation observation) {
        if (expectation.outcome() == Expected.NOT_APPLICABLE) {
            return Verdict.NOT_APPLICABLE;
        }
        if (observation.outcome() == Observed.HARNESS_ERROR || observation.outcome() == Observed.NOT_RUN
                || observation.outcome() == Observed.START_FAILED) {
            return Verdict.ERROR;
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

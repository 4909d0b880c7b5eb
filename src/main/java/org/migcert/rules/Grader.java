package org.migcert.rules;

import java.util.List;

/** The one place where an expectation and an observation become a verdict, and the attempts of a case one verdict. */
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

    /** Which verdicts a retry may revisit: the device's failures, never a harness error, a pass or a case that does not apply. */
    public static boolean retries(Verdict v) {
        return v == Verdict.FAIL || v == Verdict.BLOCKED;
    }

    /**
     * The case that the attempts of one case make, in attempt order: the first attempt as it is when
     * there was only one; with more, the first attempt with every attempt listed, graded FLAKY when their
     * verdicts differ (the device failed at least once with identical inputs) and else the verdict they
     * share.
     */
    public static CaseResult overAttempts(List<CaseResult> attempts) {
        CaseResult first = attempts.get(0);
        if (attempts.size() == 1) {
            return first;
        }
        // An attempt the harness could not judge (ERROR) neither confirms nor contradicts the others.
        boolean agree = attempts.stream().filter(a -> a.verdict() != Verdict.ERROR)
                .allMatch(a -> a.verdict() == first.verdict());
        return first.judged(agree ? first.verdict() : Verdict.FLAKY, attempts.stream().map(CaseResult::outcome).toList(),
                null);
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

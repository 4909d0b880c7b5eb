package org.migcert.rules;

/** What actually happened in one case. */
public enum Observed {
    MIGRATED,
    REFUSED_AT_CREATE,
    REFUSED_AT_LOAD,
    /** Migrated (or created) but the hardware interface differs from what it must equal. */
    DIVERGED,
    IDENTICAL,
    ACCEPTED,
    REJECTED,
    /**
     * The source side failed before the migration could be tried (it refused an allowed
     * configuration, the workload, or saving): never meets an expectation.
     */
    SOURCE_FAILED,
    /** The device process died or closed its connection. */
    CRASHED,
    /** The device answered outside its protocol (a malformed reply, an absurd size): it is alive but unusable. */
    PROTOCOL,
    /** The device program could not be executed at all: nothing of the device ran (graded ERROR, never FAIL). */
    START_FAILED,
    /** The device did not answer within the time limit. */
    HUNG,
    /** The harness itself failed (a bug or an environment problem): graded ERROR, not FAIL. */
    HARNESS_ERROR,
    /** Nothing was run (the expectation was NOT_APPLICABLE). */
    NOT_RUN
}

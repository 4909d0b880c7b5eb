package org.migcert.rules;

/**
 * A step of a case, with the role of the instance it acts on and what a failure there means: the
 * observation a refused creation, a refused request, or any other device error in this step
 * stands for. A crash or a hang is CRASHED or HUNG in every phase. A step that only {@link #prepares()}
 * the case is not what the case checks: its failure blocks the case ({@link Verdict#BLOCKED}).
 */
public enum Phase {
    /** Creates the source at a configuration its info allows: a failure here is INFO-1's finding. */
    CREATE_SOURCE("create the source", Role.SOURCE, Observed.SOURCE_FAILED, Observed.SOURCE_FAILED, Observed.SOURCE_FAILED),
    WORKLOAD("apply the workload to the source", Role.SOURCE, Observed.SOURCE_FAILED, Observed.SOURCE_FAILED,
            Observed.SOURCE_FAILED),
    CREATE_DESTINATION("create the destination", Role.DESTINATION, Observed.REFUSED_AT_CREATE, Observed.DIVERGED,
            Observed.DIVERGED),
    SAVE("save on the source (RUNNING -> STOP_COPY, read)", Role.SOURCE, Observed.SOURCE_FAILED, Observed.SOURCE_FAILED,
            Observed.SOURCE_FAILED),
    LOAD("load into the destination (RESUMING, write, STOP)", Role.DESTINATION, Observed.REFUSED_AT_LOAD,
            Observed.REFUSED_AT_LOAD, Observed.REFUSED_AT_LOAD),
    RESUME_DESTINATION("resume the destination (STOP -> RUNNING)", Role.DESTINATION, Observed.DIVERGED, Observed.DIVERGED,
            Observed.DIVERGED),
    COMPARE_DESTINATION("compare the destination's hardware interface with the source's", Role.DESTINATION,
            Observed.DIVERGED, Observed.DIVERGED, Observed.DIVERGED),
    RESUME_SOURCE("resume the source after the failed migration", Role.SOURCE, Observed.SOURCE_FAILED,
            Observed.REJECTED, Observed.SOURCE_FAILED),
    COMPARE_SOURCE("compare the resumed source's hardware interface with its own before", Role.SOURCE,
            Observed.SOURCE_FAILED, Observed.SOURCE_FAILED, Observed.SOURCE_FAILED),
    /** A helper instance saves a real state: a failure here is a finding of the migration that saves it (COMPAT-2). */
    REFERENCE_STATE("save a reference state to derive the case's input from", Role.REFERENCE, Observed.SOURCE_FAILED,
            Observed.SOURCE_FAILED, Observed.SOURCE_FAILED),
    /**
     * Reads an implementation's migration info (INFO-1): a program that hangs, fails or prints what is
     * not migration info makes every other case of that implementation impossible to plan.
     */
    READ_INFO("read the migration info", Role.PROGRAM, Observed.PROTOCOL, Observed.PROTOCOL, Observed.PROTOCOL),
    /** The case's own check on one instance: what it observes is the answer to the rule. */
    CHECK("check the instance", Role.INSTANCE, Observed.REFUSED_AT_CREATE, Observed.REJECTED, Observed.DIVERGED);

    private final String describe;
    private final Role role;
    private final Observed creationRefused;
    private final Observed requestRefused;
    private final Observed failed;

    Phase(String describe, Role role, Observed creationRefused, Observed requestRefused, Observed failed) {
        this.describe = describe;
        this.role = role;
        this.creationRefused = creationRefused;
        this.requestRefused = requestRefused;
        this.failed = failed;
    }

    /**
     * Whether this step only prepares the case (creates an allowed source, saves a reference state):
     * another case checks the rule it exercises, so its failure blocks this case instead of failing it.
     */
    public boolean prepares() {
        return this == CREATE_SOURCE || this == REFERENCE_STATE;
    }

    /** What happens in this step, in words. */
    public String describe() {
        return describe;
    }

    public Role role() {
        return role;
    }

    /** The observation an instance refusing its creation stands for in this step. */
    public Observed whenCreationRefused() {
        return creationRefused;
    }

    /** The observation a refused request (state change, data access) stands for in this step. */
    public Observed whenRequestRefused() {
        return requestRefused;
    }

    /** The observation any other device error (protocol, malformed data) stands for in this step. */
    public Observed whenFailed() {
        return failed;
    }
}

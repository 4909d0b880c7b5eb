package org.migcert.adapters.vfiouser;

import java.util.Optional;

/**
 * The mark every device program carries in its environment, {@value #VARIABLE}{@code =PID.START.N}:
 * its owner (the harness) and its instance number. Children inherit it, also ones that leave
 * the program's session, so whatever a program started can be found and ended, by this harness
 * or, once it has died, by the next run.
 */
record Label(Owner owner, long instance) {
    static final String VARIABLE = "MIGCERT_OWNER";

    /** The label of a process, if it carries one. */
    static Optional<Label> of(long pid) {
        return ProcFs.environment(pid, VARIABLE).flatMap(Label::parse);
    }

    static Optional<Label> parse(String text) {
        int dot = text.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            long n = Long.parseLong(text.substring(dot + 1));
            return Owner.parse(text.substring(0, dot)).map(o -> new Label(o, n));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return owner + "." + instance;
    }
}

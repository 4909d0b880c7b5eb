package org.migcert.adapters.vfiouser;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The harness process that started a device program or made a socket directory, named by its pid
 * and its start time (so a reused pid is not mistaken for it). What an owner that is no longer
 * alive left behind can be removed by anyone.
 */
record Owner(long pid, long startTicks) {
    private static final Pattern TEXT = Pattern.compile("(\\d{1,10})\\.(\\d{1,19})");
    /** This JVM; a start of 0 when {@code /proc} cannot tell (then nothing is ever taken for a dead run's). */
    private static final Owner SELF = of(ProcessHandle.current().pid());

    static Owner current() {
        return SELF;
    }

    private static Owner of(long pid) {
        return new Owner(pid, ProcFs.stat(pid).map(ProcFs.Stat::startTicks).orElse(0L));
    }

    /** Reads {@code PID.START}, as {@link #toString()} writes it. */
    static Optional<Owner> parse(String text) {
        Matcher m = TEXT.matcher(text);
        return m.matches() ? Optional.of(new Owner(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))))
                : Optional.empty();
    }

    /** Whether this very process still runs: its pid exists and started when it did. */
    boolean isAlive() {
        return ProcFs.stat(pid).map(s -> s.startTicks() == startTicks).orElse(false);
    }

    @Override
    public String toString() {
        return pid + "." + startTicks;
    }
}

package org.migcert.adapters.vfiouser;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every device program this harness has started and not yet ended, and the numbering of their
 * {@link Label}s. A JVM shutdown hook kills what is left, so no program outlives the harness when
 * it exits, even when a test fails before closing its instance or the run is interrupted (the
 * {@link Watchdog} covers a harness that is killed outright).
 */
final class ProcessRegistry {
    private static final Set<ProgramProcess> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicLong INSTANCES = new AtomicLong();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessRegistry::killAll, "migcert-kill-device-programs"));
    }

    private ProcessRegistry() {
    }

    /** The label of the next program this harness starts. */
    static Label nextLabel() {
        return new Label(Owner.current(), INSTANCES.incrementAndGet());
    }

    static void add(ProgramProcess p) {
        LIVE.add(p);
    }

    static void remove(ProgramProcess p) {
        LIVE.remove(p);
    }

    /** How many programs are registered and still have a process alive (for tests). */
    static int liveCount() {
        LIVE.removeIf(p -> p.members() == 0);
        return LIVE.size();
    }

    private static void killAll() {
        LIVE.forEach(ProgramProcess::kill);
    }
}

package org.migcert.adapters.vfiouser;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every device program the harness has started and not yet reaped. A JVM shutdown hook kills
 * what is left, so no program outlives the harness, even when a test fails before closing its
 * instance or the run is interrupted.
 */
final class ProcessRegistry {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessRegistry::killAll, "migcert-kill-device-programs"));
    }

    private ProcessRegistry() {
    }

    static void add(Process p) {
        LIVE.add(p);
    }

    static void remove(Process p) {
        LIVE.remove(p);
    }

    /** How many programs are live now (for tests). */
    static int liveCount() {
        LIVE.removeIf(p -> !p.isAlive());
        return LIVE.size();
    }

    private static void killAll() {
        for (Process p : LIVE) {
            // Descendants first: a wrapper script's child would otherwise be orphaned, still listening.
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}

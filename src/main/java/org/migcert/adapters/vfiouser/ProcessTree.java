package org.migcert.adapters.vfiouser;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Every process that belongs to one device program: its session and process group (the program
 * leads both, see {@link Watchdog}), whatever carries its {@link Label} (children that left the
 * session with {@code setsid} keep it), and the descendants seen while it was alive. Looked up
 * afresh each time, so children the program forked after it started, or after it died, are found.
 *
 * @param leader      the program's pid, which is its session and process group id
 * @param leaderStart its start in clock ticks: its descendants all started later, so older
 *                    processes need not have their environment read
 * @param label       the label it and its children carry
 */
record ProcessTree(long leader, long leaderStart, Label label) {
    /** The pids that belong to the program now, itself included while it lives; never this JVM. */
    Set<Long> members() {
        Set<Long> out = new LinkedHashSet<>();
        long self = ProcessHandle.current().pid();
        boolean idsOurs = idsStillOurs();
        for (long pid : ProcFs.pids()) {
            Optional<ProcFs.Stat> s = ProcFs.stat(pid);
            if (pid == self || s.isEmpty()) {
                continue;
            }
            if (idsOurs && (s.get().session() == leader || s.get().pgrp() == leader)
                    || s.get().startTicks() >= leaderStart && Label.of(pid).filter(label::equals).isPresent()) {
                out.add(pid);
            }
        }
        return out;
    }

    /**
     * Whether a session or group numbered like the leader is still the program's. The kernel does
     * not hand out a pid while a session or group of that number has members, so it can only be
     * someone else's once the whole session died and a new process with that pid (started later) leads.
     */
    private boolean idsStillOurs() {
        return ProcFs.stat(leader).map(s -> s.startTicks() == leaderStart).orElse(true);
    }

    /**
     * SIGKILL to every member and to {@code known} (the program's own handle, descendants collected
     * earlier: handles, so a pid reused meanwhile is never hit).
     */
    void kill(Collection<ProcessHandle> known) {
        Set<Long> pids = members();
        known.forEach(h -> {
            pids.remove(h.pid());
            h.destroyForcibly();
        });
        pids.forEach(ProcessTree::kill);
    }

    /** SIGKILL to the process that has this pid now. */
    static void kill(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
}

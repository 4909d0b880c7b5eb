package org.migcert.adapter;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The VFIO v2 migration state machine as linux/vfio.h defines it: the direct arcs a device
 * supports given its MIGRATION flags, and the path a multi-arc request must follow (shortest,
 * with no saving state in its interior; STOP_COPY never goes back to PRE_COPY).
 */
public final class MigrationFsm {
    private final long flags;
    private final Map<MigState, Set<MigState>> arcs = new EnumMap<>(MigState.class);

    public MigrationFsm(long flags) {
        this.flags = flags;
        boolean p2p = (flags & MigrationFlags.P2P) != 0;
        boolean pre = (flags & MigrationFlags.PRE_COPY) != 0;
        for (MigState s : MigState.values()) {
            arcs.put(s, EnumSet.noneOf(MigState.class));
        }
        arc(MigState.STOP, MigState.STOP_COPY);
        arc(MigState.STOP_COPY, MigState.STOP);
        arc(MigState.STOP, MigState.RESUMING);
        arc(MigState.RESUMING, MigState.STOP);
        if (p2p) {
            arc(MigState.RUNNING, MigState.RUNNING_P2P);
            arc(MigState.RUNNING_P2P, MigState.RUNNING);
            arc(MigState.RUNNING_P2P, MigState.STOP);
            arc(MigState.STOP, MigState.RUNNING_P2P);
        } else {
            arc(MigState.RUNNING, MigState.STOP);
            arc(MigState.STOP, MigState.RUNNING);
        }
        if (pre) {
            arc(MigState.RUNNING, MigState.PRE_COPY);
            arc(MigState.PRE_COPY, MigState.RUNNING);
        }
        if (pre && !p2p) {
            // With P2P as well, the kernel has no PRE_COPY -> STOP_COPY arc: it goes through PRE_COPY_P2P
            // (vfio_mig_get_next_state: PRE_COPY -> PRE_COPY_P2P -> STOP_COPY).
            arc(MigState.PRE_COPY, MigState.STOP_COPY);
        }
        if (pre && p2p) {
            arc(MigState.PRE_COPY, MigState.PRE_COPY_P2P);
            arc(MigState.PRE_COPY_P2P, MigState.PRE_COPY);
            arc(MigState.PRE_COPY_P2P, MigState.STOP_COPY);
            arc(MigState.RUNNING_P2P, MigState.PRE_COPY_P2P);
            arc(MigState.PRE_COPY_P2P, MigState.RUNNING_P2P);
        }
    }

    private void arc(MigState from, MigState to) {
        arcs.get(from).add(to);
    }

    public long flags() {
        return flags;
    }

    /** The states this device supports: those with an arc, ERROR excluded. */
    public Set<MigState> supportedStates() {
        Set<MigState> out = EnumSet.noneOf(MigState.class);
        arcs.forEach((from, tos) -> {
            if (!tos.isEmpty()) {
                out.add(from);
                out.addAll(tos);
            }
        });
        return out;
    }

    /** The supported direct arcs from {@code from}. */
    public Set<MigState> directArcs(MigState from) {
        return Collections.unmodifiableSet(arcs.get(from));
    }

    /**
     * The states a request from {@code from} to {@code to} passes through, {@code to} included
     * and {@code from} excluded; empty when from == to; absent when the request must be refused
     * (ERROR or an unsupported state as target, STOP_COPY to a pre-copy state, no path).
     * Saving states lie inside a path only when the whole path stays in the saving group (both ends
     * saving, so one data session continues): PRE_COPY -> PRE_COPY_P2P -> STOP_COPY, as in the kernel.
     */
    public Optional<List<MigState>> path(MigState from, MigState to) {
        Set<MigState> supported = supportedStates();
        if (to == MigState.ERROR || !supported.contains(to) || from == MigState.ERROR) {
            return Optional.empty();
        }
        if (from == to) {
            return Optional.of(List.of());
        }
        if (from == MigState.STOP_COPY && (to == MigState.PRE_COPY || to == MigState.PRE_COPY_P2P)) {
            return Optional.empty();
        }
        Map<MigState, MigState> prev = new EnumMap<>(MigState.class);
        ArrayDeque<MigState> queue = new ArrayDeque<>();
        queue.add(from);
        prev.put(from, from);
        while (!queue.isEmpty()) {
            MigState s = queue.poll();
            for (MigState n : arcs.get(s)) {
                if (prev.containsKey(n)) {
                    continue;
                }
                prev.put(n, s);
                if (n == to) {
                    List<MigState> path = new ArrayList<>();
                    for (MigState x = to; x != from; x = prev.get(x)) {
                        path.add(0, x);
                    }
                    return Optional.of(path);
                }
                // A saving state (or RESUMING) may end a path but never lies inside one, except
                // within the saving group: from a saving state to a saving state through saving states.
                boolean inGroup = from.isSaving() && to.isSaving() && s.isSaving() && n.isSaving();
                if ((!n.isSaving() && n != MigState.RESUMING) || inGroup) {
                    queue.add(n);
                }
            }
        }
        return Optional.empty();
    }
}

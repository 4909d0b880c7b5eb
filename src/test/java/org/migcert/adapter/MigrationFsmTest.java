package org.migcert.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.migcert.adapter.MigState.ERROR;
import static org.migcert.adapter.MigState.PRE_COPY;
import static org.migcert.adapter.MigState.PRE_COPY_P2P;
import static org.migcert.adapter.MigState.RESUMING;
import static org.migcert.adapter.MigState.RUNNING;
import static org.migcert.adapter.MigState.RUNNING_P2P;
import static org.migcert.adapter.MigState.STOP;
import static org.migcert.adapter.MigState.STOP_COPY;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MigrationFsm against linux/vfio.h (enum vfio_device_mig_state, the arcs it lists) and
 * drivers/vfio/vfio_main.c (vfio_mig_get_next_state: vfio_from_fsm_table stepped over states
 * whose feature flags the device lacks).
 */
class MigrationFsmTest {
    static final long SC = MigrationFlags.STOP_COPY;
    static final long P2P = MigrationFlags.STOP_COPY | MigrationFlags.P2P;
    static final long PRE = MigrationFlags.STOP_COPY | MigrationFlags.PRE_COPY;
    static final long ALL = MigrationFlags.STOP_COPY | MigrationFlags.P2P | MigrationFlags.PRE_COPY;
    static final long[] FLAG_SETS = {SC, P2P, PRE, ALL};

    // ---- the kernel's algorithm, transcribed independently of MigrationFsm -----------------------

    /** vfio_from_fsm_table[cur][new] = next step, for a device supporting every optional feature. */
    private static final Map<MigState, Map<MigState, MigState>> KERNEL = new EnumMap<>(MigState.class);

    private static void row(MigState cur, MigState... nextForTarget) {
        // nextForTarget is indexed in the table's column order below
        MigState[] cols = {STOP, RUNNING, PRE_COPY, PRE_COPY_P2P, STOP_COPY, RESUMING, RUNNING_P2P, ERROR};
        Map<MigState, MigState> m = new EnumMap<>(MigState.class);
        for (int i = 0; i < cols.length; i++) {
            m.put(cols[i], nextForTarget[i]);
        }
        KERNEL.put(cur, m);
    }

    static {
        //           to: STOP         RUNNING      PRE_COPY     PRE_COPY_P2P  STOP_COPY     RESUMING     RUNNING_P2P  ERROR
        row(STOP, STOP, RUNNING_P2P, RUNNING_P2P, RUNNING_P2P, STOP_COPY, RESUMING, RUNNING_P2P, ERROR);
        row(RUNNING, RUNNING_P2P, RUNNING, PRE_COPY, RUNNING_P2P, RUNNING_P2P, RUNNING_P2P, RUNNING_P2P, ERROR);
        row(PRE_COPY, RUNNING, RUNNING, PRE_COPY, PRE_COPY_P2P, PRE_COPY_P2P, RUNNING, RUNNING, ERROR);
        row(PRE_COPY_P2P, RUNNING_P2P, RUNNING_P2P, PRE_COPY, PRE_COPY_P2P, STOP_COPY, RUNNING_P2P, RUNNING_P2P, ERROR);
        row(STOP_COPY, STOP, STOP, ERROR, ERROR, STOP_COPY, STOP, STOP, ERROR);
        row(RESUMING, STOP, STOP, STOP, STOP, STOP, RESUMING, STOP, ERROR);
        row(RUNNING_P2P, STOP, RUNNING, RUNNING, PRE_COPY_P2P, STOP, STOP, RUNNING_P2P, ERROR);
        row(ERROR, ERROR, ERROR, ERROR, ERROR, ERROR, ERROR, ERROR, ERROR);
    }

    /** state_flags_table: the features a state needs; ERROR needs ~0U, i.e. is never valid. */
    private static long needs(MigState s) {
        return switch (s) {
            case STOP, RUNNING, STOP_COPY, RESUMING -> MigrationFlags.STOP_COPY;
            case PRE_COPY -> MigrationFlags.STOP_COPY | MigrationFlags.PRE_COPY;
            case PRE_COPY_P2P -> MigrationFlags.STOP_COPY | MigrationFlags.P2P | MigrationFlags.PRE_COPY;
            case RUNNING_P2P -> MigrationFlags.STOP_COPY | MigrationFlags.P2P;
            case ERROR -> ~0L;
        };
    }

    private static boolean valid(MigState s, long flags) {
        return (needs(s) & flags) == needs(s);
    }

    /** The kernel's result as a path: repeated vfio_mig_get_next_state until the target; empty Optional on -EINVAL. */
    static Optional<List<MigState>> kernelPath(MigState from, MigState to, long flags) {
        if (!valid(from, flags) || !valid(to, flags)) {
            return Optional.empty();
        }
        List<MigState> path = new ArrayList<>();
        MigState cur = from;
        while (cur != to) {
            MigState next = KERNEL.get(cur).get(to);
            while (!valid(next, flags) && next != ERROR) {
                next = KERNEL.get(next).get(to);
            }
            if (next == ERROR) {
                return Optional.empty();
            }
            path.add(next);
            cur = next;
            if (path.size() > 8) {
                throw new AssertionError("kernel table loops from " + from + " to " + to);
            }
        }
        return Optional.of(path);
    }

    // ---- tests -----------------------------------------------------------------------------------

    @Test
    void everyPairAndFlagSetFollowsTheKernelsNextStateTable() {
        List<String> diffs = new ArrayList<>();
        int compared = 0;
        for (long flags : FLAG_SETS) {
            MigrationFsm fsm = new MigrationFsm(flags);
            for (MigState from : MigState.values()) {
                for (MigState to : MigState.values()) {
                    Optional<List<MigState>> ours = fsm.path(from, to);
                    Optional<List<MigState>> kernel = kernelPath(from, to, flags);
                    compared++;
                    if (!ours.equals(kernel)) {
                        diffs.add(MigrationFlags.describe(flags) + ": " + from + " -> " + to + " ours " + ours
                                + " kernel " + kernel);
                    }
                }
            }
        }
        assertEquals(256, compared);
        assertTrue(diffs.isEmpty(), () -> String.join("\n", diffs));
    }

    static Stream<Arguments> kernelCommentTable() {
        // From the comment above vfio_from_fsm_table ("if all optional features are supported") and,
        // for reduced feature sets, the table stepped over unsupported states.
        return Stream.of(
                Arguments.of(ALL, PRE_COPY, STOP_COPY, List.of(PRE_COPY_P2P, STOP_COPY)),
                Arguments.of(ALL, PRE_COPY, RUNNING_P2P, List.of(RUNNING, RUNNING_P2P)),
                Arguments.of(ALL, PRE_COPY, STOP, List.of(RUNNING, RUNNING_P2P, STOP)),
                Arguments.of(ALL, PRE_COPY, RESUMING, List.of(RUNNING, RUNNING_P2P, STOP, RESUMING)),
                Arguments.of(ALL, PRE_COPY_P2P, RUNNING, List.of(RUNNING_P2P, RUNNING)),
                Arguments.of(ALL, PRE_COPY_P2P, STOP, List.of(RUNNING_P2P, STOP)),
                Arguments.of(ALL, PRE_COPY_P2P, RESUMING, List.of(RUNNING_P2P, STOP, RESUMING)),
                Arguments.of(ALL, RESUMING, RUNNING_P2P, List.of(STOP, RUNNING_P2P)),
                Arguments.of(ALL, RESUMING, PRE_COPY_P2P, List.of(STOP, RUNNING_P2P, PRE_COPY_P2P)),
                Arguments.of(ALL, RESUMING, RUNNING, List.of(STOP, RUNNING_P2P, RUNNING)),
                Arguments.of(ALL, RESUMING, PRE_COPY, List.of(STOP, RUNNING_P2P, RUNNING, PRE_COPY)),
                Arguments.of(ALL, RESUMING, STOP_COPY, List.of(STOP, STOP_COPY)),
                Arguments.of(ALL, RUNNING, PRE_COPY_P2P, List.of(RUNNING_P2P, PRE_COPY_P2P)),
                Arguments.of(ALL, RUNNING, STOP, List.of(RUNNING_P2P, STOP)),
                Arguments.of(ALL, RUNNING, RESUMING, List.of(RUNNING_P2P, STOP, RESUMING)),
                Arguments.of(ALL, RUNNING, STOP_COPY, List.of(RUNNING_P2P, STOP, STOP_COPY)),
                Arguments.of(ALL, RUNNING_P2P, PRE_COPY, List.of(RUNNING, PRE_COPY)),
                Arguments.of(ALL, RUNNING_P2P, RESUMING, List.of(STOP, RESUMING)),
                Arguments.of(ALL, RUNNING_P2P, STOP_COPY, List.of(STOP, STOP_COPY)),
                Arguments.of(ALL, STOP, PRE_COPY_P2P, List.of(RUNNING_P2P, PRE_COPY_P2P)),
                Arguments.of(ALL, STOP, RUNNING, List.of(RUNNING_P2P, RUNNING)),
                Arguments.of(ALL, STOP, PRE_COPY, List.of(RUNNING_P2P, RUNNING, PRE_COPY)),
                Arguments.of(ALL, STOP_COPY, RESUMING, List.of(STOP, RESUMING)),
                Arguments.of(ALL, STOP_COPY, RUNNING_P2P, List.of(STOP, RUNNING_P2P)),
                Arguments.of(ALL, STOP_COPY, RUNNING, List.of(STOP, RUNNING_P2P, RUNNING)),
                // STOP_COPY only: the P2P and PRE_COPY steps are skipped
                Arguments.of(SC, RUNNING, STOP_COPY, List.of(STOP, STOP_COPY)),
                Arguments.of(SC, RUNNING, RESUMING, List.of(STOP, RESUMING)),
                Arguments.of(SC, STOP_COPY, RUNNING, List.of(STOP, RUNNING)),
                Arguments.of(SC, RESUMING, RUNNING, List.of(STOP, RUNNING)),
                Arguments.of(SC, RESUMING, STOP_COPY, List.of(STOP, STOP_COPY)),
                // PRE_COPY without P2P: PRE_COPY -> STOP_COPY is a direct arc
                Arguments.of(PRE, PRE_COPY, STOP_COPY, List.of(STOP_COPY)),
                Arguments.of(PRE, PRE_COPY, STOP, List.of(RUNNING, STOP)),
                Arguments.of(PRE, STOP, PRE_COPY, List.of(RUNNING, PRE_COPY)),
                Arguments.of(PRE, RESUMING, PRE_COPY, List.of(STOP, RUNNING, PRE_COPY)),
                // P2P without PRE_COPY
                Arguments.of(P2P, RUNNING, STOP_COPY, List.of(RUNNING_P2P, STOP, STOP_COPY)),
                Arguments.of(P2P, STOP_COPY, RUNNING, List.of(STOP, RUNNING_P2P, RUNNING)));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2} = {3}")
    @MethodSource("kernelCommentTable")
    void pathMatchesKernelTable(long flags, MigState from, MigState to, List<MigState> expected) {
        assertEquals(Optional.of(expected), new MigrationFsm(flags).path(from, to));
        assertEquals(Optional.of(expected), kernelPath(from, to, flags), "the transcribed kernel table agrees");
    }

    /** Direct arcs as linux/vfio.h and the comment above vfio_from_fsm_table list them per feature set. */
    static Map<MigState, Set<MigState>> kernelArcs(long flags) {
        boolean p2p = (flags & MigrationFlags.P2P) != 0;
        boolean pre = (flags & MigrationFlags.PRE_COPY) != 0;
        Map<MigState, Set<MigState>> a = new EnumMap<>(MigState.class);
        for (MigState s : MigState.values()) {
            a.put(s, EnumSet.noneOf(MigState.class));
        }
        a.get(RESUMING).add(STOP);
        a.get(STOP).add(RESUMING);
        a.get(STOP).add(STOP_COPY);
        a.get(STOP_COPY).add(STOP);
        if (p2p) {
            a.get(RUNNING).add(RUNNING_P2P);
            a.get(RUNNING_P2P).add(RUNNING);
            a.get(RUNNING_P2P).add(STOP);
            a.get(STOP).add(RUNNING_P2P);
        } else {
            a.get(RUNNING).add(STOP);
            a.get(STOP).add(RUNNING);
        }
        if (pre && !p2p) {
            a.get(RUNNING).add(PRE_COPY);
            a.get(PRE_COPY).add(RUNNING);
            a.get(PRE_COPY).add(STOP_COPY);
        }
        if (pre && p2p) {
            a.get(PRE_COPY).add(RUNNING);
            a.get(PRE_COPY).add(PRE_COPY_P2P);
            a.get(PRE_COPY_P2P).add(PRE_COPY);
            a.get(PRE_COPY_P2P).add(RUNNING_P2P);
            a.get(PRE_COPY_P2P).add(STOP_COPY);
            a.get(RUNNING).add(PRE_COPY);
            a.get(RUNNING_P2P).add(PRE_COPY_P2P);
        }
        return a;
    }

    @Test
    void directArcsAreExactlyTheKernelsPerFeatureSet() {
        for (long flags : FLAG_SETS) {
            MigrationFsm fsm = new MigrationFsm(flags);
            Map<MigState, Set<MigState>> expected = kernelArcs(flags);
            for (MigState from : MigState.values()) {
                assertEquals(expected.get(from), fsm.directArcs(from),
                        MigrationFlags.describe(flags) + ": direct arcs from " + from);
                for (MigState to : expected.get(from)) {
                    assertEquals(Optional.of(List.of(to)), fsm.path(from, to),
                            MigrationFlags.describe(flags) + ": a direct arc is a one-step path " + from + " -> " + to);
                }
            }
        }
    }

    @Test
    void directArcsWithoutOptionalFeatures() {
        MigrationFsm fsm = new MigrationFsm(SC);
        assertEquals(EnumSet.of(RUNNING, STOP_COPY, RESUMING), fsm.directArcs(STOP));
        assertEquals(EnumSet.of(STOP), fsm.directArcs(RUNNING));
        assertEquals(EnumSet.of(STOP, RUNNING, STOP_COPY, RESUMING), fsm.supportedStates());
        assertFalse(fsm.supportedStates().contains(ERROR));
    }

    @Test
    void directArcsWithP2pReplaceRunningStop() {
        MigrationFsm fsm = new MigrationFsm(P2P);
        assertFalse(fsm.directArcs(RUNNING).contains(STOP), "with P2P, RUNNING -> STOP goes through RUNNING_P2P");
        assertEquals(Optional.of(List.of(RUNNING_P2P, STOP)), fsm.path(RUNNING, STOP));
        assertEquals(EnumSet.of(STOP, RUNNING, STOP_COPY, RESUMING, RUNNING_P2P), fsm.supportedStates());
    }

    @Test
    void directArcsWithPreCopy() {
        MigrationFsm pre = new MigrationFsm(PRE);
        assertEquals(EnumSet.of(RUNNING, STOP_COPY), pre.directArcs(PRE_COPY));
        MigrationFsm all = new MigrationFsm(ALL);
        assertEquals(EnumSet.of(RUNNING, PRE_COPY_P2P), all.directArcs(PRE_COPY),
                "with P2P, PRE_COPY reaches STOP_COPY only through PRE_COPY_P2P");
        assertEquals(EnumSet.of(PRE_COPY, RUNNING_P2P, STOP_COPY), all.directArcs(PRE_COPY_P2P));
        assertEquals(EnumSet.complementOf(EnumSet.of(ERROR)), all.supportedStates());
    }

    @Test
    void noPathLeavesAndReentersTheSavingGroup() {
        // vfio.h: "The path cannot have saving group states as interior arcs, only starting/end
        // states." The kernel's one multi-step move inside the group (PRE_COPY -> PRE_COPY_P2P ->
        // STOP_COPY) keeps the same data session; a saving state inside any other path would open
        // or close a session mid-request.
        for (long flags : FLAG_SETS) {
            MigrationFsm fsm = new MigrationFsm(flags);
            for (MigState from : MigState.values()) {
                for (MigState to : MigState.values()) {
                    Optional<List<MigState>> p = fsm.path(from, to);
                    if (p.isEmpty()) {
                        continue;
                    }
                    List<MigState> path = p.get();
                    for (int i = 0; i < path.size() - 1; i++) {
                        MigState interior = path.get(i);
                        assertFalse(interior == RESUMING, "RESUMING inside " + from + " -> " + to + ": " + path);
                        if (interior.isSaving()) {
                            assertTrue(from.isSaving() && to.isSaving()
                                            && path.stream().allMatch(MigState::isSaving),
                                    MigrationFlags.describe(flags) + ": saving state " + interior + " inside "
                                            + from + " -> " + to + ": " + path);
                        }
                    }
                    if (!(from.isSaving() && to.isSaving())) {
                        assertTrue(path.subList(0, Math.max(0, path.size() - 1)).stream().noneMatch(MigState::isSaving),
                                MigrationFlags.describe(flags) + ": " + from + " -> " + to + " " + path);
                    }
                }
            }
        }
    }

    @Test
    void everyPathIsMadeOfDirectArcsAndIsShortest() {
        for (long flags : FLAG_SETS) {
            MigrationFsm fsm = new MigrationFsm(flags);
            for (MigState from : fsm.supportedStates()) {
                for (MigState to : fsm.supportedStates()) {
                    Optional<List<MigState>> p = fsm.path(from, to);
                    if (p.isEmpty()) {
                        continue;
                    }
                    MigState cur = from;
                    for (MigState next : p.get()) {
                        assertTrue(fsm.directArcs(cur).contains(next),
                                MigrationFlags.describe(flags) + ": " + cur + " -> " + next + " is not an arc in " + p.get());
                        cur = next;
                    }
                    assertEquals(to, cur);
                    assertEquals(new java.util.HashSet<>(p.get()).size(), p.get().size(), "no state twice: " + p.get());
                }
            }
        }
    }

    @Test
    void stopCopyToPreCopyIsRefused() {
        for (long flags : new long[] {PRE, ALL}) {
            MigrationFsm fsm = new MigrationFsm(flags);
            assertEquals(Optional.empty(), fsm.path(STOP_COPY, PRE_COPY), MigrationFlags.describe(flags));
            assertEquals(Optional.empty(), fsm.path(STOP_COPY, PRE_COPY_P2P), MigrationFlags.describe(flags));
            assertTrue(fsm.path(STOP_COPY, RUNNING).isPresent());
        }
    }

    @Test
    void errorAsTargetOrSourceIsRefused() {
        for (long flags : FLAG_SETS) {
            MigrationFsm fsm = new MigrationFsm(flags);
            for (MigState s : MigState.values()) {
                assertEquals(Optional.empty(), fsm.path(s, ERROR), "to ERROR from " + s);
                assertEquals(Optional.empty(), fsm.path(ERROR, s), "from ERROR to " + s);
            }
        }
    }

    @Test
    void unsupportedOptionalStatesAreRefusedBothWays() {
        MigrationFsm fsm = new MigrationFsm(SC);
        for (MigState opt : List.of(RUNNING_P2P, PRE_COPY, PRE_COPY_P2P)) {
            for (MigState s : fsm.supportedStates()) {
                assertEquals(Optional.empty(), fsm.path(s, opt), s + " -> unsupported " + opt);
            }
            assertEquals(Optional.empty(), fsm.path(opt, opt));
        }
        // PRE_COPY_P2P needs both P2P and PRE_COPY
        assertEquals(Optional.empty(), new MigrationFsm(P2P).path(RUNNING, PRE_COPY_P2P));
        assertEquals(Optional.empty(), new MigrationFsm(PRE).path(RUNNING, PRE_COPY_P2P));
    }

    @Test
    void sameStateIsAnEmptyPath() {
        MigrationFsm fsm = new MigrationFsm(ALL);
        for (MigState s : fsm.supportedStates()) {
            assertEquals(Optional.of(List.of()), fsm.path(s, s));
        }
    }

    @Test
    void stateCodesAreTheUapiValues() {
        int[] codes = Arrays.stream(new MigState[] {ERROR, STOP, RUNNING, STOP_COPY, RESUMING, RUNNING_P2P, PRE_COPY,
                PRE_COPY_P2P}).mapToInt(MigState::code).toArray();
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), Arrays.stream(codes).boxed().toList());
        assertNull(MigState.fromCode(8));
        assertNull(MigState.fromCode(0xffffffffL));
        assertEquals(STOP_COPY, MigState.fromCode(3));
        assertEquals(EnumSet.of(STOP_COPY, PRE_COPY, PRE_COPY_P2P),
                EnumSet.copyOf(Arrays.stream(MigState.values()).filter(MigState::isSaving).toList()));
    }
}

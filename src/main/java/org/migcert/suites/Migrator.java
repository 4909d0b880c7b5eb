package org.migcert.suites;

import java.io.IOException;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;
import org.migcert.adapter.CreationRefusedException;
import org.migcert.adapter.DeviceException;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.Implementation;
import org.migcert.adapter.MigState;
import org.migcert.adapter.MigrationFlags;
import org.migcert.adapter.RequestRefusedException;
import org.migcert.manifest.RegisterAccess;
import org.migcert.model.Configuration;
import org.migcert.rules.Observation;
import org.migcert.rules.Observed;
import org.migcert.rules.Phase;
import org.migcert.state.StateMutation;

/**
 * Runs migrations the way a management stack does and says what happened: create the source,
 * apply the workload, snapshot, create the destination (refused early?), save in STOP_COPY (after
 * PRE_COPY when the device claims it and the case asks), stream the state through a mutation into
 * the destination in RESUMING, STOP, RUNNING, snapshot and compare. A destination that is slow to
 * create (a program to start) starts at the beginning, while the source is prepared, and is taken
 * where it would have been created ({@link CreatedAhead}). Each step is a {@link Phase}, so
 * a failure names the step and the role of the instance; every instance it creates is closed,
 * whatever happens.
 */
public final class Migrator {
    /** One endpoint of a migration: an implementation and the full configuration it is created with. */
    public record Step(Implementation impl, Configuration config) {
        String describe() {
            return impl.id() + " [" + config.canonical() + "]";
        }
    }

    /** What a state handed over in a case is done with; may throw what a case body throws. */
    @FunctionalInterface
    public interface StateUse {
        Observation apply(byte[] state) throws Exception;
    }

    private final List<RegisterAccess> workload;
    private final List<RegisterAccess> observe;
    private final ReferenceStates references;

    public Migrator(List<RegisterAccess> workload, List<RegisterAccess> observe) {
        this.workload = workload;
        this.observe = observe;
        this.references = new ReferenceStates(workload);
    }

    /**
     * Creates two fresh instances, applies the workload to both and compares their hardware
     * interfaces: IDENTICAL or DIVERGED with every difference. No migration involved. {@code prepared}
     * is at a configuration its info allows (its refusal blocks the case on INFO-1); {@code checked}
     * is the instance the case is about.
     */
    public Observation compare(Step prepared, Step checked) {
        String both = prepared.describe() + " and " + checked.describe();
        Attempt at = new Attempt(Phase.CREATE_SOURCE, both);
        return at.run(() -> {
            CreatedAhead checkedAhead = at.createAhead(checked);
            DeviceInstance x = at.createPrepared(prepared);
            at.enter(Phase.CHECK);
            DeviceInstance y = at.take(checkedAhead);
            Workload.apply(x, workload);
            Workload.apply(y, workload);
            List<String> diff = HardwareSnapshot.capture(x, observe).diff(HardwareSnapshot.capture(y, observe));
            return diff.isEmpty() ? Observation.of(Observed.IDENTICAL, both + " look identical")
                    : Observation.of(Observed.DIVERGED, prepared.describe() + " vs " + checked.describe() + ": "
                            + String.join("; ", diff));
        }, UnaryOperator.identity());
    }

    public Observation migrate(Step source, Step destination, StateMutation mutation) {
        return chain(List.of(source, destination), mutation, false);
    }

    /**
     * ROBUST-1: {@link #migrate}, and when the destination refuses the load, it must still be
     * alive: it answers {@code state()} and a reset brings it to RUNNING. Otherwise the refusal
     * becomes CRASHED or HUNG.
     */
    public Observation migrateCorrupted(Step source, Step destination, StateMutation mutation) {
        return chain(List.of(source, destination), mutation, true);
    }

    /** Migrates along {@code steps}: the first is the source, each later one a destination in turn. */
    public Observation chain(List<Step> steps, StateMutation mutation) {
        return chain(steps, mutation, false);
    }

    private Observation chain(List<Step> steps, StateMutation mutation, boolean probeAfterRefusal) {
        Attempt a = new Attempt(Phase.CREATE_SOURCE, steps.get(0).describe());
        return a.run(() -> {
            CreatedAhead destination = steps.size() > 1 ? a.destinationAhead(steps.get(1)) : null;
            DeviceInstance current = a.createPrepared(steps.get(0));
            HardwareSnapshot before = workload(a, current);
            for (int hop = 1; hop < steps.size(); hop++) {
                String hopName = (steps.size() > 2 ? "hop " + hop + ": " : "") + steps.get(hop - 1).describe()
                        + " -> " + steps.get(hop).describe();
                CreatedAhead following = hop + 1 < steps.size() ? a.destinationAhead(steps.get(hop + 1)) : null;
                Landed next = hop(a, current, destination, hopName, mutation, before);
                destination = following;
                if (!next.diff().isEmpty()) {
                    return a.observed(Observed.DIVERGED, hopName + ": hardware interface differs after load: "
                            + String.join("; ", next.diff()));
                }
                current.close();
                current = next.instance();
            }
            return a.observed(Observed.MIGRATED, "hardware interface identical after " + (steps.size() - 1)
                    + " hop(s) (" + before.size() + " entries compared)");
        }, seen -> seen.outcome() == Observed.REFUSED_AT_LOAD && probeAfterRefusal
                ? aliveAfterRefusal(a.newest(), seen) : seen);
    }

    /**
     * COMPAT-2 the way a hypervisor migrates a device that claims PRE_COPY (QEMU does): the
     * destination waits in RESUMING; the source goes RUNNING -> PRE_COPY and the data it has then
     * (linux/vfio.h: its initial bytes) is streamed over while it still runs; the workload writes its
     * registers then, as a running guest would; STOP_COPY streams the rest, and the destination loads
     * the concatenation. NOT_APPLICABLE when the source at this configuration does not claim PRE_COPY.
     */
    public Observation migratePreCopy(Step source, Step destination) {
        Attempt a = new Attempt(Phase.CREATE_SOURCE, source.describe());
        return a.run(() -> {
            DeviceInstance src = a.createPrepared(source);
            long flags = src.migrationFlags();
            if ((flags & MigrationFlags.PRE_COPY) == 0) {
                throw new Check.NotApplicable(source.describe() + " does not claim PRE_COPY (flags "
                        + MigrationFlags.describe(flags) + "): it migrates through STOP_COPY only");
            }
            a.enter(Phase.CREATE_DESTINATION, source.describe() + " -> " + destination.describe());
            DeviceInstance dst = a.create(destination);
            a.enter(Phase.LOAD);
            dst.setState(MigState.RESUMING);
            a.enter(Phase.SAVE);
            src.setState(MigState.PRE_COPY);
            a.enter(Phase.LOAD);
            long initial = StateTransfer.copy(src, dst, StateMutation.IDENTITY);
            HardwareSnapshot before = workload(a, src);
            a.enter(Phase.SAVE);
            src.setState(MigState.STOP_COPY);
            a.enter(Phase.LOAD);
            long rest = StateTransfer.copy(src, dst, StateMutation.IDENTITY);
            List<String> diff = land(a, dst, before);
            String path = initial + " bytes read in PRE_COPY, then the workload, then " + rest + " bytes in STOP_COPY";
            return diff.isEmpty() ? a.observed(Observed.MIGRATED, path + ": hardware interface identical after the load ("
                    + before.size() + " entries compared)")
                    : a.observed(Observed.DIVERGED, path + ": hardware interface differs after the load: "
                            + String.join("; ", diff));
        }, UnaryOperator.identity());
    }

    /**
     * ROBUST-2: one migration that is refused or fails (the destination may refuse creation, refuse
     * the load, or die), then the source is asked back from where it stopped to RUNNING and compared
     * with its snapshot from before: IDENTICAL when it resumed unchanged, DIVERGED with every
     * difference, REJECTED when it refused to resume, CRASHED or HUNG when it died.
     */
    public Observation migrateAndResume(Step source, Step destination, StateMutation mutation) {
        Attempt a = new Attempt(Phase.CREATE_SOURCE, source.describe());
        return a.run(() -> {
            CreatedAhead destinationAhead = a.destinationAhead(destination);
            DeviceInstance src = a.createPrepared(source);
            HardwareSnapshot before = workload(a, src);
            a.enter(Phase.SAVE);
            String migration = attempt(src, destination, destinationAhead, mutation, a);
            a.enter(Phase.RESUME_SOURCE);
            MigState stopped = src.state();
            if (stopped != MigState.RUNNING) {
                try {
                    src.setState(MigState.RUNNING);
                } catch (RequestRefusedException e) {
                    return a.observed(Observed.REJECTED, migration + "; then the source refused " + stopped
                            + " -> RUNNING: " + e.getMessage());
                }
            }
            List<String> diff = compareSource(a, src, before);
            return diff.isEmpty()
                    ? a.observed(Observed.IDENTICAL, migration + "; the source resumed from " + stopped
                            + " with its hardware interface unchanged (" + before.size() + " entries compared)")
                    : a.observed(Observed.DIVERGED, migration + "; the source resumed from " + stopped
                            + " but its hardware interface changed: " + String.join("; ", diff));
        }, UnaryOperator.identity());
    }

    /**
     * ROBUST-2, a save abandoned midway as when the network fails: the source goes RUNNING ->
     * STOP_COPY, about {@code keep} bytes of its stream are read (at least one read), then it goes
     * STOP_COPY -> STOP -> RUNNING. IDENTICAL when its hardware interface is as before and a complete
     * migration from it to a fresh instance of the same step afterwards loads with that same
     * interface; DIVERGED or the failure of that migration otherwise, unless the same migration fails
     * without an abandoned save too: that is its own case's finding, and this case is blocked on it.
     */
    public Observation abandonSave(Step self, long keep) {
        boolean[] resumed = {false};
        Attempt a = new Attempt(Phase.CREATE_SOURCE, self.describe());
        Observation seen = a.run(() -> {
            CreatedAhead laterDestination = a.destinationAhead(self);
            DeviceInstance src = a.createPrepared(self);
            HardwareSnapshot before = workload(a, src);
            a.enter(Phase.SAVE);
            src.setState(MigState.STOP_COPY);
            long read = StateTransfer.readSome(src, keep);
            a.enter(Phase.RESUME_SOURCE);
            src.setState(MigState.STOP);
            src.setState(MigState.RUNNING);
            String abandoned = "the save was abandoned after " + read + " bytes; the source went STOP_COPY -> STOP"
                    + " -> RUNNING";
            List<String> diff = compareSource(a, src, before);
            if (!diff.isEmpty()) {
                return a.observed(Observed.DIVERGED, abandoned + " but its hardware interface changed: "
                        + String.join("; ", diff));
            }
            resumed[0] = true;
            String hopName = "then " + self.describe() + " -> " + self.describe();
            Landed later = hop(a, src, laterDestination, hopName, StateMutation.IDENTITY, before);
            return later.diff().isEmpty()
                    ? a.observed(Observed.IDENTICAL, abandoned + " with its hardware interface unchanged, and a"
                            + " complete migration from it afterwards loaded with that interface ("
                            + before.size() + " entries compared)")
                    : a.observed(Observed.DIVERGED, abandoned + " unchanged, but " + hopName + " gave another hardware"
                            + " interface: " + String.join("; ", later.diff()));
        }, UnaryOperator.identity());
        return resumed[0] && seen.outcome() != Observed.IDENTICAL ? unlessPlainMigrationFails(self, seen) : seen;
    }

    /**
     * A migration that failed after an abandoned save is the abandoned save's failure only if the
     * same migration succeeds without it; otherwise the case is blocked on that migration's own case.
     */
    private Observation unlessPlainMigrationFails(Step self, Observation failed) {
        Observation plain = migrate(self, self, StateMutation.IDENTITY);
        if (plain.outcome() == Observed.MIGRATED) {
            return failed;
        }
        if (plain.phase().prepares()) {
            return plain; // already blocked on its own finding
        }
        return Observation.in(Phase.REFERENCE_STATE, plain.outcome(), "the same migration fails without an abandoned"
                + " save too (" + failed.evidence() + "): " + plain.evidence()).withFinding(Findings.saves(self));
    }

    /** Applies the workload to a created source (notes what it skipped) and captures its hardware interface. */
    private HardwareSnapshot workload(Attempt a, DeviceInstance src) {
        a.enter(Phase.WORKLOAD);
        a.notes.addAll(Workload.apply(src, workload));
        return HardwareSnapshot.capture(src, observe);
    }

    private List<String> compareSource(Attempt a, DeviceInstance src, HardwareSnapshot before) {
        a.enter(Phase.COMPARE_SOURCE);
        return before.diff(HardwareSnapshot.capture(src, observe));
    }

    /** A destination after its load, and how its hardware interface differs from the source's capture. */
    private record Landed(DeviceInstance instance, List<String> diff) {
    }

    /** One STOP_COPY migration from a running source into a fresh destination (created ahead), through the mutation. */
    private Landed hop(Attempt a, DeviceInstance from, CreatedAhead to, String name, StateMutation mutation,
                       HardwareSnapshot before) throws IOException {
        a.enter(Phase.CREATE_DESTINATION, name);
        DeviceInstance next = a.take(to);
        a.enter(Phase.SAVE);
        from.setState(MigState.STOP_COPY);
        a.enter(Phase.LOAD);
        next.setState(MigState.RESUMING);
        StateTransfer.copy(from, next, mutation);
        return new Landed(next, land(a, next, before));
    }

    /** Ends a load (RESUMING -> STOP -> RUNNING) and says how the destination differs from the source's capture. */
    private List<String> land(Attempt a, DeviceInstance next, HardwareSnapshot before) {
        a.enter(Phase.LOAD);
        next.setState(MigState.STOP);
        a.enter(Phase.RESUME_DESTINATION);
        next.setState(MigState.RUNNING);
        a.enter(Phase.COMPARE_DESTINATION);
        return before.diff(HardwareSnapshot.capture(next, observe));
    }

    /**
     * Tries one migration from a running source and says how it ended. The destination's refusals
     * and failures end the attempt and are described; the source's own (it refuses to stop or to
     * save) escape. A failure that cannot be told apart (a crash while streaming) is described too:
     * resuming the source afterwards shows whose it was.
     */
    private static String attempt(DeviceInstance src, Step dst, CreatedAhead ahead, StateMutation mutation, Attempt a)
            throws IOException {
        DeviceInstance next;
        try {
            next = a.take(ahead);
        } catch (DeviceException e) {
            return "destination " + dst.describe() + " " + (e instanceof CreationRefusedException
                    ? "refused" : "failed at") + " creation (" + e.getMessage() + "), the source never stopped";
        }
        src.setState(MigState.STOP_COPY);
        String step = "load";
        try {
            next.setState(MigState.RESUMING);
            StateTransfer.copy(src, next, mutation);
            next.setState(MigState.STOP);
            step = "resume";
            next.setState(MigState.RUNNING);
            return "destination " + dst.describe() + " loaded the state (" + mutation.name() + ")";
        } catch (FailureClassifier.InPhase e) {
            throw e; // the source's own failure
        } catch (DeviceException | IOException e) {
            return "destination " + dst.describe() + " failed to " + step + " (" + mutation.name() + "): " + e.getMessage();
        }
    }

    /** A refused load counts only if the destination is still alive: it answers and a reset brings it to RUNNING. */
    private static Observation aliveAfterRefusal(DeviceInstance d, Observation refused) {
        String step = "after the refused load";
        try {
            MigState now = d.state();
            step = "reset after the refused load (device reported " + now + ")";
            d.reset();
            MigState after = d.state();
            if (after != MigState.RUNNING) {
                return Observation.in(Phase.LOAD, Observed.CRASHED, refused.evidence() + "; the device is unusable:"
                        + " after the refusal it reported " + now + " and after a reset " + after + ", not RUNNING");
            }
            return Observation.in(Phase.LOAD, Observed.REFUSED_AT_LOAD, refused.evidence() + "; afterwards the device"
                    + " reported " + now + " and a reset brought it to RUNNING");
        } catch (DeviceFailedException e) {
            Observation f = FailureClassifier.observe(e, Phase.LOAD, step);
            return Observation.in(Phase.LOAD, f.outcome(), refused.evidence() + "; then " + f.evidence());
        } catch (DeviceException e) {
            return Observation.in(Phase.LOAD, Observed.CRASHED, refused.evidence() + "; the device is unusable: "
                    + step + ": " + e.getMessage());
        }
    }

    /**
     * Measures the state a source at {@code s} saves after the workload, then runs {@code then} with
     * its size ({@link ReferenceStates#withSize}).
     */
    public Observation withStateSize(Step s, LongFunction<Observation> then) {
        return references.withSize(s, then);
    }

    /** Saves and holds the state a source at {@code s} saves after the workload, then runs {@code then} with it ({@link ReferenceStates#withState}). */
    public Observation withState(Step s, StateUse then) throws Exception {
        return references.withState(s, then);
    }
}

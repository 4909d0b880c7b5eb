package org.migcert.suites;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.MigState;
import org.migcert.manifest.RegisterAccess;
import org.migcert.rules.Observation;
import org.migcert.rules.Phase;
import org.migcert.state.StateStreams;

/**
 * The real states cases derive their input from: saved by a helper instance given the workload
 * ({@link Phase#REFERENCE_STATE}), measured or held. A helper that cannot save blocks the case on
 * the migration that saves the same state ({@link Findings#saves}). What a save gave is a property
 * of the implementation, the configuration and the workload, so it is remembered for the run: its
 * size or its failure always, the state itself when it is at most {@link #MAX_KEPT} bytes. Later
 * cases then start no helper of their own (one device program fewer per case out of process);
 * each gets a copy, and no instance is ever shared.
 */
final class ReferenceStates {
    /** Bound on a reference state held in memory ({@link #withState}). */
    static final long MAX_HELD = 64L << 20;
    /** Bound on a reference state kept for the rest of the run, per step; a larger one is saved again for each case. */
    static final int MAX_KEPT = 1 << 20;
    /**
     * Bound on all the states kept for a run together: a plan of thousands of configurations with
     * states of a MiB each would otherwise keep gigabytes. Past it, states are saved again per case.
     */
    static final long MAX_KEPT_IN_ALL = 64L << 20;
    private final AtomicLong keptInAll = new AtomicLong();

    private final List<RegisterAccess> workload;
    private final Map<Migrator.Step, Saved> saved = new ConcurrentHashMap<>();

    ReferenceStates(List<RegisterAccess> workload) {
        this.workload = workload;
    }

    /**
     * Measures the state a source at {@code s} saves after the workload (counted, never held), then
     * runs {@code then} with its size. What a reference save gives, its size or its failure, is
     * remembered per step: it is a property of the implementation, the configuration and the
     * workload. A helper that cannot save blocks the case in {@link Phase#REFERENCE_STATE}.
     */
    Observation withSize(Migrator.Step s, LongFunction<Observation> then) {
        Saved known = saved.get(s);
        Saved r = known != null ? known : remember(s, reference(s, OutputStream.nullOutputStream()));
        return r.failure() != null ? r.failure() : then.apply(r.size());
    }

    /**
     * Saves the state a source at {@code s} has after the workload, holds it, then runs {@code then}
     * with it: the real state a case derives its input from. A helper that cannot save blocks the
     * case in {@link Phase#REFERENCE_STATE}; a state larger than {@link #MAX_HELD} is not held, and
     * the case does not apply. A state kept by an earlier case (at most {@link #MAX_KEPT} bytes) is
     * handed over as a copy, without a helper.
     */
    Observation withState(Migrator.Step s, Migrator.StateUse then) throws Exception {
        Saved known = saved.get(s);
        if (known != null && (known.failure() != null || known.size() > MAX_HELD)) {
            return failedOrTooLarge(s, known);
        }
        if (known != null && known.state() != null) {
            return then.apply(known.state().clone());
        }
        FirstBytes held = new FirstBytes();
        Saved mine = reference(s, held);
        byte[] state = mine.failure() == null && mine.size() <= MAX_HELD ? held.kept.toByteArray() : null;
        Saved first = remember(s, state != null && keeps(state.length)
                ? new Saved(mine.size(), null, state.clone()) : mine);
        if (first.failure() != null || first.size() > MAX_HELD) {
            return failedOrTooLarge(s, first);
        }
        if (state != null) {
            return then.apply(state);
        }
        // This helper failed after another one had saved: that state if it was kept, else this failure.
        return first.state() != null ? then.apply(first.state().clone()) : failedOrTooLarge(s, mine);
    }

    /** Keeps the first {@link #MAX_HELD} bytes written to it and drops the rest: a save is still read to its end. */
    private static final class FirstBytes extends OutputStream {
        final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            kept.write(b, off, (int) Math.max(0, Math.min(len, MAX_HELD - kept.size())));
        }
    }

    /** Why a state cannot be handed to a case: the save's failure, or a size the harness does not hold. */
    private static Observation failedOrTooLarge(Migrator.Step s, Saved r) {
        if (r.failure() != null) {
            return r.failure();
        }
        throw new Check.NotApplicable("the real state of " + s.describe() + " has " + r.size() + " bytes, more than the "
                + MAX_HELD + " the harness holds in memory to derive this case's input from");
    }

    /** Whether a state of {@code length} bytes may be kept: at most {@link #MAX_KEPT}, within {@link #MAX_KEPT_IN_ALL}. */
    private boolean keeps(int length) {
        if (length > MAX_KEPT) {
            return false;
        }
        if (keptInAll.addAndGet(length) <= MAX_KEPT_IN_ALL) {
            return true;
        }
        keptInAll.addAndGet(-length); // not kept: a smaller state may still fit
        return false;
    }

    /** The first word on {@code s} stands, except that a state kept later joins a size measured first. */
    private Saved remember(Migrator.Step s, Saved r) {
        return saved.merge(s, r, (first, now) -> first.failure() == null && first.state() == null
                && now.state() != null ? now : first);
    }

    /** A reference state's size, or why it could not be saved; the state itself when it is kept. */
    private record Saved(long size, Observation failure, byte[] state) {
    }

    /**
     * A helper instance at {@code s}, given the workload, saves its state into {@code out}. Creating it
     * is INFO-1's finding; saving it (a stream that fails, or does not end within
     * {@link StateMachineSuite#MAX_STREAM} as FSM-4 requires) the finding of the migration that saves
     * the same state (COMPAT-2 in the matrix).
     */
    private Saved reference(Migrator.Step s, OutputStream out) {
        Attempt a = new Attempt(Phase.REFERENCE_STATE, "save the state of " + s.describe());
        long[] size = {-1};
        Observation failure = a.run(() -> {
            DeviceInstance d = a.createPrepared(s);
            a.blame(Findings.saves(s));
            Workload.apply(d, workload);
            d.setState(MigState.STOP_COPY);
            InputStream in = StateStreams.saving(d);
            long n = StateStreams.copyAtMost(in, out, StateMachineSuite.MAX_STREAM);
            if (in.read() >= 0) {
                throw new StateMachineSuite.NotEndingException(n);
            }
            size[0] = n;
            return null;
        }, UnaryOperator.identity());
        return new Saved(size[0], size[0] < 0 ? failure : null, null);
    }
}

package org.migcert.suites;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;
import org.migcert.adapter.DeviceException;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.Implementation;
import org.migcert.adapter.MigState;
import org.migcert.adapter.RequestRefusedException;
import org.migcert.manifest.RegisterAccess;
import org.migcert.model.Configuration;
import org.migcert.rules.Observation;
import org.migcert.rules.Observed;
import org.migcert.rules.Phase;
import org.migcert.state.StateMutation;
import org.migcert.state.StateStreams;

/**
 * Runs migrations the way a management stack does and says what happened: create the source,
 * apply the workload, snapshot, create the destination (refused early?), save in STOP_COPY, stream
 * the state through a mutation into the destination in RESUMING, STOP, RUNNING, snapshot and compare.
 * Each step is a {@link Phase}, so a failure names the step and the role of the instance; every
 * instance it creates is closed, whatever happens.
 */
public final class Migrator {
    /** One endpoint of a migration: an implementation and the full configuration it is created with. */
    public record Step(Implementation impl, Configuration config) {
        String describe() {
            return impl.id() + " [" + config.canonical() + "]";
        }
    }

    private final List<RegisterAccess> workload;
    private final List<RegisterAccess> observe;
    private final Map<Step, Long> sizes = new ConcurrentHashMap<>();

    public Migrator(List<RegisterAccess> workload, List<RegisterAccess> observe) {
        this.workload = workload;
        this.observe = observe;
    }

    /**
     * Creates two fresh instances, applies the workload to both and compares their hardware
     * interfaces: IDENTICAL or DIVERGED with every difference. No migration involved.
     */
    public Observation compare(Step a, Step b) {
        Attempt at = new Attempt(Phase.CHECK, a.describe() + " and " + b.describe());
        return at.run(() -> {
            DeviceInstance x = at.create(a);
            DeviceInstance y = at.create(b);
            Workload.apply(x, workload);
            Workload.apply(y, workload);
            List<String> diff = HardwareSnapshot.capture(x, observe).diff(HardwareSnapshot.capture(y, observe));
            return diff.isEmpty()
                    ? Observation.of(Observed.IDENTICAL, a.describe() + " and " + b.describe() + " look identical")
                    : Observation.of(Observed.DIVERGED, a.describe() + " vs " + b.describe() + ": " + String.join("; ", diff));
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
            DeviceInstance current = a.create(steps.get(0));
            a.enter(Phase.WORKLOAD);
            a.notes.addAll(Workload.apply(current, workload));
            HardwareSnapshot before = HardwareSnapshot.capture(current, observe);
            for (int hop = 1; hop < steps.size(); hop++) {
                Step dst = steps.get(hop);
                String hopName = (steps.size() > 2 ? "hop " + hop + ": " : "") + steps.get(hop - 1).describe()
                        + " -> " + dst.describe();
                a.enter(Phase.CREATE_DESTINATION, hopName);
                DeviceInstance next = a.create(dst);
                a.enter(Phase.SAVE);
                current.setState(MigState.STOP_COPY);
                a.enter(Phase.LOAD);
                next.setState(MigState.RESUMING);
                transfer(current, next, mutation);
                next.setState(MigState.STOP);
                a.enter(Phase.RESUME_DESTINATION);
                next.setState(MigState.RUNNING);
                a.enter(Phase.COMPARE_DESTINATION);
                List<String> diff = before.diff(HardwareSnapshot.capture(next, observe));
                if (!diff.isEmpty()) {
                    return a.observed(Observed.DIVERGED, hopName + ": hardware interface differs after load: "
                            + String.join("; ", diff));
                }
                current.close();
                current = next;
            }
            return a.observed(Observed.MIGRATED, "hardware interface identical after " + (steps.size() - 1)
                    + " hop(s) (" + before.entries().size() + " entries compared)");
        }, seen -> seen.outcome() == Observed.REFUSED_AT_LOAD && probeAfterRefusal
                ? aliveAfterRefusal(a.newest(), seen) : seen);
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
            DeviceInstance src = a.create(source);
            a.enter(Phase.WORKLOAD);
            a.notes.addAll(Workload.apply(src, workload));
            HardwareSnapshot before = HardwareSnapshot.capture(src, observe);
            a.enter(Phase.SAVE);
            String migration = attempt(src, destination, mutation, a);
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
            a.enter(Phase.COMPARE_SOURCE);
            List<String> diff = before.diff(HardwareSnapshot.capture(src, observe));
            return diff.isEmpty()
                    ? a.observed(Observed.IDENTICAL, migration + "; the source resumed from " + stopped
                            + " with its hardware interface unchanged (" + before.entries().size() + " entries compared)")
                    : a.observed(Observed.DIVERGED, migration + "; the source resumed from " + stopped
                            + " but its hardware interface changed: " + String.join("; ", diff));
        }, UnaryOperator.identity());
    }

    /**
     * Tries one migration from a running source and says how it ended. The destination's refusals
     * and failures end the attempt and are described; the source's own (it refuses to stop or to
     * save) escape. A failure that cannot be told apart (a crash while streaming) is described too:
     * resuming the source afterwards shows whose it was.
     */
    private static String attempt(DeviceInstance src, Step dst, StateMutation mutation, Attempt a) throws IOException {
        DeviceInstance next;
        try {
            next = a.create(dst);
        } catch (DeviceException e) {
            return "destination " + dst.describe() + " " + (e instanceof org.migcert.adapter.CreationRefusedException
                    ? "refused" : "failed at") + " creation (" + e.getMessage() + "), the source never stopped";
        }
        src.setState(MigState.STOP_COPY);
        String step = "load";
        try {
            next.setState(MigState.RESUMING);
            transfer(src, next, mutation);
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
     * Measures the state a source at {@code s} saves after the workload (counted, never held,
     * bounded by {@link StateMachineSuite#MAX_STREAM}), then runs {@code then} with its size. The
     * size is remembered per step: a state's size is a property of the implementation, the
     * configuration and the workload. A helper that cannot be created or cannot save is
     * SOURCE_FAILED in {@link Phase#REFERENCE_STATE}, one that dies CRASHED or HUNG.
     */
    public Observation withStateSize(Step s, LongFunction<Observation> then) {
        Long known = sizes.get(s);
        if (known != null) {
            return then.apply(known);
        }
        Attempt a = new Attempt(Phase.REFERENCE_STATE, "measure the state of " + s.describe());
        long[] size = {-1};
        Observation failure = a.run(() -> {
            DeviceInstance d = a.create(s);
            Workload.apply(d, workload);
            d.setState(MigState.STOP_COPY);
            size[0] = StateStreams.copyAtMost(StateStreams.saving(d), OutputStream.nullOutputStream(),
                    StateMachineSuite.MAX_STREAM);
            return null;
        }, UnaryOperator.identity());
        if (size[0] < 0) {
            return failure;
        }
        sizes.putIfAbsent(s, size[0]);
        return then.apply(size[0]);
    }

    /** Streams the source's state through the mutation into the destination; the source's failures keep their phase. */
    private static void transfer(DeviceInstance from, DeviceInstance to, StateMutation mutation) throws IOException {
        OutputStream out = StateStreams.loading(to);
        try (InputStream in = new SourceStream(StateStreams.saving(from))) {
            mutation.apply(in, out);
        } catch (org.migcert.state.MalformedStateException e) {
            throw new FailureClassifier.InPhase(Phase.SAVE,
                    new IOException("the source's state is not valid MGST: " + e.getMessage(), e));
        }
        out.flush();
    }

    /** The body of one attempt; device exceptions may escape to {@link Attempt#run}. */
    @FunctionalInterface
    private interface Body {
        Observation run() throws IOException;
    }

    /**
     * The bookkeeping of one attempt, shared by every kind of migration: the phase it is in and what
     * it acts on (the evidence says where things went wrong), notes on the workload, and every
     * instance it opened. {@link #run} classifies what escapes the body in one place and closes
     * every instance, whatever happens.
     */
    private static final class Attempt {
        private Phase phase;
        private String subject;
        final List<String> notes = new ArrayList<>();
        private final List<DeviceInstance> open = new ArrayList<>();

        Attempt(Phase phase, String subject) {
            this.phase = phase;
            this.subject = subject;
        }

        void enter(Phase p) {
            phase = p;
        }

        void enter(Phase p, String about) {
            phase = p;
            subject = about;
        }

        DeviceInstance create(Step s) {
            DeviceInstance d = s.impl().create(s.config().asText());
            open.add(d);
            return d;
        }

        /** The instance opened last (the destination being loaded). */
        DeviceInstance newest() {
            return open.get(open.size() - 1);
        }

        /** An observation made in the current phase, with the workload notes. */
        Observation observed(Observed o, String evidence) {
            return Observation.in(phase, o, evidence + tail());
        }

        private String tail() {
            return notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")";
        }

        /**
         * Runs the body; what escapes it is classified for the phase it escaped from, then passed
         * to {@code onFailure} (which may look further, such as whether a refusing device lives on).
         */
        Observation run(Body body, UnaryOperator<Observation> onFailure) {
            try {
                return body.run(); // null: the body finished without an observation of its own
            } catch (RuntimeException | IOException e) {
                Observation seen = FailureClassifier.observe(e, phase, phase.describe() + " (" + subject + ")");
                return onFailure.apply(Observation.in(seen.phase(), seen.outcome(), seen.evidence() + tail()));
            } finally {
                for (DeviceInstance d : open) {
                    d.close();
                }
                open.clear();
            }
        }
    }

    /** The source's data stream: its device errors belong to {@link Phase#SAVE}, whichever step is reading. */
    private static final class SourceStream extends FilterInputStream {
        SourceStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (DeviceException e) {
                throw new FailureClassifier.InPhase(Phase.SAVE, e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (DeviceException e) {
                throw new FailureClassifier.InPhase(Phase.SAVE, e);
            }
        }
    }
}

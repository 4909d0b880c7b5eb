package org.migcert.suites;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.migcert.adapter.CreationRefusedException;
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
import org.migcert.state.MalformedStateException;
import org.migcert.state.StateMutation;
import org.migcert.state.StateStreams;

/**
 * Runs migrations the way a management stack does and says what happened: create the source,
 * apply the workload, snapshot, create the destination (refused early?), save in STOP_COPY, stream
 * the state through a mutation into the destination in RESUMING, STOP, RUNNING, snapshot and compare.
 * Every instance it creates is closed, whatever happens.
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
        try (DeviceInstance x = create(a); DeviceInstance y = create(b)) {
            Workload.apply(x, workload);
            Workload.apply(y, workload);
            List<String> diff = HardwareSnapshot.capture(x, observe).diff(HardwareSnapshot.capture(y, observe));
            return diff.isEmpty()
                    ? Observation.of(Observed.IDENTICAL, a.describe() + " and " + b.describe() + " look identical")
                    : Observation.of(Observed.DIVERGED, a.describe() + " vs " + b.describe() + ": " + String.join("; ", diff));
        }
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
        Attempt a = new Attempt("create source " + steps.get(0).describe());
        return a.run(() -> {
            DeviceInstance current = a.create(steps.get(0));
            a.phase = "apply workload on the source";
            a.notes.addAll(Workload.apply(current, workload));
            HardwareSnapshot before = HardwareSnapshot.capture(current, observe);
            for (int hop = 1; hop < steps.size(); hop++) {
                Step dst = steps.get(hop);
                String hopName = (steps.size() > 2 ? "hop " + hop + ": " : "") + steps.get(hop - 1).describe()
                        + " -> " + dst.describe();
                a.phase = "create destination " + dst.describe();
                DeviceInstance next;
                try {
                    next = a.create(dst);
                } catch (CreationRefusedException e) {
                    return Observation.of(Observed.REFUSED_AT_CREATE, hopName + ": destination refused creation: "
                            + e.getMessage() + a.tail());
                }
                a.phase = "save on the source (RUNNING -> STOP_COPY)";
                current.setState(MigState.STOP_COPY);
                a.phase = "load into the destination";
                next.setState(MigState.RESUMING);
                transfer(current, next, mutation);
                next.setState(MigState.STOP);
                a.phase = "resume the destination (STOP -> RUNNING)";
                next.setState(MigState.RUNNING);
                a.phase = "snapshot the destination";
                List<String> diff = before.diff(HardwareSnapshot.capture(next, observe));
                if (!diff.isEmpty()) {
                    return Observation.of(Observed.DIVERGED, hopName + ": hardware interface differs after load: "
                            + String.join("; ", diff) + a.tail());
                }
                current.close();
                current = next;
            }
            return Observation.of(Observed.MIGRATED, "hardware interface identical after " + (steps.size() - 1)
                    + " hop(s) (" + before.entries().size() + " entries compared)" + a.tail());
        }, e -> {
            Observed o = a.phase.startsWith("load") ? Observed.REFUSED_AT_LOAD
                    : a.phase.contains("source") ? Observed.SOURCE_FAILED : Observed.DIVERGED;
            Observation seen = Observation.of(o, a.phase + ": " + e.getMessage() + a.tail());
            return o == Observed.REFUSED_AT_LOAD && probeAfterRefusal ? aliveAfterRefusal(a.newest(), seen) : seen;
        });
    }

    /**
     * ROBUST-2: one migration that is refused or fails (the destination may refuse creation, refuse
     * the load, or die), then the source is asked back from where it stopped to RUNNING and compared
     * with its snapshot from before: IDENTICAL when it resumed unchanged, DIVERGED with every
     * difference, REJECTED when it refused to resume, CRASHED or HUNG when it died.
     */
    public Observation migrateAndResume(Step source, Step destination, StateMutation mutation) {
        Attempt a = new Attempt("create source " + source.describe());
        return a.run(() -> {
            DeviceInstance src = a.create(source);
            a.phase = "apply workload on the source";
            a.notes.addAll(Workload.apply(src, workload));
            HardwareSnapshot before = HardwareSnapshot.capture(src, observe);
            a.phase = "save on the source (RUNNING -> STOP_COPY)";
            String migration = attempt(src, destination, mutation, a);
            a.phase = "ask the source its state after the attempt";
            MigState stopped = src.state();
            a.phase = "resume the source (" + stopped + " -> RUNNING)";
            if (stopped != MigState.RUNNING) {
                try {
                    src.setState(MigState.RUNNING);
                } catch (RequestRefusedException e) {
                    return Observation.of(Observed.REJECTED, migration + "; then the source refused " + stopped
                            + " -> RUNNING: " + e.getMessage() + a.tail());
                }
            }
            a.phase = "snapshot the resumed source";
            List<String> diff = before.diff(HardwareSnapshot.capture(src, observe));
            return diff.isEmpty()
                    ? Observation.of(Observed.IDENTICAL, migration + "; the source resumed from " + stopped
                            + " with its hardware interface unchanged (" + before.entries().size() + " entries compared)"
                            + a.tail())
                    : Observation.of(Observed.DIVERGED, migration + "; the source resumed from " + stopped
                            + " but its hardware interface changed: " + String.join("; ", diff) + a.tail());
        }, e -> Observation.of(Observed.SOURCE_FAILED, a.phase + ": " + e.getMessage() + a.tail()));
    }

    /**
     * Tries one migration from a running source and says how it ended. The destination's refusals
     * and failures end the attempt and are described; the source's own (it refuses to stop or to
     * save) escape. A failure that cannot be told apart (a crash while streaming) is described too:
     * resuming the source afterwards shows whose it was.
     */
    private static String attempt(DeviceInstance src, Step dst, StateMutation mutation, Attempt a)
            throws SourceStreamException {
        DeviceInstance next;
        try {
            next = a.create(dst);
        } catch (CreationRefusedException e) {
            return "destination " + dst.describe() + " refused creation (" + e.getMessage() + "), the source never stopped";
        } catch (DeviceException e) {
            return "destination " + dst.describe() + " failed at creation (" + e.getMessage() + "), the source never stopped";
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
        } catch (SourceStreamException e) {
            throw e;
        } catch (DeviceException | IOException e) {
            return "destination " + dst.describe() + " failed to " + step + " (" + mutation.name() + "): " + e.getMessage();
        }
    }

    /** A refused load counts only if the destination is still alive: it answers and a reset brings it to RUNNING. */
    private static Observation aliveAfterRefusal(DeviceInstance d, Observation refused) {
        String phase = "after the refused load";
        try {
            MigState now = d.state();
            phase = "reset after the refused load (device reported " + now + ")";
            d.reset();
            MigState after = d.state();
            if (after != MigState.RUNNING) {
                return Observation.of(Observed.CRASHED, refused.evidence() + "; the device is unusable: after the"
                        + " refusal it reported " + now + " and after a reset " + after + ", not RUNNING");
            }
            return Observation.of(Observed.REFUSED_AT_LOAD, refused.evidence() + "; afterwards the device reported "
                    + now + " and a reset brought it to RUNNING");
        } catch (DeviceFailedException e) {
            Observation f = failed(e, phase);
            return Observation.of(f.outcome(), refused.evidence() + "; then " + f.evidence());
        } catch (DeviceException e) {
            return Observation.of(Observed.CRASHED, refused.evidence() + "; the device is unusable: " + phase + ": "
                    + e.getMessage());
        }
    }

    /**
     * Measures the state a source at {@code s} saves after the workload (counted, never held,
     * bounded by {@link StateMachineSuite#MAX_STREAM}), then runs {@code then} with its size. The
     * size is remembered per step: a state's size is a property of the implementation, the
     * configuration and the workload. A source that cannot be created or cannot save is
     * SOURCE_FAILED, one that dies CRASHED or HUNG.
     */
    public Observation withStateSize(Step s, LongFunction<Observation> then) {
        Long known = sizes.get(s);
        if (known != null) {
            return then.apply(known);
        }
        Attempt a = new Attempt("measure the state of " + s.describe() + ": create the source");
        long[] size = {0};
        Observation failure = a.run(() -> {
            DeviceInstance d = a.create(s);
            a.phase = "measure the state of " + s.describe() + ": save (RUNNING -> STOP_COPY)";
            Workload.apply(d, workload);
            d.setState(MigState.STOP_COPY);
            size[0] = StateStreams.copyAtMost(new SourceStream(StateStreams.saving(d)), OutputStream.nullOutputStream(),
                    StateMachineSuite.MAX_STREAM);
            return null;
        }, e -> Observation.of(Observed.SOURCE_FAILED, a.phase + ": " + e.getMessage()));
        if (failure != null) {
            return failure;
        }
        sizes.putIfAbsent(s, size[0]);
        return then.apply(size[0]);
    }

    private static DeviceInstance create(Step s) {
        return s.impl().create(s.config().asText());
    }

    /** Streams the source's state through the mutation into the destination. */
    private static void transfer(DeviceInstance from, DeviceInstance to, StateMutation mutation) throws IOException {
        OutputStream out = StateStreams.loading(to);
        try (InputStream in = new SourceStream(StateStreams.saving(from))) {
            mutation.apply(in, out);
        } catch (MalformedStateException e) {
            throw new SourceStreamException("the source's state is not valid MGST: " + e.getMessage(), e);
        }
        out.flush();
    }

    /** Classifies a crash or hang; the exception already carries what the device printed. */
    static Observation failed(DeviceFailedException e, String phase) {
        return Observation.of(e.kind() == DeviceFailedException.Kind.HUNG ? Observed.HUNG : Observed.CRASHED,
                phase + ": " + e.getMessage());
    }

    /** The body of one attempt; device exceptions may escape to {@link Attempt#run}. */
    @FunctionalInterface
    private interface Body {
        Observation run() throws IOException;
    }

    /**
     * The bookkeeping of one attempt, shared by every kind of migration: the phase it is in (the
     * evidence says where things went wrong), notes on the workload, and every instance it opened.
     * {@link #run} classifies what escapes the body the same way for all of them and closes every
     * instance, whatever happens.
     */
    private static final class Attempt {
        String phase;
        final List<String> notes = new ArrayList<>();
        private final List<DeviceInstance> open = new ArrayList<>();

        Attempt(String phase) {
            this.phase = phase;
        }

        DeviceInstance create(Step s) {
            DeviceInstance d = Migrator.create(s);
            open.add(d);
            return d;
        }

        /** The instance opened last (the destination being loaded). */
        DeviceInstance newest() {
            return open.get(open.size() - 1);
        }

        String tail() {
            return notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")";
        }

        /**
         * Runs the body. The source refusing its configuration or failing to stream is SOURCE_FAILED,
         * a crash or hang CRASHED or HUNG; any other refusal is for {@code other} to classify.
         */
        Observation run(Body body, Function<Exception, Observation> other) {
            try {
                return body.run(); // null: the body finished without an observation of its own
            } catch (CreationRefusedException e) {
                return Observation.of(Observed.SOURCE_FAILED, phase + ": refused: " + e.getMessage() + tail());
            } catch (SourceStreamException e) {
                return Observation.of(Observed.SOURCE_FAILED, "reading the source's state failed: " + e.getMessage());
            } catch (DeviceFailedException e) {
                return failed(e, phase);
            } catch (DeviceException | IOException e) {
                return other.apply(e);
            } finally {
                closeAll();
            }
        }

        void closeAll() {
            for (DeviceInstance d : open) {
                d.close();
            }
            open.clear();
        }
    }

    /** A failure while reading the source's data, told apart from a refusal by the destination. */
    static final class SourceStreamException extends IOException {
        SourceStreamException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final class SourceStream extends FilterInputStream {
        SourceStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (DeviceFailedException e) {
                throw e;
            } catch (DeviceException e) {
                throw new SourceStreamException(e.getMessage(), e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (DeviceFailedException e) {
                throw e;
            } catch (DeviceException e) {
                throw new SourceStreamException(e.getMessage(), e);
            }
        }
    }
}

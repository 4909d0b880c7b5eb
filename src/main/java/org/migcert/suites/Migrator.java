package org.migcert.suites;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.migcert.adapter.CreationRefusedException;
import org.migcert.adapter.DeviceException;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.Implementation;
import org.migcert.adapter.MigState;
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
        return chain(List.of(source, destination), mutation);
    }

    /** Migrates along {@code steps}: the first is the source, each later one a destination in turn. */
    public Observation chain(List<Step> steps, StateMutation mutation) {
        List<DeviceInstance> open = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String phase = "create source " + steps.get(0).describe();
        DeviceInstance current = null;
        DeviceInstance next = null;
        try {
            current = track(open, create(steps.get(0)));
            phase = "apply workload on the source";
            notes.addAll(Workload.apply(current, workload));
            HardwareSnapshot before = HardwareSnapshot.capture(current, observe);
            for (int hop = 1; hop < steps.size(); hop++) {
                Step dst = steps.get(hop);
                String hopName = (steps.size() > 2 ? "hop " + hop + ": " : "") + steps.get(hop - 1).describe()
                        + " -> " + dst.describe();
                phase = "create destination " + dst.describe();
                try {
                    next = track(open, create(dst));
                } catch (CreationRefusedException e) {
                    return Observation.of(Observed.REFUSED_AT_CREATE, hopName + ": destination refused creation: "
                            + e.getMessage() + tail(notes));
                }
                phase = "save on the source (RUNNING -> STOP_COPY)";
                current.setState(MigState.STOP_COPY);
                phase = "load into the destination";
                next.setState(MigState.RESUMING);
                transfer(current, next, mutation);
                next.setState(MigState.STOP);
                phase = "resume the destination (STOP -> RUNNING)";
                next.setState(MigState.RUNNING);
                phase = "snapshot the destination";
                HardwareSnapshot after = HardwareSnapshot.capture(next, observe);
                List<String> diff = before.diff(after);
                if (!diff.isEmpty()) {
                    return Observation.of(Observed.DIVERGED, hopName + ": hardware interface differs after load: "
                            + String.join("; ", diff) + tail(notes));
                }
                current.close();
                current = next;
            }
            return Observation.of(Observed.MIGRATED, "hardware interface identical after " + (steps.size() - 1)
                    + " hop(s) (" + before.entries().size() + " entries compared)" + tail(notes));
        } catch (CreationRefusedException e) {
            return Observation.of(Observed.SOURCE_FAILED, phase + ": refused: " + e.getMessage() + tail(notes));
        } catch (SourceStreamException e) {
            return Observation.of(Observed.SOURCE_FAILED, "reading the source's state failed: " + e.getMessage());
        } catch (DeviceFailedException e) {
            return failed(e, phase, open);
        } catch (DeviceException | IOException e) {
            Observed o = phase.startsWith("load") ? Observed.REFUSED_AT_LOAD
                    : phase.startsWith("create source") || phase.contains("source") ? Observed.SOURCE_FAILED
                    : Observed.DIVERGED;
            return Observation.of(o, phase + ": " + e.getMessage() + tail(notes));
        } finally {
            for (DeviceInstance d : open) {
                d.close();
            }
        }
    }

    private static DeviceInstance track(List<DeviceInstance> open, DeviceInstance d) {
        open.add(d);
        return d;
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

    /** Classifies a crash or hang, with what each device said on the side. */
    static Observation failed(DeviceFailedException e, String phase, List<DeviceInstance> open) {
        StringBuilder ev = new StringBuilder(phase + ": " + e.getMessage());
        for (DeviceInstance d : open) {
            String diag = d.diagnostics();
            if (!diag.isBlank()) {
                ev.append("\n--- device output ---\n").append(diag);
            }
        }
        return Observation.of(e.kind() == DeviceFailedException.Kind.HUNG ? Observed.HUNG : Observed.CRASHED,
                ev.toString());
    }

    private static String tail(List<String> notes) {
        return notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")";
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

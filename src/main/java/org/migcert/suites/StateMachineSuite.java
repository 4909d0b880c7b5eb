package org.migcert.suites;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.Implementation;
import org.migcert.adapter.MigState;
import org.migcert.adapter.MigrationFlags;
import org.migcert.adapter.MigrationFsm;
import org.migcert.adapter.RequestRefusedException;
import org.migcert.manifest.StateFormat;
import org.migcert.model.Configuration;
import org.migcert.rules.Expectation;
import org.migcert.rules.Expected;
import org.migcert.rules.Observation;
import org.migcert.rules.Observed;
import org.migcert.rules.Rule;
import org.migcert.state.StateStreams;

/**
 * StateMachine suite (FSM-1..5): the VFIO v2 migration state machine of each implementation,
 * probed on a fresh instance per case. Arcs through optional states (P2P, PRE_COPY) the device
 * does not claim are NOT_APPLICABLE; requests for them must still be refused.
 */
public final class StateMachineSuite extends SuiteBase {
    static final String NAME = "StateMachine";
    /** Bound on the bytes a stream may carry before the suite calls it endless (FSM-4). */
    static final long MAX_STREAM = 1L << 30;

    public StateMachineSuite() {
        super(NAME, Rule.FSM_1, Rule.FSM_2, Rule.FSM_3, Rule.FSM_4, Rule.FSM_5);
    }

    @Override
    public void plan(SuiteContext ctx, CasePlan out) {
        Migrator migrator = ctx.migrator();
        StateFormat format = ctx.manifest().stateFormat();
        for (Implementation impl : ctx.implementations()) {
            Configuration c = ctx.model(impl).initial();
            Function<String, CaseBuilder> on = variant -> CaseBuilder.in(NAME).source(impl).config(c.canonical())
                    .variant(variant);
            if (impl.withoutStateMachine().isPresent()) {
                // Planned without creating an instance: there are no claimed flags to ask for.
                for (Rule r : rules()) {
                    out.add(on.apply("vfio-uapi").rules(r).notApplicable(impl.withoutStateMachine().get()));
                }
                continue;
            }
            Probe p = new Probe(migrator, new Migrator.Step(impl, c));
            CaseFactory f = (rules, variant, e, check) -> out.add(on.apply(variant).rules(rules).expect(e, check));
            // Planned from the flags the device claims; each probe checks them again on its own instance.
            long claimed = ctx.claimedFlags(impl);
            MigrationFsm own = new MigrationFsm(claimed);
            f.add(new Rule[] {Rule.FSM_1}, "mandatory-states", Expectation.of(Expected.ACCEPTED, "STOP_COPY is claimed and"
                    + " RUNNING, STOP, STOP_COPY, RESUMING are reachable arc by arc"), p::mandatory);
            for (MigState from : MigState.values()) {
                for (MigState to : own.directArcs(from)) {
                    f.add(new Rule[] {Rule.FSM_2}, "arc:" + from + ">" + to, Expectation.of(Expected.ACCEPTED,
                            "direct arc " + from + " -> " + to), () -> p.arc(from, to, true));
                }
            }
            for (long feature : new long[] {MigrationFlags.P2P, MigrationFlags.PRE_COPY}) {
                if ((claimed & feature) == 0) {
                    out.add(on.apply("optional-arcs:" + MigrationFlags.describe(feature)).rules(Rule.FSM_2)
                            .notApplicable("the device does not claim " + MigrationFlags.describe(feature) + " (flags "
                                    + MigrationFlags.describe(claimed) + "): its arcs are not checked; requests for its"
                                    + " states must still be refused (unclaimed:*)"));
                }
            }
            f.add(new Rule[] {Rule.FSM_2}, "refuse:STOP_COPY>PRE_COPY", Expectation.of(Expected.REJECTED,
                    "STOP_COPY never goes back to PRE_COPY"), () -> p.arc(MigState.STOP_COPY, MigState.PRE_COPY, false));
            f.add(new Rule[] {Rule.FSM_2}, "refuse:RUNNING>ERROR", Expectation.of(Expected.REJECTED,
                    "ERROR is not a state one can ask for"), () -> p.arc(MigState.RUNNING, MigState.ERROR, false));
            for (int raw : new int[] {8, 0xffff}) {
                f.add(new Rule[] {Rule.FSM_2}, "refuse:raw-" + raw, Expectation.of(Expected.REJECTED,
                        "state value " + raw + " is undefined"), () -> p.raw(raw));
            }
            for (MigState s : List.of(MigState.RUNNING_P2P, MigState.PRE_COPY, MigState.PRE_COPY_P2P)) {
                if (!own.supportedStates().contains(s)) {
                    f.add(new Rule[] {Rule.FSM_2}, "unclaimed:" + s, Expectation.of(Expected.REJECTED, s
                            + " must be refused by a device that does not claim it"), () -> p.unclaimed(s));
                }
            }
            for (MigState from : own.supportedStates()) {
                for (MigState to : own.supportedStates()) {
                    if (from != to && !own.directArcs(from).contains(to) && own.path(from, to).isPresent()) {
                        f.add(new Rule[] {Rule.FSM_3}, "path:" + from + ">" + to, Expectation.of(Expected.ACCEPTED,
                                "multi-arc " + from + " -> " + to + " along the shortest path " + own.path(from, to).get()),
                                () -> p.multiArc(from, to));
                    }
                }
            }
            for (MigState s : List.of(MigState.RUNNING, MigState.STOP, MigState.RESUMING)) {
                f.add(new Rule[] {Rule.FSM_4}, "no-read-in:" + s, Expectation.of(Expected.REJECTED,
                        "data is read only in PRE_COPY or STOP_COPY"), () -> p.dataAccess(s, true));
            }
            for (MigState s : List.of(MigState.RUNNING, MigState.STOP, MigState.STOP_COPY)) {
                f.add(new Rule[] {Rule.FSM_4}, "no-write-in:" + s, Expectation.of(Expected.REJECTED,
                        "data is written only in RESUMING"), () -> p.dataAccess(s, false));
            }
            f.add(new Rule[] {Rule.FSM_4}, "stream-ends", Expectation.of(Expected.ACCEPTED, "a STOP_COPY stream ends"
                    + " with a short read and stays ended"), p::streamEnds);
            for (BadData bad : BadData.values()) {
                if (bad.appliesTo(format)) {
                    f.add(new Rule[] {Rule.FSM_5}, bad.variant, bad.expectation(format), () -> p.badLoad(bad, format));
                }
            }
            f.add(new Rule[] {Rule.FSM_5}, "reset-from-error", Expectation.of(Expected.ACCEPTED, "a reset leaves"
                    + " ERROR (or any state) for RUNNING"), p::resetRecovers);
        }
    }

    @FunctionalInterface
    private interface CaseFactory {
        void add(Rule[] rules, String variant, Expectation e, Check check);
    }

    /** The probes, each on a fresh instance. */
    static final class Probe {
        private final Migrator migrator;
        private final Migrator.Step self;
        private final Implementation impl;
        private final Map<String, String> params;

        /** Probes instances at {@code self}; a real state to load is saved by a reference of the same step. */
        Probe(Migrator migrator, Migrator.Step self) {
            this.migrator = migrator;
            this.self = self;
            this.impl = self.impl();
            this.params = self.config().asText();
        }

        private static MigrationFsm fsm(DeviceInstance d) {
            return new MigrationFsm(d.migrationFlags());
        }

        Observation mandatory() {
            try (DeviceInstance d = impl.create(params)) {
                long flags = d.migrationFlags();
                if ((flags & MigrationFlags.STOP_COPY) == 0) {
                    return Observation.of(Observed.REJECTED, "MIGRATION feature flags " + MigrationFlags.describe(flags)
                            + " lack STOP_COPY");
                }
                List<String> seen = new ArrayList<>();
                for (MigState s : List.of(MigState.STOP, MigState.STOP_COPY, MigState.STOP, MigState.RESUMING)) {
                    d.setState(s);
                    seen.add(s + "=" + d.state());
                    if (d.state() != s) {
                        return Observation.of(Observed.DIVERGED, "asked " + s + ", device reports " + d.state());
                    }
                }
                return Observation.of(Observed.ACCEPTED, "flags " + MigrationFlags.describe(flags) + "; " + seen);
            }
        }

        Observation arc(MigState from, MigState to, boolean mustBeSupported) throws Exception {
            return fromLoaded(from, state -> {
                try (DeviceInstance d = impl.create(params)) {
                    MigrationFsm own = fsm(d);
                    if (mustBeSupported && !own.directArcs(from).contains(to)) {
                        throw new Check.NotApplicable("arc " + from + " -> " + to + " needs a state the device does not"
                                + " claim (flags " + MigrationFlags.describe(d.migrationFlags()) + ")");
                    }
                    if (!reachLoaded(d, from, state)) {
                        return Observation.of(Observed.SOURCE_FAILED, "could not bring the device to " + from
                                + " (it reports " + d.state() + ")");
                    }
                    return request(d, to);
                }
            });
        }

        Observation raw(int value) {
            try (DeviceInstance d = impl.create(params)) {
                try {
                    d.setRawState(value);
                } catch (RequestRefusedException e) {
                    return afterRefusal(d, "state " + value, e);
                }
                return Observation.of(Observed.ACCEPTED, "device accepted undefined state " + value + "; it reports "
                        + d.state());
            }
        }

        Observation unclaimed(MigState s) {
            try (DeviceInstance d = impl.create(params)) {
                if (fsm(d).supportedStates().contains(s)) {
                    throw new Check.NotApplicable("the device claims " + s + "; its arcs are checked instead");
                }
                return request(d, s);
            }
        }

        Observation multiArc(MigState from, MigState to) throws Exception {
            return fromLoaded(from, state -> {
                try (DeviceInstance d = impl.create(params)) {
                    MigrationFsm own = fsm(d);
                    if (!own.supportedStates().contains(from) || !own.supportedStates().contains(to)) {
                        throw new Check.NotApplicable(from + " -> " + to + " needs a state the device does not claim");
                    }
                    if (!reachLoaded(d, from, state)) {
                        return Observation.of(Observed.SOURCE_FAILED, "could not bring the device to " + from);
                    }
                    Observation o = request(d, to);
                    if (o.outcome() == Observed.ACCEPTED && to == MigState.STOP_COPY) {
                        long n = drain(d);
                        return n == 0 ? Observation.of(Observed.DIVERGED, "no state to read after " + from + " -> "
                                + to + ": did the path pass through PRE_COPY and lose it?")
                                : Observation.of(Observed.ACCEPTED, o.evidence() + "; read " + n + " bytes of state");
                    }
                    return o;
                }
            });
        }

        Observation dataAccess(MigState s, boolean read) {
            try (DeviceInstance d = impl.create(params)) {
                if (!reach(d, s)) {
                    return Observation.of(Observed.SOURCE_FAILED, "could not bring the device to " + s);
                }
                try {
                    if (read) {
                        int n = d.readData(ByteBuffer.allocate(4096));
                        return Observation.of(Observed.ACCEPTED, "read of " + n + " bytes accepted in " + s);
                    }
                    d.writeData(ByteBuffer.wrap(new byte[16]));
                    return Observation.of(Observed.ACCEPTED, "write of 16 bytes accepted in " + s);
                } catch (RequestRefusedException e) {
                    return afterRefusal(d, (read ? "read" : "write") + " in " + s, e);
                }
            }
        }

        Observation streamEnds() throws Exception {
            try (DeviceInstance d = impl.create(params)) {
                d.setState(MigState.STOP_COPY);
                long n = drain(d);
                int again = d.readData(ByteBuffer.allocate(4096));
                return again == 0
                        ? Observation.of(Observed.ACCEPTED, "stream of " + n + " bytes ended; a further read gave 0")
                        : Observation.of(Observed.DIVERGED, "after the stream ended (" + n + " bytes) a further read"
                                + " returned " + again + " bytes");
            }
        }

        /** FSM-5: data derived from a real state ({@link BadData}) is written in RESUMING, then RESUMING -> STOP. */
        Observation badLoad(BadData kind, StateFormat format) throws Exception {
            return migrator.withState(self, real -> {
                byte[] data = kind.from(real, format);
                String what = kind.variant + " (" + data.length + " bytes; the real state has " + real.length + ")";
                try (DeviceInstance d = impl.create(params)) {
                    d.setState(MigState.RESUMING);
                    try {
                        if (data.length > 0) {
                            d.writeData(ByteBuffer.wrap(data));
                        }
                        d.setState(MigState.STOP);
                    } catch (RequestRefusedException e) {
                        return afterRefusal(d, what, e);
                    }
                    return Observation.of(Observed.ACCEPTED, "RESUMING -> STOP succeeded with " + what);
                }
            });
        }

        Observation resetRecovers() {
            try (DeviceInstance d = impl.create(params)) {
                d.setState(MigState.RESUMING);
                String before;
                try {
                    d.writeData(ByteBuffer.wrap(BadData.garbage(BadData.GARBAGE_BYTES)));
                    d.setState(MigState.STOP);
                    before = "garbage load was accepted; state " + d.state();
                } catch (RequestRefusedException e) {
                    before = "garbage load refused; state " + d.state();
                }
                d.reset();
                MigState after = d.state();
                return after == MigState.RUNNING
                        ? Observation.of(Observed.ACCEPTED, before + "; after reset RUNNING")
                        : Observation.of(Observed.DIVERGED, before + "; after reset " + after);
            }
        }

        /** Reads the stream to its end, bounded by {@link #MAX_STREAM}. */
        private static long drain(DeviceInstance d) throws Exception {
            try (InputStream in = StateStreams.saving(d)) {
                long n = StateStreams.copyAtMost(in, OutputStream.nullOutputStream(), MAX_STREAM);
                if (in.read() >= 0) {
                    throw new NotEndingException(n);
                }
                return n;
            }
        }

        /** Brings a fresh instance to {@code s} through its own shortest path; false if it refused. */
        private static boolean reach(DeviceInstance d, MigState s) {
            try {
                d.setState(s);
                return d.state() == s;
            } catch (RequestRefusedException e) {
                return false;
            }
        }

        /**
         * Runs {@code probe} with a real state saved by a reference of the same step when the probe
         * starts from RESUMING (null otherwise), so arcs out of RESUMING test the machine, not the
         * loader (FSM-5 checks the loader).
         */
        private Observation fromLoaded(MigState from, Migrator.StateUse probe) throws Exception {
            return from == MigState.RESUMING ? migrator.withState(self, probe) : probe.apply(null);
        }

        /** Like {@link #reach}, and when {@code s} is RESUMING also writes {@code state}. */
        private static boolean reachLoaded(DeviceInstance d, MigState s, byte[] state) {
            if (!reach(d, s)) {
                return false;
            }
            if (s == MigState.RESUMING) {
                d.writeData(ByteBuffer.wrap(state));
            }
            return true;
        }

        private static Observation request(DeviceInstance d, MigState to) {
            MigState before = d.state();
            try {
                d.setState(to);
            } catch (RequestRefusedException e) {
                return afterRefusal(d, before + " -> " + to, e);
            }
            MigState now = d.state();
            return now == to ? Observation.of(Observed.ACCEPTED, before + " -> " + to + " done")
                    : Observation.of(Observed.DIVERGED, before + " -> " + to + " accepted but device reports " + now);
        }

        /** A refusal counts only if the device still answers afterwards. */
        private static Observation afterRefusal(DeviceInstance d, String what, RequestRefusedException e) {
            MigState now = d.state();
            return Observation.of(Observed.REJECTED, what + " refused (errno " + e.errno() + ": " + e.getMessage()
                    + "); device now reports " + now);
        }
    }

    /** A stream that goes on past {@link #MAX_STREAM}: graded as a failure, not a hang. */
    static final class NotEndingException extends org.migcert.adapter.DeviceException {
        NotEndingException(long n) {
            super("the state stream did not end after " + n + " bytes");
        }
    }
}

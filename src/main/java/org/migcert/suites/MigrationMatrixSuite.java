package org.migcert.suites;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.migcert.adapter.Implementation;
import org.migcert.adapter.MigrationFlags;
import org.migcert.manifest.StateFormat;
import org.migcert.model.Configuration;
import org.migcert.model.ModelInfo;
import org.migcert.model.ParamSpec;
import org.migcert.model.Value;
import org.migcert.rules.Expectation;
import org.migcert.rules.Expected;
import org.migcert.rules.Observation;
import org.migcert.rules.Oracle;
import org.migcert.rules.Rule;
import org.migcert.state.StateMutation;

/**
 * MigrationMatrix suite (COMPAT-1/2/3, PARAM-3/4, FWD-1, BWD-1, CHAIN-1, MODEL-1): every ordered
 * pair of implementations, same-version pairs included, over every configuration of the source,
 * with the expected outcome from the oracle, and again through PRE_COPY when the source claims it;
 * mis-configured destinations; multi-hop chains; foreign state.
 */
public final class MigrationMatrixSuite extends SuiteBase {
    static final String NAME = "MigrationMatrix";

    public MigrationMatrixSuite() {
        super(NAME, Rule.COMPAT_1, Rule.COMPAT_2, Rule.COMPAT_3, Rule.PARAM_3, Rule.PARAM_4, Rule.FWD_1, Rule.BWD_1,
                Rule.CHAIN_1, Rule.MODEL_1);
    }

    @Override
    public void plan(SuiteContext ctx, CasePlan out) {
        Migrator migrator = ctx.migrator();
        for (Implementation src : ctx.implementations()) {
            ModelInfo ms = ctx.model(src);
            // Planned from what the source claims at its initial configuration; each case checks its own instance again.
            long flags = ctx.claimedFlags(src);
            for (Implementation dst : ctx.implementations()) {
                for (Configuration c : ctx.configurations(src)) {
                    pair(ctx, migrator, src, ms, dst, c, out);
                }
                if ((flags & MigrationFlags.PRE_COPY) != 0) {
                    for (Configuration c : ctx.configurations(src)) {
                        preCopy(ctx, migrator, src, ms, dst, c, out);
                    }
                } else {
                    out.add(preCopyCase(src, dst, ms.initial().canonical(), ctx.describe(ms, ms.initial()))
                            .notApplicable(src.id() + " does not claim PRE_COPY (flags " + MigrationFlags.describe(flags)
                                    + "): it migrates through STOP_COPY only, which the other cases of this pair check"));
                }
            }
        }
        chains(ctx, migrator, out);
        boolean opaque = ctx.manifest().stateFormat() == StateFormat.OPAQUE;
        for (Implementation impl : ctx.implementations()) {
            foreign(migrator, impl, ctx.model(impl).initial(), opaque, out);
        }
    }

    /**
     * The case that migrates {@code src} at a configuration (canonical text) to {@code dst}; the
     * migration of an implementation to itself is the finding a reference state that cannot be saved
     * blocks on ({@link Findings#saves}). Its rules follow COMPAT-1.
     */
    static CaseBuilder migration(Implementation src, Implementation dst, String canonical) {
        return migration(src, dst, canonical, canonical);
    }

    private static CaseBuilder migration(Implementation src, Implementation dst, String canonical, String display) {
        return CaseBuilder.in(NAME).rules(Rule.COMPAT_1).source(src).destination(dst).config(canonical, display);
    }

    private static void pair(SuiteContext ctx, Migrator migrator, Implementation src, ModelInfo ms, Implementation dst,
                             Configuration c, CasePlan out) {
        Oracle.Decision d = Oracle.decide(ms, c, dst.info());
        int direction = Integer.compare(ctx.release(src), ctx.release(dst));
        List<Rule> rules = new ArrayList<>();
        Expectation e;
        if (direction < 0) {
            // FWD-1 overrides the oracle: older to newer must always be possible.
            rules.add(Rule.FWD_1);
            rules.addAll(d.possible() ? List.of(Rule.COMPAT_2, Rule.PARAM_3, Rule.PARAM_4) : List.of());
            e = Expectation.of(Expected.MIGRATES, "FWD-1: every configuration of " + src.id() + " migrates to newer "
                    + dst.id() + (d.possible() ? "" : "; but the info of " + dst.id() + " says: " + d.reason()));
        } else {
            if (direction > 0) {
                rules.add(Rule.BWD_1);
            }
            rules.addAll(d.possible() ? List.of(Rule.COMPAT_2, Rule.PARAM_3, Rule.PARAM_4) : List.of(Rule.COMPAT_3));
            e = d.expectation();
        }
        Migrator.Step from = new Migrator.Step(src, c);
        Migrator.Step to = new Migrator.Step(dst, d.destination());
        String cfg = ctx.describe(ms, c);
        out.add(migration(src, dst, c.canonical(), cfg).rules(rules)
                .expect(e, () -> migrator.migrate(from, to, StateMutation.IDENTITY)));
        if (d.possible()) {
            Configuration wrong = misconfigure(ctx.model(dst), d.destination());
            if (wrong != null) {
                out.add(CaseBuilder.in(NAME).rules(Rule.COMPAT_3).source(src).destination(dst).config(c.canonical(), cfg)
                        .variant("misconfigured-destination:" + wrong.canonical())
                        .expect(Expected.REFUSED, "the destination is created with " + wrong.canonical()
                                + " instead of " + d.destination().canonical() + ": loading must fail",
                                () -> migrator.migrate(from, new Migrator.Step(dst, wrong), StateMutation.IDENTITY)));
            }
        }
    }

    /** COMPAT-2 through PRE_COPY for a possible migration of a source that claims it ({@link Migrator#migratePreCopy}). */
    private static void preCopy(SuiteContext ctx, Migrator migrator, Implementation src, ModelInfo ms,
                                Implementation dst, Configuration c, CasePlan out) {
        Oracle.Decision d = Oracle.decide(ms, c, dst.info());
        if (!d.possible()) {
            return; // refused at creation: the pair's own case checks it, no state moves
        }
        Migrator.Step from = new Migrator.Step(src, c);
        Migrator.Step to = new Migrator.Step(dst, d.destination());
        out.add(preCopyCase(src, dst, c.canonical(), ctx.describe(ms, c)).expect(Expected.MIGRATES, src.id()
                + " claims PRE_COPY: its pre-copy data, the workload while it runs, then the rest in STOP_COPY,"
                + " loaded as one stream, give the same hardware interface", () -> migrator.migratePreCopy(from, to)));
    }

    private static CaseBuilder preCopyCase(Implementation src, Implementation dst, String canonical, String display) {
        return CaseBuilder.in(NAME).rules(Rule.COMPAT_2).source(src).destination(dst).config(canonical, display)
                .variant("precopy");
    }

    /**
     * MODEL-1: the state of the harness's own model, fed to an instance of {@code impl} in place of
     * the state its source saved. An MGST loader can tell it is foreign; an opaque one must at least
     * refuse it at another length than its own real state, and survive it at the same length.
     */
    private static void foreign(Migrator migrator, Implementation impl, Configuration c, boolean opaque, CasePlan out) {
        Migrator.Step self = new Migrator.Step(impl, c);
        CaseBuilder other = CaseBuilder.in(NAME).rules(Rule.MODEL_1).source(impl).config(c.canonical())
                .variant("foreign-model-state");
        if (!opaque) {
            out.add(other.expect(Expected.REFUSED, "state of model " + ForeignState.MODEL + " must be refused at load",
                    () -> migrator.migrateCorrupted(self, self, ForeignState.state())));
            return;
        }
        out.add(other.expect(Expected.REFUSED, "state of model " + ForeignState.MODEL + ", at another length than "
                + impl.id() + "'s own state, must be refused at load even by an opaque format",
                () -> foreignLoad(migrator, self, ForeignState::otherLength)));
        out.add(CaseBuilder.in(NAME).rules(Rule.MODEL_1).source(impl).config(c.canonical())
                .variant("foreign-model-state:same-length")
                .expect(Expected.SURVIVES, "state of model " + ForeignState.MODEL + " at the length of " + impl.id()
                        + "'s own state may load into an opaque format or be refused, but never crashes or hangs it",
                        () -> foreignLoad(migrator, self, ForeignState::sameLength)));
    }

    /** Feeds a foreign state shaped by the real state's size; says that size in the evidence. */
    private static Observation foreignLoad(Migrator migrator, Migrator.Step self, LongFunction<StateMutation> shaped) {
        return migrator.withStateSize(self, size -> {
            Observation o = migrator.migrateCorrupted(self, self, shaped.apply(size));
            return o.withEvidence(o.evidence() + " (" + self.impl().id() + "'s own state has " + size + " bytes)");
        });
    }

    /** The destination configuration with its first parameter changed to another allowed value, or null if none can change. */
    static Configuration misconfigure(ModelInfo m, Configuration right) {
        for (ParamSpec p : m.params().values()) {
            for (Value v : p.candidateValues()) {
                if (!v.equals(right.get(p.name()))) {
                    return right.with(p.name(), v);
                }
            }
        }
        return null;
    }

    private static void chains(SuiteContext ctx, Migrator migrator, CasePlan out) {
        List<Implementation> impls = ctx.implementations();
        List<List<Implementation>> routes = new ArrayList<>();
        for (Implementation a : impls) {
            for (Implementation b : impls) {
                if (a != b) {
                    routes.add(List.of(a, b, a));
                }
            }
        }
        for (int i = 0; i + 2 < impls.size(); i++) {
            routes.add(List.of(impls.get(i), impls.get(i + 1), impls.get(i + 2)));
            routes.add(List.of(impls.get(i + 2), impls.get(i + 1), impls.get(i)));
        }
        for (List<Implementation> route : routes) {
            ModelInfo first = ctx.model(route.get(0));
            for (Configuration c : ctx.configurations(route.get(0))) {
                List<Migrator.Step> steps = new ArrayList<>(List.of(new Migrator.Step(route.get(0), c)));
                boolean possible = true;
                for (int h = 1; h < route.size() && possible; h++) {
                    Migrator.Step prev = steps.get(h - 1);
                    Oracle.Decision d = Oracle.decide(ctx.model(prev.impl()), prev.config(), route.get(h).info());
                    possible = d.possible();
                    steps.add(new Migrator.Step(route.get(h), d.destination()));
                }
                if (!possible) {
                    continue; // an impossible hop is a matrix case already; a chain needs every hop possible
                }
                String ids = String.join(">", route.stream().map(Implementation::id).toList());
                out.add(CaseBuilder.in(NAME).rules(Rule.CHAIN_1).source(route.get(0)).destination(route.get(route.size() - 1))
                        .config(c.canonical(), ctx.describe(first, c)).variant("chain:" + ids)
                        .expect(Expected.MIGRATES, "every hop of " + ids + " is possible: the hardware interface"
                                + " survives all of them", () -> migrator.chain(steps, StateMutation.IDENTITY)));
            }
        }
    }
}

package org.migcert.suites;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.Implementation;
import org.migcert.adapter.MigState;
import org.migcert.model.Configuration;
import org.migcert.model.ModelInfo;
import org.migcert.model.ParamSpec;
import org.migcert.model.Value;
import org.migcert.rules.Expectation;
import org.migcert.rules.Expected;
import org.migcert.rules.Observation;
import org.migcert.rules.Observed;
import org.migcert.rules.Oracle;
import org.migcert.rules.Rule;
import org.migcert.state.StateMutation;
import org.migcert.state.StateStreams;

/**
 * MigrationMatrix suite (COMPAT-1/2/3, PARAM-3/4, FWD-1, BWD-1, CHAIN-1, MODEL-1): every ordered
 * pair of implementations, same-version pairs included, over every configuration of the source,
 * with the expected outcome from the oracle; mis-configured destinations; multi-hop chains;
 * foreign state.
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
            for (Implementation dst : ctx.implementations()) {
                for (Configuration c : ctx.configurations(src)) {
                    pair(ctx, migrator, src, ms, dst, c, out);
                }
            }
        }
        chains(ctx, migrator, out);
        for (Implementation impl : ctx.implementations()) {
            out.add(CaseBuilder.in(NAME).rules(Rule.MODEL_1).source(impl).config(ctx.model(impl).initial().canonical())
                    .variant("foreign-model-state")
                    .expect(Expected.REFUSED, "state of model " + ForeignState.MODEL + " must be refused at load",
                            () -> loadForeign(impl, ctx.model(impl).initial())));
        }
    }

    private static void pair(SuiteContext ctx, Migrator migrator, Implementation src, ModelInfo ms, Implementation dst,
                             Configuration c, CasePlan out) {
        Oracle.Decision d = Oracle.decide(ms, c, dst.info());
        int direction = Integer.compare(ctx.release(src), ctx.release(dst));
        List<Rule> rules = new ArrayList<>(List.of(Rule.COMPAT_1));
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
        out.add(CaseBuilder.in(NAME).rules(rules).source(src).destination(dst).config(c.canonical(), cfg)
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

    private static Observation loadForeign(Implementation impl, Configuration c) throws Exception {
        try (DeviceInstance d = impl.create(c.asText())) {
            d.setState(MigState.RESUMING);
            try {
                OutputStream out = StateStreams.loading(d);
                new ByteArrayInputStream(ForeignState.bytes()).transferTo(out);
                out.flush();
                d.setState(MigState.STOP);
            } catch (org.migcert.adapter.RequestRefusedException e) {
                return Observation.of(Observed.REFUSED_AT_LOAD, "refused: " + e.getMessage());
            }
            return Observation.of(Observed.MIGRATED, impl.id() + " loaded the state of model " + ForeignState.MODEL
                    + " without complaint");
        }
    }
}

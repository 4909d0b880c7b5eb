package org.migcert.suites;

import java.util.List;
import org.migcert.adapter.Implementation;
import org.migcert.model.Configuration;
import org.migcert.model.ModelInfo;
import org.migcert.model.ParamSpec;
import org.migcert.rules.Expected;
import org.migcert.rules.Observation;
import org.migcert.rules.Observed;
import org.migcert.rules.Oracle;
import org.migcert.rules.Rule;
import org.migcert.state.StateMutation;

/**
 * DefaultDisables suite (DEFAULT-1, DEFAULT-2, DEFAULT-3 in the strict profile): for every older
 * implementation O, newer N and configuration of O, N configured as PARAM-4 says (its new
 * parameters at their off values) looks and saves exactly like O.
 */
public final class DefaultDisablesSuite extends SuiteBase {
    static final String NAME = "DefaultDisables";

    public DefaultDisablesSuite() {
        super(NAME, Rule.DEFAULT_1, Rule.DEFAULT_2, Rule.DEFAULT_3);
    }

    @Override
    public void plan(SuiteContext ctx, CasePlan out) {
        Migrator migrator = ctx.migrator();
        List<Implementation> impls = ctx.implementations();
        for (int i = 0; i < impls.size(); i++) {
            for (int j = i + 1; j < impls.size(); j++) {
                Implementation older = impls.get(i);
                Implementation newer = impls.get(j);
                ModelInfo mo = ctx.model(older);
                for (Configuration c : ctx.configurations(older)) {
                    Oracle.Decision d = Oracle.decide(mo, c, newer.info());
                    String cfg = ctx.describe(mo, c);
                    Migrator.Step o = new Migrator.Step(older, c);
                    Migrator.Step n = new Migrator.Step(newer, d.destination());
                    String impossible = newer.id() + " cannot be created for this configuration (" + d.reason()
                            + "); FWD-1 reports it";
                    CaseBuilder hardware = CaseBuilder.in(NAME).rules(Rule.DEFAULT_1).source(older).destination(newer)
                            .config(c.canonical(), cfg).variant("hardware-at-off");
                    CaseBuilder backward = CaseBuilder.in(NAME).rules(Rule.DEFAULT_2).source(newer).destination(older)
                            .config(c.canonical(), cfg).variant("backward-at-off");
                    CaseBuilder forward = CaseBuilder.in(NAME).rules(Rule.DEFAULT_2).source(older).destination(newer)
                            .config(c.canonical(), cfg).variant("forward-at-off");
                    if (!d.possible()) {
                        out.add(hardware.notApplicable(impossible));
                        out.add(backward.notApplicable(impossible));
                        out.add(forward.notApplicable(impossible));
                        continue;
                    }
                    out.add(hardware.expect(Expected.IDENTICAL, newer.id() + " at " + d.destination().canonical()
                            + " must look like " + older.id(), () -> migrator.compare(o, n)));
                    out.add(backward.expect(Expected.MIGRATES, older.id() + " loads what " + newer.id()
                            + " saves at off values", () -> migrator.migrate(n, o, StateMutation.IDENTITY)));
                    out.add(forward.expect(Expected.MIGRATES, newer.id() + " at off values loads what " + older.id()
                            + " saves", () -> migrator.migrate(o, n, StateMutation.IDENTITY)));
                }
            }
        }
        if (!impls.isEmpty()) {
            ModelInfo first = ctx.model(impls.get(0));
            for (Implementation impl : impls.subList(1, impls.size())) {
                for (ParamSpec p : ctx.model(impl).params().values()) {
                    if (first.params().containsKey(p.name())) {
                        continue;
                    }
                    out.add(CaseBuilder.in(NAME).rules(Rule.DEFAULT_3).source(impl).config(p.name())
                            .variant("init-equals-off")
                            .expect(Expected.IDENTICAL, p.name() + " was introduced after " + impls.get(0).id()
                                    + ": its init_value must equal its off_value", () -> initIsOff(p)));
                }
            }
        }
    }

    private static Observation initIsOff(ParamSpec p) {
        if (p.offValue().isEmpty()) {
            return Observation.of(Observed.DIVERGED, p.name() + " has no off_value: it cannot be disabled");
        }
        return p.offValue().get().equals(p.initValue())
                ? Observation.of(Observed.IDENTICAL, "init_value = off_value = " + p.initValue())
                : Observation.of(Observed.DIVERGED, "init_value " + p.initValue() + " != off_value " + p.offValue().get());
    }
}

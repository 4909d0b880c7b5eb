package org.migcert.run;

import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.Implementation;
import org.migcert.rules.Expected;
import org.migcert.rules.Observation;
import org.migcert.rules.Observed;
import org.migcert.rules.Rule;
import org.migcert.suites.CaseBuilder;
import org.migcert.suites.CasePlan;
import org.migcert.suites.SuiteBase;
import org.migcert.suites.SuiteContext;

/**
 * A suite added the way a newcomer would: this one class plus one line in
 * {@code toy-extensions/META-INF/services/org.migcert.suites.Suite}. Each implementation must create an
 * instance at its initial configuration.
 */
public final class ToySuite extends SuiteBase {
    public ToySuite() {
        super("Toy", Rule.PARAM_2);
    }

    @Override
    public void plan(SuiteContext ctx, CasePlan out) {
        for (Implementation impl : ctx.implementations()) {
            var init = ctx.model(impl).initial();
            out.add(CaseBuilder.in(name()).rules(Rule.PARAM_2).source(impl).config(init.canonical()).variant("toy-creates")
                    .expect(Expected.ACCEPTED, "an instance at the init values can be created", () -> {
                        try (DeviceInstance d = impl.create(init.asText())) {
                            return Observation.of(Observed.ACCEPTED, impl.id() + " created; state " + d.state());
                        }
                    }));
        }
    }
}

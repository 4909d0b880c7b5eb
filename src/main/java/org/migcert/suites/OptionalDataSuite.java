package org.migcert.suites;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.migcert.adapter.Implementation;
import org.migcert.manifest.StateFormat;
import org.migcert.model.Configuration;
import org.migcert.model.ModelInfo;
import org.migcert.rules.Expected;
import org.migcert.rules.Observation;
import org.migcert.rules.Observed;
import org.migcert.rules.Oracle;
import org.migcert.rules.Rule;
import org.migcert.state.Mutations;
import org.migcert.state.Mutations.OptionalPlacement;
import org.migcert.state.StateMutation;

/**
 * OptionalData suite (OPT-1..4): records the harness injects into MGST streams (unknown optional
 * ones anywhere, repeated and empty; an unknown required one), and a newer source's real optional
 * records loaded by an older destination. Opaque state formats get every case NOT_APPLICABLE.
 */
public final class OptionalDataSuite extends SuiteBase {
    static final String NAME = "OptionalData";

    public OptionalDataSuite() {
        super(NAME, Rule.OPT_1, Rule.OPT_2, Rule.OPT_3, Rule.OPT_4);
    }

    @Override
    public void plan(SuiteContext ctx, CasePlan out) {
        Migrator migrator = ctx.migrator();
        Optional<String> opaque = ctx.manifest().stateFormat() == StateFormat.OPAQUE
                ? Optional.of("state-format is opaque: the harness cannot place records in this device's state")
                : Optional.empty();
        for (Implementation impl : ctx.implementations()) {
            Configuration c = ctx.model(impl).initial();
            Migrator.Step self = new Migrator.Step(impl, c);
            for (OptionalPlacement placement : OptionalPlacement.values()) {
                StateMutation m = placement.mutation();
                // The first placement shows plain skipping (OPT-1); the others where, how often and how big (OPT-4).
                Rule rule = placement == OptionalPlacement.START ? Rule.OPT_1 : Rule.OPT_4;
                out.add(unlessOpaque(opaque, CaseBuilder.in(NAME).rules(rule).source(impl).destination(impl)
                        .config(c.canonical()).variant(m.name()), Expected.MIGRATES, "an unknown OPTIONAL record ("
                        + m.name() + ") is skipped and the device loads as without it",
                        () -> migrator.migrate(self, self, m)));
            }
            StateMutation required = Mutations.insert(Mutations.unknownRecord(false, 24), Mutations.Position.MIDDLE, 1);
            out.add(unlessOpaque(opaque, CaseBuilder.in(NAME).rules(Rule.OPT_2).source(impl).destination(impl)
                    .config(c.canonical()).variant(required.name()), Expected.REFUSED, "an unknown record not marked"
                    + " OPTIONAL must be refused", () -> migrator.migrate(self, self, required)));
        }
        List<Implementation> impls = ctx.implementations();
        for (int older = 0; older < impls.size(); older++) {
            for (int newer = older + 1; newer < impls.size(); newer++) {
                Implementation o = impls.get(older);
                Implementation n = impls.get(newer);
                ModelInfo mo = ctx.model(o);
                Oracle.Decision toNewer = Oracle.decide(mo, mo.initial(), n.info());
                if (!toNewer.possible()) {
                    continue; // FWD-1 reports it in the matrix
                }
                Migrator.Step from = new Migrator.Step(n, toNewer.destination());
                Migrator.Step to = new Migrator.Step(o, mo.initial());
                out.add(unlessOpaque(opaque, CaseBuilder.in(NAME).rules(Rule.OPT_3).source(n).destination(o)
                        .config(toNewer.destination().canonical()).variant("real-optional-records"), Expected.MIGRATES,
                        o.id() + " accepts the optional records " + n.id() + " sends, without a parameter",
                        () -> withOptionalRecords(migrator, from, to)));
            }
        }
    }

    private static Case unlessOpaque(Optional<String> opaque, CaseBuilder b, Expected e, String because, Check check) {
        return opaque.map(b::notApplicable).orElseGet(() -> b.expect(e, because, check));
    }

    private static Observation withOptionalRecords(Migrator migrator, Migrator.Step from, Migrator.Step to) {
        Set<Integer> tags = new TreeSet<>();
        Observation o = migrator.migrate(from, to, Mutations.observingOptional(tags));
        if (o.outcome() == Observed.MIGRATED && tags.isEmpty()) {
            throw new Check.NotApplicable(from.impl().id() + " sent no OPTIONAL record at "
                    + from.config().canonical() + ": nothing for OPT-3 to check");
        }
        return o.withEvidence(o.evidence() + (tags.isEmpty() ? "" : "; optional record tags sent: "
                + tags.stream().map(t -> "0x" + Integer.toHexString(t)).toList()));
    }
}

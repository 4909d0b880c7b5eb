package org.migcert.suites;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.migcert.adapter.Implementation;
import org.migcert.adapter.UnreadableInfo;
import org.migcert.manifest.DeclaredConstraint;
import org.migcert.model.AllowedValues;
import org.migcert.model.Configuration;
import org.migcert.model.ModelInfo;
import org.migcert.model.ParamSpec;
import org.migcert.model.ParamType;
import org.migcert.model.Value;
import org.migcert.model.constraint.Constraint;
import org.migcert.rules.Expected;
import org.migcert.rules.Phase;
import org.migcert.rules.Rule;

/**
 * Info suite (INFO-1, PARAM-1, PARAM-2): migration info is truthful about what instantiates (each
 * allowed value alone, and every configuration the other suites create a source of), creation refuses
 * everything outside it with a reason (a combination a declared constraint rules out included), and
 * omitted parameters take their init value.
 */
public final class InfoSuite extends SuiteBase {
    static final String NAME = "Info";
    static final String UNKNOWN_PARAM = "migcert-unknown-param";

    public InfoSuite() {
        super(NAME, Rule.INFO_1, Rule.PARAM_1, Rule.PARAM_2);
    }

    @Override
    public void plan(SuiteContext ctx, CasePlan out) {
        for (Implementation impl : ctx.implementations()) {
            ModelInfo m = ctx.model(impl);
            List<Constraint> constraints = ctx.constraints(impl).stream().map(DeclaredConstraint::constraint).toList();
            for (ParamSpec p : m.params().values()) {
                for (Value v : ctx.candidates(p)) {
                    out.add(allowedValue(ctx, impl, m, p, v, constraints));
                }
            }
            // Every configuration a case creates a source of: each failure to instantiate is found here, once.
            for (Configuration c : ctx.instantiated(impl)) {
                out.add(instantiates(impl, c.canonical(), ctx.describe(m, c))
                        .expect(Expected.ACCEPTED, "info allows every value of " + c.canonical(),
                                () -> Instances.probeCreate(impl, c.asText())));
            }
            refusals(impl, m, out);
            constraints(ctx, impl, m, out);
            out.add(CaseBuilder.in(NAME).rules(Rule.PARAM_2).source(impl).config("-").variant("omitted-equals-init")
                    .expect(Expected.IDENTICAL, "an instance created without parameters equals one created with every"
                            + " init_value", () -> ctx.migrator().compare(new Migrator.Step(impl, m.initial()),
                            new Migrator.Step(impl, Configuration.EMPTY))));
        }
    }

    /**
     * INFO-1 on one allowed value, given alone; or, when a constraint rules that out with the other
     * parameters at init, given with the fewest other values that make it valid.
     */
    private static Case allowedValue(SuiteContext ctx, Implementation impl, ModelInfo m, ParamSpec p, Value v,
                                     List<Constraint> constraints) {
        Optional<Configuration> valid = ConstraintProbe.meeting(m, new Configuration(Map.of(p.name(), v)), constraints,
                ctx::candidates);
        Configuration chosen = new Configuration(Map.of(p.name(), v));
        for (Map.Entry<String, Value> e : valid.map(Configuration::values).orElse(Map.of()).entrySet()) {
            if (!e.getValue().equals(m.initial().get(e.getKey()))) {
                chosen = chosen.with(e.getKey(), e.getValue());
            }
        }
        Map<String, String> params = chosen.asText();
        String given = chosen.canonical();
        CaseBuilder b = CaseBuilder.in(NAME).rules(Rule.INFO_1).source(impl)
                .config(valid.isPresent() ? given : p.name() + "=" + v.text()).variant("allowed-value");
        if (valid.isEmpty()) {
            return b.notApplicable("the manifest's constraints rule out every configuration with " + p.name() + "="
                    + v.text() + " that was tried");
        }
        return b.expect(Expected.ACCEPTED, "info allows " + p.name() + "=" + v.text() + (chosen.values().size() > 1
                ? "; with " + given + ", as the manifest's constraints require" : ""),
                () -> Instances.probeCreate(impl, params));
    }

    /**
     * INFO-1 for each implementation whose migration info could not be read: a failure with what was
     * observed (hang, exit status and stderr, parse error). Required in every run, whatever suites the
     * profile runs, since every other case of that implementation is missing from the plan.
     */
    public static void requireReadableInfo(SuiteContext ctx, CasePlan out) {
        for (UnreadableInfo u : ctx.unreadable()) {
            out.require(CaseBuilder.in(NAME).rules(Rule.INFO_1).source(u.id()).variant("migration-info-readable")
                    .expect(Expected.ACCEPTED, u.id() + " gives its migration info; until it does, none of its other"
                            + " cases can be planned", () -> {
                        throw new FailureClassifier.InPhase(Phase.READ_INFO, u.failure());
                    }));
        }
    }

    /**
     * The INFO-1 case on one whole configuration of {@code impl} (canonical text): a case whose source
     * at that configuration cannot be created is blocked on it ({@link Findings#instantiates}).
     */
    static CaseBuilder instantiates(Implementation impl, String canonical) {
        return instantiates(impl, canonical, canonical);
    }

    private static CaseBuilder instantiates(Implementation impl, String canonical, String display) {
        return CaseBuilder.in(NAME).rules(Rule.INFO_1).source(impl).config(canonical, display).variant("instantiates");
    }

    private static void refusals(Implementation impl, ModelInfo m, CasePlan out) {
        Map<String, Map<String, String>> bad = new LinkedHashMap<>();
        bad.put("unknown-name", Map.of(UNKNOWN_PARAM, "1"));
        for (ParamSpec p : m.params().values()) {
            if (p.type() == ParamType.INT) {
                bad.put(p.name() + "-wrong-type", Map.of(p.name(), "not-a-number"));
            } else if (p.type() == ParamType.BOOL) {
                bad.put(p.name() + "-wrong-type", Map.of(p.name(), "maybe"));
            }
            for (String v : outside(p)) {
                bad.put(p.name() + "-not-allowed-" + v, Map.of(p.name(), v));
            }
        }
        bad.forEach((variant, params) -> {
            CaseBuilder b = CaseBuilder.in(NAME).rules(Rule.PARAM_1, Rule.INFO_1).source(impl).config(text(params))
                    .variant(variant);
            out.add(impl.takesParameters()
                    ? b.expect(Expected.REFUSED_AT_CREATE, text(params) + " is outside the migration info",
                            () -> Instances.probeCreate(impl, params))
                    : b.notApplicable(impl.id() + "'s command line takes no migration parameters (no {params}):"
                            + " refusals cannot be probed"));
        });
    }

    /**
     * PARAM-1 for each constraint that applies: a configuration it rules out (and no other constraint
     * does, where one exists) must be refused at creation. That every allowed configuration
     * instantiates is what the INFO-1 cases above check, over a space built to meet the constraints.
     */
    private static void constraints(SuiteContext ctx, Implementation impl, ModelInfo m, CasePlan out) {
        List<DeclaredConstraint> own = ctx.constraints(impl);
        List<DeclaredConstraint> all = ctx.manifest().constraints();
        for (DeclaredConstraint d : own) {
            Optional<Configuration> bad = ConstraintProbe.breaking(m, d.constraint(),
                    own.stream().filter(o -> o != d).map(DeclaredConstraint::constraint).toList(), ctx::candidates);
            CaseBuilder b = CaseBuilder.in(NAME).rules(Rule.PARAM_1, Rule.INFO_1).source(impl)
                    .config(bad.map(Configuration::canonical).orElse("-"))
                    .variant("refuses-constraint-" + (all.indexOf(d) + 1));
            if (!impl.takesParameters()) {
                out.add(b.notApplicable(impl.id() + "'s command line takes no migration parameters (no {params}):"
                        + " refusals cannot be probed"));
            } else if (bad.isEmpty()) {
                out.add(b.notApplicable("constraint '" + d.constraint().text() + "' (" + d.where() + ") rules out no"
                        + " combination of the values tried for " + d.constraint().names()));
            } else {
                out.add(b.expect(Expected.REFUSED_AT_CREATE, "constraint '" + d.constraint().text() + "' ("
                        + d.where() + ") rules out " + bad.get().canonical() + ": creation must refuse it with a"
                        + " message", () -> Instances.probeCreate(impl, bad.get().asText())));
            }
        }
    }

    /** Values just outside allowed_values: below and above each int bound, a foreign string. */
    static List<String> outside(ParamSpec p) {
        List<String> out = new ArrayList<>();
        if (p.allowedValues().isEmpty()) {
            return out;
        }
        AllowedValues a = p.allowedValues().get();
        if (p.type() == ParamType.INT) {
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (Value v : a.singles()) {
                min = Math.min(min, v.asLong());
                max = Math.max(max, v.asLong());
            }
            for (AllowedValues.Range r : a.ranges()) {
                min = Math.min(min, r.min());
                max = Math.max(max, r.max());
            }
            if (min > Long.MIN_VALUE && !a.contains(Value.integer(min - 1))) {
                out.add(Long.toString(min - 1));
            }
            if (max < Long.MAX_VALUE && !a.contains(Value.integer(max + 1))) {
                out.add(Long.toString(max + 1));
            }
            // A gap between allowed singles is outside too: the first one found.
            for (long v = min + 1; v < max && v < min + 4096; v++) {
                if (!a.contains(Value.integer(v))) {
                    out.add(Long.toString(v));
                    break;
                }
            }
        } else if (p.type() == ParamType.STR) {
            out.add("migcert-not-allowed");
        }
        return out;
    }

    private static String text(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return sb.toString();
    }
}

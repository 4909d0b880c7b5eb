package org.migcert.suites;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.migcert.adapter.Implementation;
import org.migcert.rules.Expectation;
import org.migcert.rules.Expected;
import org.migcert.rules.Rule;

/**
 * Builds a {@link Case} with an id and a display name derived the same way everywhere:
 * id {@code Suite/RULE/src[>dst]/config[/variant]}, title {@code RULE src -> dst [config] variant}.
 */
public final class CaseBuilder {
    private final String suite;
    private final List<Rule> rules = new ArrayList<>();
    private String source;
    private String destination;
    private String config = "-";
    private String configDisplay = "-";
    private String variant;

    private CaseBuilder(String suite) {
        this.suite = suite;
    }

    public static CaseBuilder in(String suite) {
        return new CaseBuilder(suite);
    }

    public CaseBuilder rules(Rule... r) {
        rules.addAll(List.of(r));
        return this;
    }

    public CaseBuilder rules(List<Rule> r) {
        rules.addAll(r);
        return this;
    }

    public CaseBuilder source(Implementation i) {
        return source(i.id());
    }

    /** The source by id, for an implementation that could not be opened. */
    public CaseBuilder source(String implementationId) {
        source = implementationId;
        return this;
    }

    public CaseBuilder destination(Implementation i) {
        destination = i == null ? null : i.id();
        return this;
    }

    public CaseBuilder config(String canonical) {
        return config(canonical, canonical);
    }

    /** The canonical text goes into the id, the display (with its version alias) into the title. */
    public CaseBuilder config(String canonical, String display) {
        config = canonical;
        configDisplay = display;
        return this;
    }

    /** What distinguishes cases with the same rules, implementations and configuration. */
    public CaseBuilder variant(String v) {
        variant = v;
        return this;
    }

    /** A case whose expectation was decided at planning (by the oracle or the rule), with the body that observes. */
    public Case expect(Expectation expectation, Check check) {
        if (expectation.outcome() == Expected.NOT_APPLICABLE) {
            throw new IllegalArgumentException("say notApplicable(reason) instead of expecting NOT_APPLICABLE");
        }
        return build(expectation, Optional.of(check));
    }

    public Case expect(Expected outcome, String because, Check check) {
        return expect(Expectation.of(outcome, because), check);
    }

    /** A case that cannot apply to this device, known at planning: it has no body, and the reason is its verdict's. */
    public Case notApplicable(String reason) {
        return build(Expectation.notApplicable(reason), Optional.empty());
    }

    /** The id the case gets: another case can name it before it is built (the finding that blocks it). */
    public String id() {
        String pair = source + (destination == null ? "" : ">" + destination);
        return suite + "/" + rules.get(0).id() + "/" + pair + "/" + config.replace(' ', '_')
                + (variant == null ? "" : "/" + variant.replace(' ', '-'));
    }

    private Case build(Expectation expectation, Optional<Check> check) {
        String id = id();
        String label = source + (destination == null ? "" : " -> " + destination) + " [" + configDisplay + "]"
                + (variant == null ? "" : " " + variant);
        return new Case(id, suite, rules, label, source, destination, configDisplay, expectation, check);
    }
}

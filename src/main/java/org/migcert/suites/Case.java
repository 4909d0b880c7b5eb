package org.migcert.suites;

import java.util.List;
import java.util.Optional;
import org.migcert.rules.Expectation;
import org.migcert.rules.Expected;
import org.migcert.rules.Rule;

/**
 * One planned check: suite, rules, implementations, configuration, the expectation decided before
 * it runs, and the body that observes (absent when the case is not applicable: nothing runs).
 * Built by {@link CaseBuilder}.
 *
 * @param label the display name without the rule ids (implementations, configuration, variant)
 */
public record Case(String id, String suite, List<Rule> rules, String label, String source, String destination,
                   String configuration, Expectation expectation, Optional<Check> check) {

    public Case {
        rules = List.copyOf(rules);
        if (check.isEmpty() != (expectation.outcome() == Expected.NOT_APPLICABLE)) {
            throw new IllegalArgumentException(id + ": a case has a body exactly when it is applicable");
        }
    }

    /** The human display name: rule ids, then the label. */
    public String title() {
        return String.join(",", ruleIds()) + " " + label;
    }

    public List<String> ruleIds() {
        return rules.stream().map(Rule::id).toList();
    }

    /** The same case enforcing only {@code kept} of its rules (its id does not change). */
    Case withRules(List<Rule> kept) {
        return new Case(id, suite, kept, label, source, destination, configuration, expectation, check);
    }
}

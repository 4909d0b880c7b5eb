package org.migcert.suites;

import java.util.List;
import org.migcert.rules.Expectation;
import org.migcert.rules.Rule;

/**
 * One planned check: suite, rules, implementations, configuration, the expectation decided
 * before it runs, and the body that observes.
 */
public record Case(String id, String suite, List<Rule> rules, String title, String source, String destination,
                   String configuration, Expectation expectation, Check check) {

    public List<String> ruleIds() {
        return rules.stream().map(Rule::id).toList();
    }
}

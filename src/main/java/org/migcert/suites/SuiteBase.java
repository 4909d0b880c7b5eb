package org.migcert.suites;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.migcert.rules.Rule;

/**
 * The JUnit side of a suite: one dynamic test per planned case, named by rule, implementations and
 * configuration. The run reaches the test factory as a parameter ({@link SuiteRun.Resolver}).
 */
@ExtendWith(SuiteRun.Resolver.class)
public abstract class SuiteBase implements Suite {
    private final String name;
    private final List<Rule> rules;

    protected SuiteBase(String name, Rule... rules) {
        this.name = name;
        this.rules = List.of(rules);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<Rule> rules() {
        return rules;
    }

    @TestFactory
    Stream<DynamicTest> cases(SuiteRun run) {
        return run.cases(name()).stream().map(c -> DynamicTest.dynamicTest(c.title(), () -> run.executor().run(c)));
    }
}

package org.migcert.suites;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.migcert.run.RunContext;

/** The JUnit side of a suite: one dynamic test per planned case, named by rule, implementations and configuration. */
public abstract class SuiteBase implements Suite {
    private final String name;

    protected SuiteBase(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }
    @TestFactory
    Stream<DynamicTest> cases() {
        return RunContext.current().cases(name()).stream()
                .map(c -> DynamicTest.dynamicTest(c.title(), () -> CaseRunner.run(c)));
    }
}

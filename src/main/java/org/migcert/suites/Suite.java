package org.migcert.suites;

import java.util.List;

/**
 * A conformance suite: plans its cases from the manifest and the implementations' migration info.
 * Found through {@link java.util.ServiceLoader}; its JUnit test class runs the planned cases.
 */
public interface Suite {
    /** The name profiles use ({@code MigrationMatrix}). */
    String name();

    /** Every case of this suite for the device, in a stable order with unique ids. */
    List<Case> plan(SuiteContext ctx);

    /** The JUnit class whose {@code @TestFactory} runs this suite's planned cases. */
    default Class<?> testClass() {
        return getClass();
    }
}

package org.migcert.suites;

import java.util.List;
import org.migcert.rules.Rule;

/**
 * A conformance suite: the rules it checks, and how it plans their cases from the manifest and the
 * implementations' migration info. Found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.migcert.suites.Suite}); its JUnit test class runs the planned cases.
 * Adding a suite is one class (extend {@link SuiteBase}) plus one service line.
 */
public interface Suite {
    /** The name profiles use ({@code MigrationMatrix}). */
    String name();

    /** The rules this suite checks; every case it plans enforces some of them. */
    List<Rule> rules();

    /**
     * Adds every case of this suite for the device to {@code out}, in a stable order with unique
     * ids. The plan keeps only what the run selected; a suite never filters by rule itself.
     */
    void plan(SuiteContext ctx, CasePlan out);

    /** The JUnit class whose {@code @TestFactory} runs this suite's planned cases. */
    default Class<?> testClass() {
        return getClass();
    }
}

package org.migcert.suites;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One run as the JUnit suites see it: the planned cases by suite and the executor that runs them.
 * The runner puts it in the JUnit launcher session's store under {@link #NAMESPACE}/{@link #KEY};
 * {@link Resolver} hands it to each suite's test factory. Nothing is kept in static state, so two
 * runs in one JVM never see each other's plan.
 */
public record SuiteRun(Map<String, List<Case>> plan, CaseExecutor executor) {
    /** The store namespace part under which a run is kept. */
    public static final String NAMESPACE = "org.migcert";
    public static final String KEY = "run";

    public List<Case> cases(String suite) {
        return plan.getOrDefault(suite, List.of());
    }

    /** Resolves a {@link SuiteRun} parameter from the launcher session's store. */
    public static final class Resolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
            return p.getParameter().getType() == SuiteRun.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext e) {
            SuiteRun run = e.getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION,
                    ExtensionContext.Namespace.create(NAMESPACE)).get(KEY, SuiteRun.class);
            if (run == null) {
                throw new ParameterResolutionException("no migcert run in this launcher session: suites run through"
                        + " ./migcert run (org.migcert.run.Runner), not directly");
            }
            return run;
        }
    }
}

package org.migcert.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.migcert.rules.CaseResult;
import org.migcert.suites.Case;

/**
 * The state of one run that the JUnit suites read: the planned cases by suite, where finished
 * cases go, and how to name the command that reruns a case. Set by {@link Runner} before it
 * launches the JUnit Platform; one run at a time per JVM.
 */
public final class RunContext {
    private static volatile RunContext current;

    private final Map<String, List<Case>> plan;
    private final Consumer<CaseResult> sink;
    private final Duration caseTimeout;
    private final List<String> rerunPrefix;
    private final Semaphore slots;

    /**
     * @param jobs how many case bodies may run at once; the JUnit pool can grow past its parallelism
     *             when workers block, so the bound is kept here
     */
    public RunContext(Map<String, List<Case>> plan, Consumer<CaseResult> sink, Duration caseTimeout,
                      List<String> rerunPrefix, int jobs) {
        this.plan = plan;
        this.sink = sink;
        this.caseTimeout = caseTimeout;
        this.rerunPrefix = rerunPrefix;
        this.slots = new Semaphore(Math.max(1, jobs), true);
    }

    /** One permit per running case body. */
    public Semaphore slots() {
        return slots;
    }

    public static RunContext current() {
        RunContext c = current;
        if (c == null) {
            throw new IllegalStateException("no migcert run is active: suites run through ./migcert run"
                    + " (org.migcert.run.Runner), not directly");
        }
        return c;
    }

    static void set(RunContext c) {
        current = c;
    }

    public List<Case> cases(String suite) {
        return plan.getOrDefault(suite, List.of());
    }

    public Consumer<CaseResult> sink() {
        return sink;
    }

    public Duration caseTimeout() {
        return caseTimeout;
    }

    /** The argv prefix ({@code ./migcert run --device D --profile P}) to which {@code --case ID} is added. */
    public List<String> rerunPrefix() {
        return rerunPrefix;
    }
}

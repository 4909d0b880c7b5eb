package org.migcert.suites;

import io.qameta.allure.Allure;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.migcert.adapter.CreationRefusedException;
import org.migcert.adapter.DeviceException;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.RequestRefusedException;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Expectation;
import org.migcert.rules.Grader;
import org.migcert.rules.Observation;
import org.migcert.rules.Observed;
import org.migcert.rules.Verdict;
import org.migcert.run.RunContext;
import org.migcert.run.Shell;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Runs one case inside its JUnit test: runs the body within the case time limit, classifies
 * what escaped it, grades expectation against observation ({@link Grader}), appends the result
 * at once, and tells JUnit (FAIL fails the test, ERROR errors it, NOT_APPLICABLE aborts it with
 * the reason).
 */
public final class CaseRunner {
    private static final ExecutorService BODIES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "migcert-case");
        t.setDaemon(true); // a hung in-process device must not keep the harness alive
        return t;
    });

    private CaseRunner() {
    }

    public static void run(Case c) {
        RunContext ctx = RunContext.current();
        Allure.parameter("rules", String.join(" ", c.ruleIds()));
        Allure.parameter("source", c.source());
        Allure.parameter("destination", c.destination() == null ? "-" : c.destination());
        Allure.parameter("configuration", c.configuration());
        Allure.parameter("case", c.id());
        long t0 = System.nanoTime();
        Expectation expectation = c.expectation();
        Observation obs;
        if (expectation.outcome() == org.migcert.rules.Expected.NOT_APPLICABLE) {
            obs = Observation.of(Observed.NOT_RUN, "not run: " + expectation.because());
        } else {
            ctx.slots().acquireUninterruptibly();
            Future<Observation> f = BODIES.submit(c.check()::run);
            try {
                obs = f.get(ctx.caseTimeout().toMillis(), TimeUnit.MILLISECONDS);
                if (obs == null) {
                    obs = Observation.of(Observed.HARNESS_ERROR, "case body returned no observation");
                }
            } catch (TimeoutException e) {
                f.cancel(true);
                obs = Observation.of(Observed.HUNG, "case did not finish within " + ctx.caseTimeout().toSeconds() + " s");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof NotApplicableException) {
                    expectation = Expectation.notApplicable(cause.getMessage());
                    obs = Observation.of(Observed.NOT_RUN, "not applicable: " + cause.getMessage());
                } else {
                    obs = classify(cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                f.cancel(true);
                obs = Observation.of(Observed.HARNESS_ERROR, "interrupted");
            } finally {
                ctx.slots().release();
            }
        }
        Verdict verdict = Grader.grade(expectation, obs);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        List<String> rerun = new ArrayList<>(ctx.rerunPrefix());
        rerun.add("--case");
        rerun.add(c.id());
        CaseResult r = new CaseResult(c.id(), c.suite(), c.ruleIds(), c.title(), c.source(), c.destination(),
                c.configuration(), expectation.outcome(), expectation.because(), obs.outcome(), obs.evidence(), verdict,
                ms, Shell.join(rerun), Instant.now().toString());
        ctx.sink().accept(r);
        String msg = c.title() + "\nexpected " + expectation.outcome() + " (" + expectation.because() + ")\nobserved "
                + obs.outcome() + ": " + obs.evidence() + "\nrerun: " + r.rerun();
        switch (verdict) {
            case FAIL -> throw new AssertionFailedError(msg);
            case ERROR -> throw new IllegalStateException("harness error: " + msg);
            case NOT_APPLICABLE -> throw new TestAbortedException("not applicable: " + expectation.because());
            default -> { }
        }
    }

    /** Turns what escaped a case body into an observation: device faults are the device's, the rest the harness's. */
    static Observation classify(Throwable t) {
        if (t instanceof DeviceFailedException e) {
            return Observation.of(e.kind() == DeviceFailedException.Kind.HUNG ? Observed.HUNG : Observed.CRASHED,
                    e.getMessage());
        }
        if (t instanceof CreationRefusedException e) {
            return Observation.of(Observed.REFUSED_AT_CREATE, e.getMessage());
        }
        if (t instanceof RequestRefusedException e) {
            return Observation.of(Observed.REJECTED, e.getMessage());
        }
        if (t instanceof DeviceException e) {
            return Observation.of(Observed.DIVERGED, e.getMessage());
        }
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return Observation.of(Observed.HARNESS_ERROR, sw.toString());
    }
}

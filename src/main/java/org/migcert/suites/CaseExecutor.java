package org.migcert.suites;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Expectation;
import org.migcert.rules.Grader;
import org.migcert.rules.Observation;
import org.migcert.rules.Observed;
import org.migcert.rules.Phase;
import org.migcert.rules.Verdict;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Runs the cases of one run inside their JUnit tests: each body within the case time limit and at
 * most {@code jobs} at once, what escaped it classified ({@link FailureClassifier}), expectation
 * and observation graded ({@link Grader}); a case the device failed (FAIL, BLOCKED) run again up to
 * {@code retries} times with the same inputs, until an attempt disagrees; every attempt handed to the sink
 * at once, together; then tells JUnit how the attempts are judged (FAIL and FLAKY fail the test, BLOCKED and
 * ERROR error it, NOT_APPLICABLE and WAIVED abort it with the reason or the waiver). {@link #stop}
 * cancels the running bodies and records every later case as not run; closing it stops the bodies
 * still running.
 */
public final class CaseExecutor implements AutoCloseable {
    private final Consumer<List<CaseResult>> sink;
    private final Duration caseTimeout;
    private final Function<String, String> rerun;
    private final int retries;
    private final Function<List<CaseResult>, CaseResult> judge;
    // The JUnit pool can grow past its parallelism when workers block, so the bound is kept here.
    private final Semaphore slots;
    private final Set<Future<?>> running = ConcurrentHashMap.newKeySet();
    private final AtomicReference<String> stopped = new AtomicReference<>();
    private final ExecutorService bodies = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "migcert-case");
        t.setDaemon(true); // a hung in-process device must not keep the harness alive
        return t;
    });

    /**
     * @param sink    where the attempts of every finished case go, at once, in order
     * @param rerun   the command that reruns exactly the case with this id
     * @param jobs    how many case bodies may run at once
     * @param retries how many more times a case the device failed is run
     * @param judge   the case the attempts make, as the reports will show it (FLAKY, WAIVED): JUnit and Allure
     *                are told the same
     */
    public CaseExecutor(Consumer<List<CaseResult>> sink, Duration caseTimeout, Function<String, String> rerun, int jobs,
                        int retries, Function<List<CaseResult>, CaseResult> judge) {
        this.sink = sink;
        this.caseTimeout = caseTimeout;
        this.rerun = rerun;
        this.slots = new Semaphore(Math.max(1, jobs), true);
        this.retries = retries;
        this.judge = judge;
    }

    public void run(Case c) {
        List<CaseResult> attempts = new ArrayList<>();
        attempts.add(attempt(c, 1));
        // Identical inputs again, only for the device's own failures, until an attempt disagrees (then it is flaky).
        while (Grader.retries(attempts.get(0).verdict()) && attempts.size() <= retries
                && attempts.get(attempts.size() - 1).verdict() == attempts.get(0).verdict()) {
            CaseResult again = attempt(c, attempts.size() + 1);
            if (again.observed() == Observed.NOT_RUN) {
                break; // the run was stopped meanwhile: not an attempt
            }
            attempts.add(again);
        }
        sink.accept(List.copyOf(attempts));
        CaseResult r = judge.apply(attempts);
        switch (r.verdict()) {
            case FAIL, FLAKY -> throw new AssertionFailedError(r.endMessage());
            case BLOCKED -> throw new Blocked(r.endMessage());
            case ERROR -> throw new IllegalStateException(r.endMessage());
            case NOT_APPLICABLE, WAIVED -> throw new TestAbortedException(r.endMessage());
            default -> { }
        }
    }

    /** One attempt of a case, graded. */
    private CaseResult attempt(Case c, int n) {
        long t0 = System.nanoTime();
        Expectation expectation = c.expectation();
        Observation obs;
        if (c.check().isEmpty()) {
            obs = Observation.of(Observed.NOT_RUN, "not run: " + expectation.because());
        } else if (stopped.get() != null) {
            obs = Observation.of(Observed.NOT_RUN, "not run: " + stopped.get());
            expectation = c.expectation();
        } else {
            obs = observe(c.check().get());
            if (obs.outcome() == Observed.NOT_RUN && stopped.get() == null) {
                expectation = Expectation.notApplicable(obs.evidence());
            }
        }
        Verdict verdict = Grader.grade(expectation, obs);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new CaseResult(c.id(), c.suite(), c.ruleIds(), c.title(), c.source(), c.destination(),
                c.configuration(), expectation.outcome(), expectation.because(), obs.outcome(), obs.evidence(),
                obs.phase(), obs.phase().role(), verdict, ms, rerun.apply(c.id()), Instant.now().toString(),
                verdict == Verdict.BLOCKED ? obs.finding() : null).asAttempt(n);
    }

    /** How a BLOCKED case ends its JUnit test: not an assertion of its rule, so JUnit and Allure show it as broken. */
    static final class Blocked extends RuntimeException {
        Blocked(String message) {
            super(message);
        }
    }

    /** Runs a body in its slot and time limit; NOT_RUN when it found it does not apply. */
    private Observation observe(Check check) {
        slots.acquireUninterruptibly();
        Future<Observation> f = bodies.submit(check::run);
        running.add(f);
        try {
            Observation obs = f.get(caseTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return obs != null ? obs : Observation.of(Observed.HARNESS_ERROR, "case body returned no observation");
        } catch (CancellationException e) {
            return Observation.of(Observed.NOT_RUN, "not run to its end: " + stopped.get());
        } catch (TimeoutException e) {
            f.cancel(true);
            return Observation.of(Observed.HUNG, "case did not finish within " + caseTimeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            return e.getCause() instanceof Check.NotApplicable na ? Observation.of(Observed.NOT_RUN, na.getMessage())
                    : FailureClassifier.observe(e.getCause(), Phase.CHECK, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            return Observation.of(Observed.HARNESS_ERROR, "interrupted");
        } finally {
            running.remove(f);
            slots.release();
        }
    }

    /**
     * Stops the run: running bodies are cancelled (their instances are closed as their threads
     * unwind) and every case that has not started yet is recorded as not run, with {@code reason}.
     */
    public void stop(String reason) {
        if (stopped.compareAndSet(null, reason)) {
            running.forEach(f -> f.cancel(true));
        }
    }

    @Override
    public void close() {
        bodies.shutdownNow();
    }
}

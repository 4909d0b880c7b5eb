package org.migcert.adapters.vfiouser;

import java.util.List;
import java.util.Optional;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.vfiouser.VfioUserDevice;

/**
 * A device program that a {@link ProgramLauncher} started: the tails of its stdout and stderr,
 * its exit status once it has ended, and how to end it. What the adapter reads from it (refusal
 * by exit status 1 with a reason on stderr, output as evidence) is the same for every launcher.
 */
public abstract class StartedProgram implements VfioUserDevice.Evidence {
    /** How long a program gets to end after a polite request before it is forced. */
    static final long GRACE_MILLIS = 2000;
    /** How long a program whose connection broke gets to end, so its evidence carries its exit status. */
    public static final long REAP_MILLIS = 2000;
    /** How long the output of a program still running must be quiet before its evidence is taken, and the most that takes. */
    private static final long SETTLE_QUIET_MILLIS = 20;
    private static final long SETTLE_MAX_MILLIS = 200;
    /** How long a tail read after the end waits for output still on its way. */
    private static final long OUTPUT_WAIT_MILLIS = 1000;

    private final List<String> argv;
    private final OutputTail stdout;
    private final OutputTail stderr;
    /** Whether a crash was already waited for: every later failure of a broken connection is the same crash. */
    private volatile boolean crashAwaited;

    StartedProgram(List<String> argv, OutputTail stdout, OutputTail stderr) {
        this.argv = List.copyOf(argv);
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Who the program is in messages, such as {@code pid 1234}. */
    public abstract String name();

    public abstract boolean isAlive();

    /** The exit status; only meaningful once {@link #isAlive()} is false. */
    public abstract int exitValue();

    /** Blocks up to {@code millis} until the program has ended; true when it has. */
    abstract boolean awaitExit(long millis) throws InterruptedException;

    /** Ends the program and whatever it started, within a bounded time, and reaps it. Never throws. */
    public abstract void terminate();

    /** Ends whatever the program left running after it ended itself (they may hold its output open). */
    abstract void killLeftovers();

    /** Why the program could not be executed at all, once it has ended that way; empty otherwise. */
    public Optional<String> startFailure() {
        return Optional.empty();
    }

    /** Waits up to {@code millis} for the program to end; true when it did. An interrupt is kept for the caller. */
    public final boolean waitFor(long millis) {
        try {
            return awaitExit(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !isAlive();
        }
    }

    /**
     * Waits up to {@code millis} for the program to end. Once it has, ends what it left running and
     * waits (bounded) until its output is complete, so its exit status and its last words can be
     * read. Returns whether it has ended.
     */
    public final boolean reap(long millis) {
        if (!waitFor(millis)) {
            return false;
        }
        killLeftovers();
        stdout.awaitEnd(OUTPUT_WAIT_MILLIS);
        stderr.awaitEnd(OUTPUT_WAIT_MILLIS);
        return true;
    }

    /** The stderr tail, complete if the program has ended (waits briefly for output on its way). */
    public final String stderrTail() {
        if (!isAlive()) {
            stderr.awaitEnd(OUTPUT_WAIT_MILLIS);
        }
        return stderr.text().strip();
    }

    /** Everything the program wrote to stdout, once it has ended; empty when it wrote more than was kept. */
    final Optional<String> completeStdout() {
        stdout.awaitEnd(OUTPUT_WAIT_MILLIS);
        return stdout.complete() ? Optional.of(stdout.text()) : Optional.empty();
    }

    /** Evidence about where the program runs, beyond its own output (a container's log); empty by default. */
    String context() {
        return "";
    }

    /** Evidence for reports: the command, how it ended, then the stderr tail and stdout tail when not empty. */
    public final String diagnostics() {
        StringBuilder sb = new StringBuilder("command (").append(name()).append("): ")
                .append(String.join(" ", argv)).append('\n')
                .append(isAlive() ? "still running" : describeExit(exitValue())).append('\n');
        String err = stderrTail();
        if (!err.isEmpty()) {
            sb.append("stderr:\n").append(err).append('\n');
        }
        String out = stdout.text().strip();
        if (!out.isEmpty()) {
            sb.append("stdout:\n").append(out).append('\n');
        }
        String context = context();
        if (!context.isEmpty()) {
            sb.append(context).append('\n');
        }
        return sb.toString();
    }

    @Override
    public final String now() {
        return diagnostics();
    }

    /**
     * After a crash the program is reaped first (once, bounded), so the evidence has its exit status
     * and last words; after a hang or a protocol violation it is described as it is.
     */
    @Override
    public final String after(DeviceFailedException.Kind failure) {
        boolean waitForIt = failure == DeviceFailedException.Kind.CRASHED && !crashAwaited;
        crashAwaited |= waitForIt;
        if (!reap(waitForIt ? REAP_MILLIS : 0)) {
            // Still running: what it said just before it misbehaved may still be on its way.
            stdout.settle(SETTLE_QUIET_MILLIS, SETTLE_MAX_MILLIS);
            stderr.settle(SETTLE_QUIET_MILLIS, SETTLE_MAX_MILLIS);
        }
        return diagnostics();
    }

    /** "exit status N", naming the signal when the JVM's 128+signal convention applies. */
    public static String describeExit(int status) {
        return status > 128 && status < 128 + 65
                ? "exit status " + status + " (killed by signal " + (status - 128) + ")"
                : "exit status " + status;
    }
}

package org.migcert.adapters.vfiouser;

import java.util.List;
import java.util.Optional;

/**
 * A device program that a {@link ProgramLauncher} started: the tails of its stdout and stderr,
 * its exit status once it has ended, and how to end it. What the adapter reads from it (refusal
 * by exit status 1 with a reason on stderr, output as evidence) is the same for every launcher.
 */
abstract class StartedProgram {
    /** How long a program gets to end after a polite request before it is forced. */
    static final long GRACE_MILLIS = 2000;
    /** How long a tail read after the end waits for output still on its way. */
    private static final long OUTPUT_WAIT_MILLIS = 500;

    private final List<String> argv;
    private final OutputTail stdout;
    private final OutputTail stderr;

    StartedProgram(List<String> argv, OutputTail stdout, OutputTail stderr) {
        this.argv = List.copyOf(argv);
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Who the program is in messages, such as {@code pid 1234}. */
    abstract String name();

    abstract boolean isAlive();

    /** The exit status; only meaningful once {@link #isAlive()} is false. */
    abstract int exitValue();

    /** Blocks up to {@code millis} until the program has ended; true when it has. */
    abstract boolean awaitExit(long millis) throws InterruptedException;

    /** Waits up to {@code millis} for the program to end; true when it did. An interrupt is kept for the caller. */
    final boolean waitFor(long millis) {
        try {
            return awaitExit(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !isAlive();
        }
    }

    /** Ends the program and whatever it started, within a bounded time, and reaps it. Never throws. */
    abstract void terminate();

    /** The stderr tail, complete if the program has ended (waits briefly for output on its way). */
    final String stderrTail() {
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
    final String diagnostics() {
        StringBuilder sb = new StringBuilder("command (").append(name()).append("): ")
                .append(String.join(" ", argv)).append('\n');
        if (!isAlive()) {
            sb.append(describeExit(exitValue())).append('\n');
        }
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

    /** "exit status N", naming the signal when the JVM's 128+signal convention applies. */
    static String describeExit(int status) {
        return status > 128 && status < 128 + 65
                ? "exit status " + status + " (killed by signal " + (status - 128) + ")"
                : "exit status " + status;
    }
}

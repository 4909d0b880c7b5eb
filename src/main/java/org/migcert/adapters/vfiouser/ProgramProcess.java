package org.migcert.adapters.vfiouser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One started device program: its process, the tails of its stdout and stderr, and its place in
 * the {@link ProcessRegistry}. Termination is polite first (SIGTERM, so a server can remove its
 * socket), then forced, and always reaps.
 */
final class ProgramProcess {
    /** How long a program gets to exit after SIGTERM before it is killed. */
    static final long GRACE_MILLIS = 2000;

    private final List<String> argv;
    private final Process process;
    private final OutputTail stdout;
    private final OutputTail stderr;

    private ProgramProcess(List<String> argv, Process process, int stdoutCapacity) {
        this.argv = List.copyOf(argv);
        this.process = process;
        String name = "migcert-" + process.pid();
        this.stdout = OutputTail.drain(process.getInputStream(), stdoutCapacity, name + "-stdout");
        this.stderr = OutputTail.drain(process.getErrorStream(), name + "-stderr");
    }

    /**
     * Starts {@code argv} (never through a shell) in {@code workDir}, with stdin closed.
     *
     * @throws IOException when the program cannot be started at all (not found, not executable)
     */
    static ProgramProcess start(List<String> argv, Path workDir) throws IOException {
        return start(argv, workDir, OutputTail.DEFAULT_CAPACITY);
    }

    /** As {@link #start(List, Path)}, keeping up to {@code stdoutCapacity} bytes of stdout (output that is data). */
    static ProgramProcess start(List<String> argv, Path workDir, int stdoutCapacity) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (workDir != null && workDir.toFile().isDirectory()) {
            pb.directory(workDir.toFile());
        }
        Process p = pb.start();
        ProcessRegistry.add(p);
        return new ProgramProcess(argv, p, stdoutCapacity);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit status; only meaningful once {@link #isAlive()} is false. */
    int exitValue() {
        return process.exitValue();
    }

    /** Waits up to {@code millis} for the program to exit; true when it did. */
    boolean waitFor(long millis) {
        try {
            return process.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** The stderr tail, complete if the program has exited (waits briefly for the pump). */
    String stderrTail() {
        if (!process.isAlive()) {
            stderr.awaitEnd(500);
        }
        return stderr.text().strip();
    }

    /** Everything the program wrote to stdout, once it has exited; empty when it wrote more than was kept. */
    Optional<String> completeStdout() {
        stdout.awaitEnd(500);
        return stdout.complete() ? Optional.of(stdout.text()) : Optional.empty();
    }

    /** Evidence for reports: the command, then the stderr tail and stdout tail when not empty. */
    String diagnostics() {
        StringBuilder sb = new StringBuilder("command (pid ").append(process.pid()).append("): ")
                .append(String.join(" ", argv)).append('\n');
        if (!process.isAlive()) {
            sb.append(describeExit(process.exitValue())).append('\n');
        }
        String err = stderrTail();
        if (!err.isEmpty()) {
            sb.append("stderr:\n").append(err).append('\n');
        }
        String out = stdout.text().strip();
        if (!out.isEmpty()) {
            sb.append("stdout:\n").append(out).append('\n');
        }
        return sb.toString();
    }

    /** "exit status N", naming the signal when the JVM's 128+signal convention applies. */
    static String describeExit(int status) {
        return status > 128 && status < 128 + 65
                ? "exit status " + status + " (killed by signal " + (status - 128) + ")"
                : "exit status " + status;
    }

    /**
     * Ends the program and its descendants: SIGTERM, up to {@link #GRACE_MILLIS}, then SIGKILL,
     * then reaps. Never throws.
     */
    void terminate() {
        // Collected before the parent dies: afterwards its children are re-parented and unfindable.
        List<ProcessHandle> children = process.descendants().toList();
        if (process.isAlive()) {
            process.destroy();
            if (!waitFor(GRACE_MILLIS)) {
                process.destroyForcibly();
                waitFor(GRACE_MILLIS);
            }
        }
        children.forEach(ProcessHandle::destroyForcibly);
        ProcessRegistry.remove(process);
    }
}

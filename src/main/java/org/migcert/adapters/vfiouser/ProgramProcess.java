package org.migcert.adapters.vfiouser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A device program run as an operating-system process, the vfio-user adapter's real
 * {@link ProgramLauncher}: its pipes drained into output tails, its place in the
 * {@link ProcessRegistry}. Termination is polite first (SIGTERM, so a server can remove its
 * socket), then forced, and always reaps.
 */
final class ProgramProcess extends StartedProgram {
    private final Process process;

    private ProgramProcess(List<String> argv, Process process, int stdoutCapacity) {
        super(argv, OutputTail.drain(process.getInputStream(), stdoutCapacity, "migcert-" + process.pid() + "-stdout"),
                OutputTail.drain(process.getErrorStream(), "migcert-" + process.pid() + "-stderr"));
        this.process = process;
    }

    /**
     * Starts {@code argv} (never through a shell) in {@code workDir}, with stdin closed, keeping up
     * to {@code stdoutCapacity} bytes of stdout (output that is data).
     *
     * @throws IOException when the program cannot be started at all (not found, not executable)
     */
    static ProgramProcess start(List<String> argv, Path workDir, int stdoutCapacity) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (workDir != null && workDir.toFile().isDirectory()) {
            pb.directory(workDir.toFile());
        }
        Process p = pb.start();
        ProcessRegistry.add(p);
        return new ProgramProcess(argv, p, stdoutCapacity);
    }

    @Override
    String name() {
        return "pid " + process.pid();
    }

    @Override
    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    int exitValue() {
        return process.exitValue();
    }

    @Override
    boolean awaitExit(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    /** SIGTERM to the program, up to {@link #GRACE_MILLIS}, then SIGKILL to it and its descendants. */
    @Override
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

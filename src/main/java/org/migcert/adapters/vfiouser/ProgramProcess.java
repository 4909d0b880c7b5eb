package org.migcert.adapters.vfiouser;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A device program run as an operating-system process, the vfio-user adapter's real
 * {@link ProgramLauncher}: started under a {@link Watchdog} (its own session and process group,
 * killed whole if the harness dies), labelled ({@link Label}), its pipes drained into output
 * tails, its place in the {@link ProcessRegistry}. Termination is polite first (SIGTERM to the
 * program, so a server can remove its socket), then forced on everything that belongs to it, and
 * always reaps.
 */
public final class ProgramProcess extends StartedProgram {
    private final Process process;
    private final Watchdog watchdog;
    private final ProcessTree tree;

    private ProgramProcess(List<String> argv, Process process, Watchdog watchdog, Label label, int stdoutCapacity) {
        super(argv, OutputTail.drain(process.getInputStream(), stdoutCapacity, "migcert-" + process.pid() + "-stdout"),
                OutputTail.drain(process.getErrorStream(), "migcert-" + process.pid() + "-stderr"));
        this.process = process;
        this.watchdog = watchdog;
        // A program gone before its start could be read (start 0) has its environment checked along with every other.
        this.tree = new ProcessTree(process.pid(),
                ProcFs.stat(process.pid()).map(ProcFs.Stat::startTicks).orElse(0L), label);
    }

    /**
     * Starts {@code argv} (never through a shell) in {@code workDir} under a watchdog, with stdin
     * {@code /dev/null}, keeping up to {@code stdoutCapacity} bytes of stdout (output that is data).
     *
     * @throws IOException when no process could be started at all (an argument list too long for
     *                     the system); an exec that fails later shows in {@link #startFailure()}
     */
    public static ProgramProcess start(List<String> argv, Path workDir, int stdoutCapacity) throws IOException {
        Watchdog watchdog = Watchdog.create();
        Label label = ProcessRegistry.nextLabel();
        ProcessBuilder pb = new ProcessBuilder(watchdog.argv(argv)); // stdin: the pipe the watchdog reads
        pb.environment().put(Label.VARIABLE, label.toString());
        if (workDir != null && workDir.toFile().isDirectory()) {
            pb.directory(workDir.toFile());
        }
        ProgramProcess p = new ProgramProcess(argv, pb.start(), watchdog, label, stdoutCapacity);
        ProcessRegistry.add(p);
        return p;
    }

    @Override
    public String name() {
        return "pid " + process.pid();
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public int exitValue() {
        return process.exitValue();
    }

    @Override
    boolean awaitExit(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public Optional<String> startFailure() {
        return isAlive() ? Optional.empty() : watchdog.startFailure(exitValue(), stderrTail());
    }

    /** SIGTERM to the program, up to {@link #GRACE_MILLIS}, then SIGKILL to everything of it. */
    @Override
    public void terminate() {
        // Collected while the program lives: afterwards its children are re-parented and found only by label.
        List<ProcessHandle> known = withDescendants();
        if (process.isAlive()) {
            // Through the handle: Process.destroy() would also close the pipes, the watchdog's (which
            // then kills at once) and the output the evidence still needs.
            process.toHandle().destroy();
            waitFor(GRACE_MILLIS);
        }
        tree.kill(known);
        waitFor(GRACE_MILLIS);
        release();
    }

    /** SIGKILL to everything of the program, at once (the harness is exiting). */
    void kill() {
        tree.kill(withDescendants());
        release();
    }

    @Override
    void killLeftovers() {
        tree.kill(withDescendants());
    }

    /** The program's own handle (it may not lead its session yet) and its descendants now. */
    private List<ProcessHandle> withDescendants() {
        return Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
    }

    /** How many processes of this program are alive now (for tests). */
    int members() {
        return tree.members().size();
    }

    /** Closes the watchdog's pipe (its watchdog is gone by now) and forgets the program. */
    private void release() {
        try (OutputStream pipe = process.getOutputStream()) {
            // Closed by the try: a watchdog that somehow survived would clean up now.
        } catch (IOException e) {
            // Already closed.
        }
        ProcessRegistry.remove(this);
    }
}

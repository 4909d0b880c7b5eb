package org.migcert.adapters.container;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.migcert.adapters.vfiouser.RemoteProgram;

/**
 * One device program instance: a {@code docker exec} in its implementation's container, its
 * output streamed into the vfio-user adapter's tails until it ends. Its process is also followed
 * on the host ({@link HostProcess}): the engine reports an exec's end only once its output has
 * drained, later than a client sees its socket close, and it has no call to signal an exec.
 * Termination is polite first, as the vfio-user adapter's is for a host program.
 */
final class ExecProgram implements RemoteProgram {
    /** How long a program gets to end after SIGTERM before SIGKILL (as for host programs). */
    static final long GRACE_MILLIS = 2000;
    /** How long the engine may take to record the exit once the output has ended. */
    private static final Duration EXIT_RECORDED = Duration.ofSeconds(5);
    /** Exit status reported when the engine recorded none (the exec never ran). */
    static final int NO_STATUS = -1;
    /** How long the engine may take to report a started exec's pid. */
    private static final Duration PID_REPORTED = Duration.ofSeconds(2);
    /** How long output still on its way may take once the process has ended. */
    private static final long OUTPUT_WAIT_MILLIS = 1000;

    private final DeviceContainer container;
    private final String execId;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Output output;
    private volatile Integer status;
    /** The process on the host; empty when the engine's pids are not this host's (a remote engine). */
    private volatile Optional<HostProcess> host = Optional.empty();

    private ExecProgram(DeviceContainer container, String execId, OutputStream stdout, OutputStream stderr) {
        this.container = container;
        this.execId = execId;
        this.output = new Output(stdout, stderr);
    }

    /**
     * Creates and starts the exec; its output streams in on the engine client's threads.
     *
     * @throws IOException when the engine refuses the exec (the container is gone)
     */
    static ExecProgram start(DeviceContainer container, List<String> argv, OutputStream stdout, OutputStream stderr)
            throws IOException {
        String id;
        try {
            id = container.docker().execCreateCmd(container.id()).withCmd(argv.toArray(String[]::new))
                    .withAttachStdout(true).withAttachStderr(true).withAttachStdin(false).exec().getId();
        } catch (RuntimeException e) {
            throw new IOException("cannot exec in container " + container.name() + ": " + Causes.root(e), e);
        }
        ExecProgram p = new ExecProgram(container, id, stdout, stderr);
        container.docker().execStartCmd(id).exec(p.output);
        p.host = p.findHost();
        return p;
    }

    /** Its process on the host, once the engine reports a pid (a few milliseconds after the start). */
    private Optional<HostProcess> findHost() {
        try {
            Awaitility.await("pid of " + name()).pollInSameThread().pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(5)).atMost(PID_REPORTED).until(() -> pid() > 0 || ended.getCount() == 0);
            return HostProcess.inContainer(pid(), container.id());
        } catch (RuntimeException e) { // no pid in time, or the container is gone
            return Optional.empty();
        }
    }

    private long pid() {
        Long pid = inspect().getPidLong();
        return pid == null ? 0 : pid;
    }

    @Override
    public String name() {
        return "exec " + execId.substring(0, Math.min(12, execId.length())) + " in container " + container.name();
    }

    @Override
    public boolean isAlive() {
        return ended.getCount() > 0 && host.map(HostProcess::isAlive).orElse(true);
    }

    @Override
    public boolean awaitExit(long millis) throws InterruptedException {
        return ended.await(millis, TimeUnit.MILLISECONDS);
    }

    /**
     * The exit status the engine recorded; the output can end a moment before the engine has it.
     * {@link #NO_STATUS} when it has none to give (the exec never ran, or the container is gone).
     */
    @Override
    public int exitValue() {
        if (status == null) {
            try {
                ended.await(OUTPUT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                Awaitility.await("exit status of " + name()).pollInSameThread().atMost(EXIT_RECORDED)
                        .pollInterval(Duration.ofMillis(10)).until(() -> !Boolean.TRUE.equals(inspect().isRunning()));
                Long code = inspect().getExitCodeLong();
                status = code == null ? NO_STATUS : code.intValue();
            } catch (RuntimeException e) { // a timeout, or the engine no longer knows the exec
                return NO_STATUS;
            }
        }
        return status;
    }

    private InspectExecResponse inspect() {
        return container.docker().inspectExecCmd(execId).exec();
    }

    /** SIGTERM, up to {@link #GRACE_MILLIS}, then SIGKILL to it and what it started. */
    @Override
    public void terminate() {
        if (isAlive()) {
            // Without a host process (a remote engine) the program ends with its container.
            host.ifPresent(p -> p.stop(GRACE_MILLIS));
        }
        output.closeQuietly();
    }

    @Override
    public String context() {
        return container.logContext();
    }

    /** The exec's attached output, demultiplexed into the program's stdout and stderr tails. */
    private final class Output extends ResultCallback.Adapter<Frame> {
        private final OutputStream stdout;
        private final OutputStream stderr;

        Output(OutputStream stdout, OutputStream stderr) {
            this.stdout = stdout;
            this.stderr = stderr;
        }

        @Override
        public void onNext(Frame frame) {
            try {
                (frame.getStreamType() == StreamType.STDERR ? stderr : stdout).write(frame.getPayload());
            } catch (IOException e) {
                // The tails are in memory and never fail.
            }
        }

        @Override
        public void onError(Throwable t) {
            if (isAlive()) {
                try {
                    stderr.write(("[migcert: output of " + name() + " broke off: " + Causes.root(t) + "]\n")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // As above.
                }
            }
            ended.countDown();
        }

        @Override
        public void onComplete() {
            ended.countDown();
        }

        void closeQuietly() {
            try {
                close();
            } catch (IOException e) {
                // Closing a finished stream.
            }
        }
    }
}

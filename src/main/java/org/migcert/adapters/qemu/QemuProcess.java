package org.migcert.adapters.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.migcert.adapter.CreationRefusedException;
import org.migcert.adapter.DeviceException;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.DeviceFailedException.Kind;
import org.migcert.adapter.RequestRefusedException;
import org.migcert.adapters.vfiouser.PrivateDir;
import org.migcert.adapters.vfiouser.ProgramProcess;
import org.migcert.adapters.vfiouser.StartedProgram;
import org.migcert.adapters.vfiouser.Watchdog;

/**
 * One {@code qemu-system-*} process with its QMP monitor (and, for a device instance, its qtest
 * port) on UNIX sockets in a private directory. It runs under the same supervision as a vfio-user
 * device program ({@link ProgramProcess}: its own session, a watchdog, the {@code MIGCERT_OWNER}
 * label, reaping, the stderr tail as evidence). Closing it ends the process and removes the directory.
 *
 * <p>QEMU reports a configuration it refuses (an unknown property, a value it cannot parse, an
 * unknown machine type) by exiting with status 1 and a message on stderr before its monitor
 * accepts: that is a {@link CreationRefusedException} carrying QEMU's own words.
 */
final class QemuProcess implements AutoCloseable {
    /** How much of QEMU's stdout is kept: it prints nothing of interest there. */
    private static final int STDOUT_KEPT = 4096;
    private static final long POLL_MILLIS = 5;

    private final PrivateDir dir;
    private final StartedProgram program;
    private final Qmp qmp;
    private final Qtest qtest;
    private final long timeoutMillis;

    private QemuProcess(PrivateDir dir, StartedProgram program, Qmp qmp, Qtest qtest, long timeoutMillis) {
        this.dir = dir;
        this.program = program;
        this.qmp = qmp;
        this.qtest = qtest;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Starts {@code binary} with {@code options} plus the monitor sockets and waits, at most
     * {@code timeout}, until QMP is negotiated (and qtest connected when {@code withQtest}).
     *
     * @throws CreationRefusedException QEMU exited with status 1 and said why
     * @throws DeviceFailedException    START_FAILED when it could not be executed, CRASHED when it
     *                                  exited otherwise, HUNG when its monitor never accepted
     */
    static QemuProcess start(String binary, List<String> options, boolean withQtest, Duration timeout) {
        PrivateDir dir;
        try {
            dir = PrivateDir.create();
        } catch (IOException e) {
            throw new DeviceFailedException(Kind.START_FAILED, "cannot create a private directory for QEMU's sockets: "
                    + e.getMessage());
        }
        Path qmpPath = dir.path().resolve("qmp");
        Path qtestPath = dir.path().resolve("qtest");
        List<String> argv = new ArrayList<>();
        argv.add(binary);
        argv.addAll(options);
        argv.addAll(List.of("-qmp", "unix:" + DeviceOption.escape(qmpPath.toString()) + ",server=on,wait=off"));
        if (withQtest) {
            argv.addAll(List.of("-qtest", "unix:" + DeviceOption.escape(qtestPath.toString()) + ",server=on,wait=off",
                    "-qtest-log", "none"));
        }
        StartedProgram program;
        try {
            program = ProgramProcess.start(argv, null, STDOUT_KEPT);
        } catch (IOException e) {
            dir.close();
            throw new DeviceFailedException(Kind.START_FAILED, "QEMU could not be executed: " + Watchdog.reason(e)
                    + "\ncommand: " + String.join(" ", argv));
        }
        long millis = timeout.toMillis();
        long deadline = Channel.deadlineIn(millis);
        Qmp qmp = null;
        try {
            Channel monitor = awaitSocket(program, qmpPath, deadline, "QMP");
            qmp = Qmp.open(monitor, millis);
            Qtest qtest = withQtest ? new Qtest(awaitSocket(program, qtestPath, deadline, "qtest"), millis) : null;
            return new QemuProcess(dir, program, qmp, qtest, millis);
        } catch (DeviceFailedException e) {
            RuntimeException why = program.isAlive() && e.kind() != Kind.CRASHED
                    ? new DeviceFailedException(e.kind(), e.getMessage() + "\n" + program.diagnostics(), e)
                    : exited(program, e);
            if (qmp != null) {
                qmp.close();
            }
            program.terminate();
            dir.close();
            throw why;
        } catch (RuntimeException e) {
            if (qmp != null) {
                qmp.close();
            }
            program.terminate();
            dir.close();
            throw e;
        }
    }

    /** Connects to a socket QEMU will listen on, retrying while it does not yet; fails once QEMU has ended. */
    private static Channel awaitSocket(StartedProgram program, Path path, long deadline, String what) {
        while (true) {
            if (Files.exists(path)) {
                try {
                    return Channel.connect(path, "QEMU (" + program.name() + ")");
                } catch (IOException e) {
                    // The file exists a moment before QEMU listens on it.
                }
            }
            if (!program.isAlive()) {
                throw new DeviceFailedException(Kind.CRASHED, "QEMU ended before its " + what + " socket accepted");
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new DeviceFailedException(Kind.HUNG, "QEMU (" + program.name() + ") did not accept on its " + what
                        + " socket " + path + " within the time limit");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeviceFailedException(Kind.HUNG, "stopped waiting for QEMU's " + what
                        + " socket: the harness gave up on this step");
            }
        }
    }

    /** What a QEMU that ended before it was usable means: not executable, a refusal, or a crash. */
    private static RuntimeException exited(StartedProgram program, DeviceFailedException seen) {
        program.reap(StartedProgram.REAP_MILLIS);
        if (program.isAlive()) {
            return new DeviceFailedException(seen.kind(), seen.getMessage() + "\n" + program.diagnostics(), seen);
        }
        Optional<String> notRun = program.startFailure();
        if (notRun.isPresent()) {
            return new DeviceFailedException(Kind.START_FAILED, "QEMU could not be executed: " + notRun.get());
        }
        int status = program.exitValue();
        String stderr = program.stderrTail();
        if (status == 1 && !stderr.isEmpty()) {
            return new CreationRefusedException(stderr);
        }
        return new DeviceFailedException(Kind.CRASHED, "QEMU exited with " + StartedProgram.describeExit(status)
                + " before its monitor accepted" + (stderr.isEmpty() ? " and said nothing on stderr" : ": " + stderr));
    }

    Qmp qmp() {
        return qmp;
    }

    /** The qtest port; only for a process started {@code withQtest}. */
    Qtest qtest() {
        return qtest;
    }

    Path dir() {
        return dir.path();
    }

    boolean isAlive() {
        return program.isAlive();
    }

    /**
     * What a failed request means once QEMU may have ended: when it exited with status 1 and said why
     * (QEMU 7.2 ends a destination whose load failed that way), a refusal in its own words; when it
     * died otherwise, a crash with its exit status and stderr; when it still runs, {@code e} itself
     * with QEMU's evidence.
     */
    DeviceException explain(DeviceException e) {
        if (e instanceof DeviceFailedException f && f.kind() == Kind.CRASHED) {
            program.reap(StartedProgram.REAP_MILLIS);
        }
        if (program.isAlive()) {
            return e instanceof DeviceFailedException f
                    ? new DeviceFailedException(f.kind(), f.getMessage() + "\n" + evidence(), f) : e;
        }
        program.reap(0);
        int status = program.exitValue();
        String stderr = program.stderrTail();
        if (status == 1 && !stderr.isEmpty()) {
            return new ProcessEndedException(e.getMessage() + "; QEMU ended with exit status 1: " + stderr);
        }
        return new DeviceFailedException(Kind.CRASHED, e.getMessage() + "\n" + evidence(), e);
    }

    /** The command, how it ended (or that it runs), its stderr tail and the last QMP events. */
    String evidence() {
        String events = qmp.events();
        return program.diagnostics() + (events.isEmpty() ? "" : "QMP events:\n" + events + "\n");
    }

    /** A bounded wait between two polls of QEMU's status. */
    static void pause() {
        try {
            Thread.sleep(POLL_MILLIS * 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceFailedException(Kind.HUNG, "stopped waiting for QEMU: the harness gave up on this step");
        }
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    /** Ends QEMU (SIGTERM, then SIGKILL to all of it), reaps it and removes its directory. Never throws. */
    @Override
    public void close() {
        qmp.close();
        if (qtest != null) {
            qtest.close();
        }
        program.terminate();
        dir.close();
    }

    /**
     * QEMU refused by ending itself in order (exit status 1 and a message): a refusal, and this
     * process is gone.
     */
    static final class ProcessEndedException extends RequestRefusedException {
        ProcessEndedException(String message) {
            super(message, 0);
        }
    }
}

package org.migcert.adapters.vfiouser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.migcert.adapter.CreationRefusedException;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.DeviceFailedException.Kind;
import org.migcert.adapter.RequestRefusedException;
import org.migcert.vfiouser.VfioUserClient;

/**
 * Waits for a freshly started device program to become a device: either it exits (status 1
 * with a message on stderr is a refused configuration, PARAM-1; anything else a crash) or its
 * socket accepts a connection and VERSION negotiation succeeds. The wait is on the program's end,
 * which returns the moment it ends; between waits of at most {@link #POLL} the socket is tried (it
 * may not exist yet, or exist a moment before its server listens), until the time limit.
 */
final class Startup {
    /** How long the socket may exist unseen: small against a program's start, and a stat call costs microseconds. */
    static final Duration POLL = Duration.ofMillis(2);

    private Startup() {
    }

    /**
     * Returns a negotiated client. The wait is bounded by {@code timeout}; a connect attempt begun
     * just before it ends may add one more {@code timeout} for a server that accepts and then
     * never answers VERSION.
     *
     * @throws CreationRefusedException when the program exited with status 1 and a message: the reason
     * @throws DeviceFailedException START_FAILED when it could not be executed, CRASHED when it exited
     *                               otherwise, HUNG when it never listened, PROTOCOL when it answered
     *                               VERSION with nonsense
     */
    static VfioUserClient await(StartedProgram program, Path socket, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            VfioUserClient client;
            try {
                client = tryConnect(socket, timeout);
            } catch (DeviceFailedException e) {
                throw new DeviceFailedException(e.kind(), e.getMessage() + "\n" + program.after(e.kind()), e);
            }
            if (client != null) {
                return client;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new DeviceFailedException(Kind.HUNG, "device program did not listen on " + socket + " within "
                        + timeout.toMillis() + " ms\n" + program.diagnostics());
            }
            // Waiting on the program's end returns the moment it ends; the socket is tried between waits.
            if (program.waitFor(Math.min(POLL.toMillis(), TimeUnit.NANOSECONDS.toMillis(left) + 1))) {
                throw exited(program);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new DeviceFailedException(Kind.HUNG, "stopped waiting for the device program to listen on "
                        + socket + ": the harness gave up on this step\n" + program.diagnostics());
            }
        }
    }

    /** What a program that ended before it listened means: not executable, a refusal, or a crash. */
    private static RuntimeException exited(StartedProgram program) {
        program.reap(0);
        Optional<String> notRun = program.startFailure();
        if (notRun.isPresent()) {
            return new DeviceFailedException(Kind.START_FAILED, "the device program could not be executed: "
                    + notRun.get());
        }
        int status = program.exitValue();
        String stderr = program.stderrTail();
        // PARAM-1: a refusal is status 1 *and* a reason; a silent status 1 (/bin/false) is a failure.
        if (status == 1 && !stderr.isEmpty()) {
            return new CreationRefusedException(stderr);
        }
        return new DeviceFailedException(Kind.CRASHED, "device program exited with "
                + StartedProgram.describeExit(status) + " before it listened on its socket"
                + (stderr.isEmpty() ? " and said nothing on stderr" : ": " + stderr));
    }

    /** A negotiated client, or null when nobody listens on the socket yet. */
    private static VfioUserClient tryConnect(Path socket, Duration timeout) {
        if (!Files.exists(socket)) {
            return null;
        }
        try {
            return VfioUserClient.connect(socket, timeout);
        } catch (IOException e) {
            return null; // ECONNREFUSED: the file exists but nobody listens yet
        } catch (RequestRefusedException e) {
            // Not a refused configuration (that is exit status 1): the program cannot talk to us.
            throw new DeviceFailedException(Kind.PROTOCOL, "device program refused VERSION negotiation: "
                    + e.getMessage(), e);
        }
    }
}

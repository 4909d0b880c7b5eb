package org.migcert.adapters.vfiouser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.migcert.adapter.CreationRefusedException;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.DeviceFailedException.Kind;
import org.migcert.adapter.RequestRefusedException;
import org.migcert.vfiouser.VfioUserClient;

/**
 * Waits for a freshly started device program to become a device: either it exits (status 1
 * with a message on stderr is a refused configuration, PARAM-1; anything else a crash) or its
 * socket accepts a connection and VERSION negotiation succeeds. The socket file can exist before
 * the server listens, so a refused connect is retried every {@link #POLL} until the time limit.
 */
final class Startup {
    static final Duration POLL = Duration.ofMillis(20);

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
        AtomicReference<VfioUserClient> client = new AtomicReference<>();
        try {
            // Same thread: a client connected after the wait gave up would otherwise leak.
            Awaitility.await("device program (" + program.name() + ") listening on " + socket)
                    .pollInSameThread().pollDelay(Duration.ZERO).pollInterval(POLL).atMost(timeout)
                    .until(() -> tryConnect(socket, timeout, client) || !program.isAlive());
        } catch (ConditionTimeoutException e) {
            throw new DeviceFailedException(Kind.HUNG, "device program did not listen on " + socket + " within "
                    + timeout.toMillis() + " ms\n" + program.diagnostics());
        } catch (DeviceFailedException e) {
            throw new DeviceFailedException(e.kind(), e.getMessage() + "\n" + program.after(e.kind()), e);
        }
        if (client.get() != null) {
            return client.get();
        }
        throw exited(program);
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

    private static boolean tryConnect(Path socket, Duration timeout, AtomicReference<VfioUserClient> out) {
        if (!Files.exists(socket)) {
            return false;
        }
        try {
            out.set(VfioUserClient.connect(socket, timeout));
            return true;
        } catch (IOException e) {
            return false; // ECONNREFUSED: the file exists but nobody listens yet
        } catch (RequestRefusedException e) {
            // Not a refused configuration (that is exit status 1): the program cannot talk to us.
            throw new DeviceFailedException(Kind.PROTOCOL, "device program refused VERSION negotiation: "
                    + e.getMessage(), e);
        }
    }
}

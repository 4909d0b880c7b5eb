package org.migcert.adapters.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A process of a container seen from the host, to follow and signal it: the engine reports an
 * exec's pid in the host's pid namespace, and the harness, as the container's user, may signal
 * it. Used only after checking, through its cgroup, that the pid really is in that container:
 * with a remote engine the pid means nothing here (its programs then end with their container).
 */
final class HostProcess {
    private static final Duration POLL = Duration.ofMillis(5);

    private final ProcessHandle process;

    private HostProcess(ProcessHandle process) {
        this.process = process;
    }

    static Optional<HostProcess> inContainer(long pid, String containerId) {
        if (pid <= 0 || containerId == null) {
            return Optional.empty();
        }
        try {
            if (!Files.readString(Path.of("/proc", Long.toString(pid), "cgroup")).contains(containerId)) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).map(HostProcess::new);
    }

    /** Alive, and not a zombie: its parent (the engine's shim) reaps it a moment after its sockets close. */
    boolean isAlive() {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // The state follows the command name in parentheses, which may itself hold spaces.
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | IndexOutOfBoundsException e) {
            return false;
        }
    }

    /** SIGTERM; SIGKILL when it has not ended within {@code graceMillis}; then SIGKILL to what it started. */
    void stop(long graceMillis) {
        // Collected before it dies: afterwards its children are re-parented and unfindable.
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!ended(graceMillis)) {
            process.destroyForcibly();
            ended(graceMillis);
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    /** Polled: {@code onExit()} of a process that is not our child polls far more slowly. */
    private boolean ended(long millis) {
        try {
            Awaitility.await("end of pid " + process.pid()).pollInSameThread().pollDelay(Duration.ZERO)
                    .pollInterval(POLL).atMost(Duration.ofMillis(millis)).until(() -> !isAlive());
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }
}

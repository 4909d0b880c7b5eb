package org.migcert.adapters.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A process of a container seen from the host, to signal it: the engine reports an exec's pid in
 * the host's pid namespace, and the harness, as the container's user, may signal it. Used only
 * after checking, through its cgroup, that the pid really is in that container: with a remote
 * engine the pid means nothing here (its programs then end when the container is removed).
 */
final class HostProcess {
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

    private boolean ended(long millis) {
        try {
            process.onExit().get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}

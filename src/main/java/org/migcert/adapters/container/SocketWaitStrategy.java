package org.migcert.adapters.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Ready when the container's resident device program has made its socket, seen from the host
 * through the bind-mounted directory. A container has no network (so no port to wait on) and a
 * device image need not have a shell (so no command to run): the socket is what the harness
 * will use. The wait ends early when the container stops, and never lasts past the startup
 * timeout (the manifest's {@code timeout}).
 */
final class SocketWaitStrategy extends AbstractWaitStrategy {
    private static final Duration POLL = Duration.ofMillis(50);

    private final Path socket;

    SocketWaitStrategy(Path socket) {
        this.socket = socket;
    }

    @Override
    protected void waitUntilReady() {
        try {
            Awaitility.await("the resident device program listening on " + socket).pollInSameThread()
                    .pollDelay(Duration.ZERO).pollInterval(POLL).atMost(startupTimeout)
                    .until(() -> isSocket(socket) || !waitStrategyTarget.isRunning());
        } catch (ConditionTimeoutException e) {
            throw new ContainerLaunchException("the device program in the container did not make its socket "
                    + socket + " within " + startupTimeout.toMillis() + " ms (the manifest's timeout)");
        }
        if (!isSocket(socket)) {
            throw new ContainerLaunchException("the container stopped before its device program made its socket "
                    + socket);
        }
    }

    static boolean isSocket(Path p) {
        try {
            // A socket is neither a file, a directory nor a link.
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
        } catch (IOException e) {
            return false;
        }
    }
}

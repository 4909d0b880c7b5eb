package org.migcert.adapters.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Removes migcert's containers that nobody will close: one of this run's when the harness exits
 * before closing it (a JVM shutdown hook per container, for a run that dies on an exception or a
 * signal), and those of earlier runs that died without running any hook (SIGKILL, a power cut),
 * found by their {@link RunLabels}. Testcontainers' own reaper (Ryuk) is disabled: its image would
 * need a registry.
 */
final class Janitor {
    private Janitor() {
    }

    /** Makes sure the container {@code name} is removed if the JVM exits first; {@link #cancel} once it is closed. */
    static Thread removeAtExit(DockerClient docker, String name) {
        Thread hook = new Thread(() -> {
            try {
                docker.removeContainerCmd(name).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException e) {
                // Never created, or already removed.
            }
        }, "migcert-remove-" + name);
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /** The container of {@code hook} is closed: nothing to remove at exit. */
    static void cancel(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is exiting already: the hook runs and finds nothing to remove.
        }
    }

    /**
     * Removes the containers of earlier runs whose harness process is dead.
     *
     * @return one line per container removed, naming it and the run that left it
     */
    static List<String> removeDeadRuns(DockerClient docker) {
        return remove(docker, c -> !RunLabels.THIS_RUN.equals(c.getLabels().get(RunLabels.RUN))
                && RunLabels.ownerIsDead(c.getLabels().get(RunLabels.OWNER)));
    }

    /** Every container with migcert's run label, in any state. */
    static List<Container> all(DockerClient docker) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(RunLabels.RUN)).exec();
    }

    private static List<String> remove(DockerClient docker, Predicate<Container> which) {
        List<String> removed = new ArrayList<>();
        for (Container c : all(docker)) {
            if (which.test(c)) {
                try {
                    docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
                    removed.add(String.join(",", c.getNames()) + " (run " + c.getLabels().get(RunLabels.RUN)
                            + ", process " + c.getLabels().get(RunLabels.OWNER) + ")");
                } catch (NotFoundException e) {
                    // Removed meanwhile by whoever closed it: nothing left to do.
                }
            }
        }
        return removed;
    }
}

package org.migcert.adapters.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;

/** The Docker engine and the fixture image, as container tests see them ({@link ContainerTests} decides what runs). */
public final class DockerForTests {
    /** The image {@code .ci/build-fixture-image} builds, which the container fixtures name. */
    public static final String FIXTURE_IMAGE = "migcert/refnic:dev";

    private DockerForTests() {
    }

    /** Why container tests cannot run here (no engine, or no fixture image), or empty when they can. */
    static Optional<String> whyUnavailable() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return Optional.of("no Docker engine answers (start dockerd; with TESTCONTAINERS_* set as in pom.xml)");
        }
        try {
            client().inspectImageCmd(FIXTURE_IMAGE).exec();
            return Optional.empty();
        } catch (NotFoundException e) {
            return Optional.of("the Docker engine has no " + FIXTURE_IMAGE + " (build it: mvn -B -q package"
                    + " -DskipTests && .ci/build-fixture-image)");
        }
    }

    public static DockerClient client() {
        return DockerClientFactory.instance().client();
    }

    /** The names of every container with migcert's run label, in any state, from any run. */
    public static List<String> migcertContainers() {
        return Janitor.all(client()).stream().map(c -> String.join(",", c.getNames()) + " " + c.getState()).toList();
    }

    /** The labels of every migcert container. */
    public static List<Map<String, String>> migcertLabels() {
        return Janitor.all(client()).stream().map(Container::getLabels).toList();
    }
}

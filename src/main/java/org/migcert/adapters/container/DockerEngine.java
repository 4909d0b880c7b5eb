package org.migcert.adapters.container;

import com.github.dockerjava.api.DockerClient;
import org.migcert.adapter.AdapterException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * The Docker engine, reached through Testcontainers, once the settings that keep Testcontainers
 * off every image registry are known to be in force. Without them it pulls images of its own,
 * and hangs (two minutes per image) or fails where no registry is reachable: its Ryuk reaper,
 * its check image, and, on a host that looks like a container to it, a helper that finds the
 * gateway (the host override answers that; migcert maps no ports, so its value is not used).
 */
final class DockerEngine {
    static final String SETTINGS = "TESTCONTAINERS_RYUK_DISABLED=true, TESTCONTAINERS_CHECKS_DISABLE=true and"
            + " TESTCONTAINERS_HOST_OVERRIDE=localhost (the migcert launcher sets all three)";

    private DockerEngine() {
    }

    /** @throws AdapterException naming the fix when a setting is missing or no engine answers */
    static DockerClient client(String where) throws AdapterException {
        boolean ryukOff = Boolean.parseBoolean(System.getenv("TESTCONTAINERS_RYUK_DISABLED"));
        boolean hostGiven = System.getenv("TESTCONTAINERS_HOST_OVERRIDE") != null;
        if (!ryukOff || !hostGiven || !TestcontainersConfiguration.getInstance().isDisableChecks()) {
            throw new AdapterException(where + ": the container adapter needs " + SETTINGS + " in the environment: "
                    + "migcert removes its containers itself and uses no image registry");
        }
        try {
            return DockerClientFactory.instance().client();
        } catch (RuntimeException e) {
            throw new AdapterException(where + ": the container adapter needs a Docker engine, and none answers ("
                    + e.getMessage() + "); start dockerd, or point DOCKER_HOST at one", e);
        }
    }

    /** Where the engine is, for messages. */
    static String host() {
        return DockerClientFactory.instance().getTransportConfig().getDockerHost().toString();
    }
}

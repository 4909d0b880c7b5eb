package org.migcert.adapters.container;

import java.util.Map;
import java.util.Optional;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.Implementation;
import org.migcert.adapters.vfiouser.RemotePrograms;
import org.migcert.model.MigrationInfo;

/**
 * An implementation whose instances are programs in its own container: the vfio-user
 * implementation opened over that container. Closing it closes the instances, removes the
 * container and deletes the socket directory.
 */
final class ContainerImplementation implements Implementation {
    private final Implementation programs;
    private final DeviceContainer container;
    private final RemotePrograms sockets;

    ContainerImplementation(Implementation programs, DeviceContainer container, RemotePrograms sockets) {
        this.programs = programs;
        this.container = container;
        this.sockets = sockets;
    }

    @Override
    public String id() {
        return programs.id();
    }

    @Override
    public MigrationInfo info() {
        return programs.info();
    }

    @Override
    public DeviceInstance create(Map<String, String> params) {
        return programs.create(params);
    }

    /** The image the container runs, by its id (the digest of its content), whatever tag named it. */
    @Override
    public Optional<String> codeDigest() {
        return container.imageId();
    }

    @Override
    public boolean takesParameters() {
        return programs.takesParameters();
    }

    @Override
    public long containerStarts() {
        return 1;
    }

    @Override
    public void close() {
        try {
            programs.close();
        } finally {
            container.close();
            sockets.close();
        }
    }
}

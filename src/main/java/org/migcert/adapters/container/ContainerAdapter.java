package org.migcert.adapters.container;

import com.github.dockerjava.api.DockerClient;
import java.util.List;
import java.util.Set;
import org.migcert.adapter.Adapter;
import org.migcert.adapter.AdapterException;
import org.migcert.adapter.Implementation;
import org.migcert.adapter.ImplementationSpec;
import org.migcert.adapters.vfiouser.DeadRuns;
import org.migcert.adapters.vfiouser.RemotePrograms;

/**
 * The {@code container} adapter: an implementation's vfio-user device programs run inside one
 * container per implementation per run, one {@code docker exec} per instance. Manifest keys:
 * {@code image} (an image the local engine has) or {@code build} ({@code {context: DIR,
 * dockerfile: FILE}}), and {@code command} (the program's argv inside the image, with the
 * vfio-user adapter's {@code {socket}} and {@code {params}}; {@code info} when it cannot print its
 * own). See {@link DeviceContainer} for how the container runs.
 */
public final class ContainerAdapter implements Adapter {
    @Override
    public String name() {
        return "container";
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of("image", "build", "command");
    }

    @Override
    public Implementation open(ImplementationSpec spec) throws AdapterException {
        ImageSource image = ImageSource.of(spec);
        RemotePrograms programs = RemotePrograms.of(spec);
        DeviceContainer container = null;
        try {
            DockerClient docker = DockerEngine.client(spec.where());
            container = DeviceContainer.start(docker, image.resolve(docker), spec, programs);
            return new ContainerImplementation(programs.open(container.launcher()), container, programs);
        } catch (AdapterException | RuntimeException e) {
            if (container != null) {
                container.close();
            }
            programs.close();
            throw e;
        }
    }

    /**
     * Removes the containers that runs that died left behind (the engine may be shared, so only
     * those), then their socket directories and processes, as the vfio-user adapter does.
     */
    @Override
    public List<String> sweepDeadRuns() {
        List<String> lines = new java.util.ArrayList<>();
        try {
            List<String> removed = Janitor.removeDeadRuns(DockerEngine.client("the container adapter"));
            if (!removed.isEmpty()) {
                lines.add("migcert: removed " + removed.size() + " containers left by runs that died: "
                        + String.join("; ", removed));
            }
        } catch (AdapterException e) {
            // No engine, or not set up for migcert: opening the implementation says so, with the manifest's line.
        }
        lines.addAll(DeadRuns.cleanUp());
        return lines;
    }
}

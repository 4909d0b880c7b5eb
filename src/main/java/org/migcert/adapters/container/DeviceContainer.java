package org.migcert.adapters.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.migcert.adapter.AdapterException;
import org.migcert.adapter.ImplementationSpec;
import org.migcert.adapters.vfiouser.OutputTail;
import org.migcert.adapters.vfiouser.RemoteLauncher;
import org.migcert.adapters.vfiouser.RemotePrograms;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.utility.DockerImageName;

/**
 * The one container of an implementation in a run. Its main process is the <em>resident</em>
 * device program (an instance with no parameters that nobody connects to): it keeps the container
 * up without asking the image for a shell or a sleep, and its socket appearing on the host proves
 * the image runs the program, the mount works and the user may write there. The container has no
 * network, runs as the calling user (so its sockets are the harness's to connect to and delete),
 * and carries {@link RunLabels}. The last 64 KiB of its log are kept as evidence. Closing it
 * removes it.
 */
final class DeviceContainer implements AutoCloseable {
    private final DockerClient docker;
    private final GenericContainer<?> container;
    private final String name;
    private final OutputTail log = new OutputTail(OutputTail.DEFAULT_CAPACITY);
    /** Removes the container if the harness exits without closing it. */
    private final Thread removeAtExit;

    private DeviceContainer(DockerClient docker, String image, String name) {
        this.docker = docker;
        this.container = new GenericContainer<>(DockerImageName.parse(image));
        this.name = name;
        this.removeAtExit = Janitor.removeAtExit(docker, name);
    }

    /**
     * Starts the container and waits, within the manifest's timeout, until its resident program listens.
     *
     * @throws AdapterException when it does not, with the reason and the container's log; nothing is left behind
     */
    static DeviceContainer start(DockerClient docker, String image, ImplementationSpec spec, RemotePrograms programs)
            throws AdapterException {
        // Unique without a counter: the run, the implementation, and its socket directory's own random suffix.
        String dir = programs.socketDirectory().getFileName().toString();
        String name = "migcert-" + RunLabels.THIS_RUN.substring(0, 8) + "-" + spec.id().replaceAll("[^A-Za-z0-9_.-]", "_")
                + "-" + dir.substring(dir.lastIndexOf('-') + 1);
        DeviceContainer c = new DeviceContainer(docker, image, name);
        Path sockets = programs.socketDirectory();
        String user;
        try {
            user = Files.getAttribute(sockets, "unix:uid") + ":" + Files.getAttribute(sockets, "unix:gid");
        } catch (IOException | UnsupportedOperationException e) {
            throw new AdapterException("cannot read the owner of " + sockets + ": " + e.getMessage(), e);
        }
        c.container
                // A missing image fails at once (ImageSource has said what was tried); no registry is ever asked.
                .withImagePullPolicy(imageName -> false)
                .withNetworkMode("none")
                .withLabels(RunLabels.of(spec))
                .withLogConsumer(c::keep)
                .withStartupTimeout(spec.timeout())
                .waitingFor(new SocketWaitStrategy(programs.residentSocket()))
                .withCreateContainerCmdModifier(cmd -> configure(cmd, name, user, sockets, programs.residentArgv()));
        try {
            c.container.start();
            return c;
        } catch (RuntimeException e) {
            String why = Causes.root(e);
            String evidence = c.logContext();
            c.close();
            throw new AdapterException(spec.where() + ": the container of implementation '" + spec.id() + "' (image "
                    + image + ") did not start: " + why + (evidence.isEmpty() ? "" : "\n" + evidence), e);
        }
    }

    /**
     * Sets what {@link GenericContainer} has no setter for, on the create command itself. The bind
     * is set here too: Testcontainers 2 deprecates {@code withFileSystemBind} (a bind cannot reach
     * a remote engine), but a UNIX socket can only be shared live through one, at the same path on
     * both sides so that {@code {socket}} means the same file to the program and to the harness.
     */
    private static void configure(CreateContainerCmd cmd, String name, String user, Path sockets, List<String> resident) {
        cmd.withName(name)
                .withUser(user)
                // The whole argv as entrypoint: an image's own ENTRYPOINT or CMD must not wrap or extend it.
                .withEntrypoint(resident)
                .withCmd(List.of());
        // docker-init as PID 1 reaps whatever exec'd programs orphan, and forwards the stop signal.
        cmd.getHostConfig().withBinds(new Bind(sockets.toString(), new Volume(sockets.toString()))).withInit(true);
    }

    private void keep(OutputFrame frame) {
        byte[] b = frame.getBytes();
        if (b != null) {
            log.write(b, 0, b.length);
        }
    }

    String id() {
        return container.getContainerId();
    }

    String name() {
        return name;
    }

    /** The id ({@code sha256:...}) of the image the container was created from; empty when the engine does not say. */
    Optional<String> imageId() {
        try {
            return Optional.ofNullable(container.getContainerInfo()).map(i -> i.getImageId())
                    .filter(id -> id.startsWith("sha256:"));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    DockerClient docker() {
        return docker;
    }

    /** Starts each program as a {@code docker exec} in this container. */
    RemoteLauncher launcher() {
        return (argv, stdout, stderr) -> ExecProgram.start(this, argv, stdout, stderr);
    }

    /** The container's log (its resident program's output) as evidence, and whether it still runs; empty when there is nothing to say. */
    String logContext() {
        String text = log.text().strip();
        boolean running = id() != null && container.isRunning();
        if (text.isEmpty() && (running || id() == null)) {
            return "";
        }
        return "container " + name + (running ? "" : " (not running)") + " log:\n" + text;
    }

    /** Stops and removes the container. Never throws. */
    @Override
    public void close() {
        try {
            container.stop();
            Janitor.cancel(removeAtExit);
        } catch (RuntimeException e) {
            // Already gone; the exit hook and the next run's sweep catch anything else.
        }
    }
}

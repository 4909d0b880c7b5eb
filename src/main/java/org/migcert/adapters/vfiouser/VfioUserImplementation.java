package org.migcert.adapters.vfiouser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.migcert.adapter.DeviceFailedException;
import org.migcert.adapter.DeviceFailedException.Kind;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.Implementation;
import org.migcert.adapter.Sha256;
import org.migcert.model.MigrationInfo;
import org.migcert.vfiouser.VfioUserClient;
import org.migcert.vfiouser.VfioUserDevice;

/**
 * One vfio-user device program version: each instance is one program, started by the adapter's
 * {@link ProgramLauncher}, listening on a socket in its own private directory. Closing the
 * implementation closes the instances a caller forgot.
 */
final class VfioUserImplementation implements Implementation {
    private final String id;
    private final MigrationInfo info;
    private final CommandTemplate command;
    private final Path workDir;
    private final Duration timeout;
    private final ProgramLauncher launcher;
    /** Makes each instance's private socket directory. */
    private final PrivateDir.Maker socketDirs;
    /** Open instances by their program, so closing the implementation can close what callers forgot. */
    private final Map<StartedProgram, DeviceInstance> live = new ConcurrentHashMap<>();

    VfioUserImplementation(String id, MigrationInfo info, CommandTemplate command, Path workDir, Duration timeout,
                           ProgramLauncher launcher, PrivateDir.Maker socketDirs) {
        this.id = id;
        this.info = info;
        this.command = command;
        this.workDir = workDir;
        this.timeout = timeout;
        this.launcher = launcher;
        this.socketDirs = socketDirs;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public MigrationInfo info() {
        return info;
    }

    /** The program the command starts (for a Java device program, the Java launcher: its class path is not digested). */
    @Override
    public Optional<String> codeDigest() {
        return Sha256.ofFile(workDir.resolve(command.forInfo().get(0)));
    }

    @Override
    public boolean takesParameters() {
        return command.takesParameters();
    }

    /** Each instance is a program to start, then to wait for until it listens. */
    @Override
    public boolean slowToCreate() {
        return true;
    }

    @Override
    public DeviceInstance create(Map<String, String> params) {
        PrivateDir dir;
        try {
            dir = socketDirs.make();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a private directory for a device socket: " + e.getMessage(), e);
        }
        List<String> argv = command.forInstance(dir.socket(), params);
        StartedProgram program;
        try {
            program = launcher.start(argv, workDir, OutputTail.DEFAULT_CAPACITY);
        } catch (IOException e) {
            dir.close();
            throw new DeviceFailedException(Kind.START_FAILED, "the device program could not be executed: "
                    + Watchdog.reason(e) + "\ncommand: " + String.join(" ", argv));
        }
        try {
            VfioUserClient client = Startup.await(program, dir.socket(), timeout);
            DeviceInstance device = new VfioUserDevice(client, program, () -> {
                live.remove(program);
                program.terminate();
                dir.close();
            });
            live.put(program, device);
            return device;
        } catch (RuntimeException e) {
            program.terminate();
            dir.close();
            throw e;
        }
    }

    @Override
    public void close() {
        live.values().forEach(DeviceInstance::close);
    }
}

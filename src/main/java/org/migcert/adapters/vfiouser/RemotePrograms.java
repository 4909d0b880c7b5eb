package org.migcert.adapters.vfiouser;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.migcert.adapter.AdapterException;
import org.migcert.adapter.Implementation;
import org.migcert.adapter.ImplementationSpec;

/**
 * One implementation's vfio-user device programs when another adapter runs them elsewhere (inside a
 * container): its {@code command:} checked for that, and a private socket directory that the
 * other side must see at the same path. Instances then go through the vfio-user adapter unchanged
 * (socket wait, VERSION, client, refusal by exit status 1 with stderr, evidence), started by a
 * {@link RemoteLauncher}. Closing it deletes the socket directory.
 */
public final class RemotePrograms implements AutoCloseable {
    private final ImplementationSpec spec;
    private final CommandTemplate command;
    private final PrivateDir sockets;

    private RemotePrograms(ImplementationSpec spec, CommandTemplate command, PrivateDir sockets) {
        this.spec = spec;
        this.command = command;
        this.sockets = sockets;
    }

    /**
     * Reads {@code command:} and makes the socket directory.
     *
     * @throws AdapterException when the command names this host's paths, which mean nothing elsewhere
     */
    public static RemotePrograms of(ImplementationSpec spec) throws AdapterException {
        CommandTemplate command = CommandTemplate.of(spec);
        for (JsonNode e : spec.settings().get("command")) {
            String a = e.asText();
            if (a.contains(CommandTemplate.JAVA) || a.contains(CommandTemplate.CLASSPATH)) {
                throw new AdapterException(spec.where() + ": '" + a + "' in 'command:' of implementation '" + spec.id()
                        + "': {java} and {classpath} are this host's, not the image's; name the image's own"
                        + " (for example java -cp /opt/app/app.jar)");
            }
        }
        String program = spec.settings().get("command").get(0).asText();
        if (program.contains("/") && !Path.of(program).isAbsolute()) {
            throw new AdapterException(spec.where() + ": program '" + program + "' of implementation '" + spec.id()
                    + "' is a relative path; give an absolute path inside the image or a name on its PATH");
        }
        try {
            return new RemotePrograms(spec, command, PrivateDir.forContainer());
        } catch (IOException e) {
            throw new AdapterException("cannot create a private directory for the sockets of '" + spec.id() + "': "
                    + e.getMessage(), e);
        }
    }

    /** The directory every socket is in; mount it at the same path where the programs run. */
    public Path socketDirectory() {
        return sockets.path();
    }

    /** The socket of the resident instance, the one {@link #residentArgv()} listens on. */
    public Path residentSocket() {
        return sockets.path().resolve("resident.sock");
    }

    /** The argv of an instance with no parameters listening on {@link #residentSocket()}. */
    public List<String> residentArgv() {
        return command.forInstance(residentSocket(), Map.of());
    }

    /**
     * Opens the implementation: its info (inline, or {@code --print-migration-info-json} started
     * through {@code launcher}) and instances each started through {@code launcher}, with its socket
     * in a private directory inside {@link #socketDirectory()}. What dead runs left ({@link DeadRuns})
     * is removed by the adapter's {@code sweepDeadRuns}, once a run, not here.
     */
    public Implementation open(RemoteLauncher launcher) throws AdapterException {
        return new VfioUserAdapter(spec.adapter(), RemoteStartedProgram.launcher(launcher),
                () -> PrivateDir.inside(sockets)).open(spec);
    }

    @Override
    public void close() {
        sockets.close();
    }
}

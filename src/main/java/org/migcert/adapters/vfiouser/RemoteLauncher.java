package org.migcert.adapters.vfiouser;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * How another adapter starts the vfio-user adapter's device programs somewhere other than as
 * host processes (inside a container). The public counterpart of {@link ProgramLauncher}: the
 * socket wait, VERSION, client, refusal by exit status 1 and evidence stay the vfio-user
 * adapter's own.
 */
@FunctionalInterface
public interface RemoteLauncher {
    /**
     * Starts {@code argv} (never through a shell), writing what it prints to {@code stdout} and
     * {@code stderr} until it ends.
     *
     * @throws IOException when the program cannot be started at all
     */
    RemoteProgram start(List<String> argv, OutputStream stdout, OutputStream stderr) throws IOException;
}

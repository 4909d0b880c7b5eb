package org.migcert.adapters.vfiouser;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * How the vfio-user adapter starts a device program from its expanded argv. The adapter's one
 * real launcher is {@link ProgramProcess#start}, an operating-system process; tests plug in
 * another one through a differently named adapter, so the choice is always visible in a manifest.
 */
@FunctionalInterface
interface ProgramLauncher {
    /**
     * Starts {@code argv} in {@code workDir}, keeping up to {@code stdoutCapacity} bytes of its stdout.
     *
     * @throws IOException when the program cannot be started at all (not found, not executable)
     */
    StartedProgram start(List<String> argv, Path workDir, int stdoutCapacity) throws IOException;
}

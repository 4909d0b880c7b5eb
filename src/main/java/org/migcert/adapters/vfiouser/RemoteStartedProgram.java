package org.migcert.adapters.vfiouser;

import java.io.IOException;
import java.util.List;

/** A {@link RemoteProgram} as the vfio-user adapter sees every program: a {@link StartedProgram} with output tails. */
final class RemoteStartedProgram extends StartedProgram {
    private final RemoteProgram program;

    private RemoteStartedProgram(List<String> argv, OutputTail stdout, OutputTail stderr, RemoteProgram program) {
        super(argv, stdout, stderr);
        this.program = program;
    }

    /** The {@link ProgramLauncher} that starts programs through {@code remote}; the working directory is the remote side's own. */
    static ProgramLauncher launcher(RemoteLauncher remote) {
        return (argv, workDir, stdoutCapacity) -> start(remote, argv, stdoutCapacity);
    }

    private static RemoteStartedProgram start(RemoteLauncher remote, List<String> argv, int stdoutCapacity)
            throws IOException {
        OutputTail stdout = new OutputTail(stdoutCapacity);
        OutputTail stderr = new OutputTail(OutputTail.DEFAULT_CAPACITY);
        return new RemoteStartedProgram(argv, stdout, stderr, remote.start(argv, stdout, stderr));
    }

    @Override
    public String name() {
        return program.name();
    }

    @Override
    public boolean isAlive() {
        return program.isAlive();
    }

    @Override
    public int exitValue() {
        return program.exitValue();
    }

    @Override
    boolean awaitExit(long millis) throws InterruptedException {
        return program.awaitExit(millis);
    }

    @Override
    public void terminate() {
        program.terminate();
    }

    /** Nothing to do: what a program in a container leaves running goes with its container, which is removed whole. */
    @Override
    void killLeftovers() {
    }

    @Override
    String context() {
        return program.context();
    }
}

package org.migcert.adapters.vfiouser;

/**
 * A device program that runs where the harness reaches it only through an API, such as a
 * process inside a container: how it ended and how to end it. Its output arrives in the streams
 * its {@link RemoteLauncher} was given.
 */
public interface RemoteProgram {
    /** Who the program is in messages, such as {@code exec 3f2a91 in container migcert-...}. */
    String name();

    boolean isAlive();

    /** The exit status; only meaningful once {@link #isAlive()} is false. */
    int exitValue();

    /** Blocks up to {@code millis} until the program has ended; true when it has. */
    boolean awaitExit(long millis) throws InterruptedException;

    /** Ends the program and whatever it started, within a bounded time. Never throws. */
    void terminate();

    /** Evidence about where it runs beyond its own output (the container's log); empty when there is none. */
    default String context() {
        return "";
    }
}

package org.migcert.adapters.vfiouser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A directory only this user can enter (mode 0700), holding one instance's socket: no other
 * user can connect to the device or replace its socket. Kept short under the temp directory
 * because a UNIX socket path has at most 107 bytes.
 */
final class PrivateDir implements AutoCloseable {
    private final Path dir;

    private PrivateDir(Path dir) {
        this.dir = dir;
    }

    static PrivateDir create() throws IOException {
        return createIn(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** A new private directory inside {@code parent} (a directory a container also sees at the same path). */
    static PrivateDir createIn(Path parent) throws IOException {
        return createIn(parent, "migcert-vfu-");
    }

    /** The same with a name that says what made it, such as {@code migcert-ctr-} for a container's sockets. */
    static PrivateDir createIn(Path parent, String prefix) throws IOException {
        return new PrivateDir(Files.createTempDirectory(parent, prefix,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
    }

    Path path() {
        return dir;
    }

    /** The path of the instance's socket inside it. */
    Path socket() {
        return dir.resolve("device.sock");
    }

    /** Deletes the directory and whatever the program left in it. Never throws. */
    @Override
    public void close() {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Already gone, or vanishing while walked: either way nothing is left to delete.
        }
    }
}

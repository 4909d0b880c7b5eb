package org.migcert.adapters.vfiouser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A directory only this user can enter (mode 0700), holding one instance's socket: no other
 * user can connect to the device or replace its socket. Kept short under the temp directory
 * because a UNIX socket path has at most 107 bytes. Its name, {@code migcert-vfu-PID.START-N},
 * says which harness made it, so one left by a harness that died can be told from one in use.
 */
public final class PrivateDir implements AutoCloseable {
    static final String PREFIX = "migcert-vfu-";
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+\\.\\d+)-\\d+");

    private final Path dir;

    private PrivateDir(Path dir) {
        this.dir = dir;
    }

    public static PrivateDir create() throws IOException {
        return new PrivateDir(Files.createTempDirectory(PREFIX + Owner.current() + "-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
    }

    /** Where private directories are made. */
    static Path parent() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** The harness that made the directory at {@code path}, when it is one of these. */
    static Optional<Owner> owner(Path path) {
        Matcher m = NAME.matcher(path.getFileName().toString());
        return m.matches() ? Owner.parse(m.group(1)) : Optional.empty();
    }

    public Path path() {
        return dir;
    }

    /** The path of the instance's socket inside it. */
    public Path socket() {
        return dir.resolve("device.sock");
    }

    /** Deletes the directory and whatever the program left in it. Never throws. */
    @Override
    public void close() {
        delete(dir);
    }

    /** Deletes {@code dir} and everything in it; never throws. */
    static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Already gone, or vanishing while walked: either way nothing is left to delete.
        }
    }
}

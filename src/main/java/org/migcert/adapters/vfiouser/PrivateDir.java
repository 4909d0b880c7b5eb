package org.migcert.adapters.vfiouser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.migcert.adapter.FileTrees;

/**
 * A directory only this user can enter (mode 0700), holding device sockets: no other user can
 * connect to a device or replace its socket. In the temp directory its name says which harness
 * made it, so one left by a harness that died can be told from one in use: {@code
 * migcert-vfu-PID.START-N} holds one instance's socket, {@code migcert-ctr-PID.START-N} the
 * sockets of one implementation whose programs run in a container, each instance's in a
 * directory {@code iN} inside it. A UNIX socket path has at most {@value #MAX_SOCKET_PATH} bytes,
 * so a directory is made only where the longest socket path it can hold fits.
 */
public final class PrivateDir implements AutoCloseable {
    static final String PREFIX = "migcert-vfu-";
    static final String CONTAINER_PREFIX = "migcert-ctr-";
    /** Inside a container implementation's directory: the outer name already says whose it is, and every byte counts. */
    static final String NESTED_PREFIX = "i";
    /** The longest path a UNIX socket can be bound to: {@code sun_path} is 108 bytes with its NUL. */
    static final int MAX_SOCKET_PATH = 107;
    /** The most {@link Files#createTempDirectory} appends to a prefix: an unsigned 64-bit number in decimal. */
    static final String LONGEST_RANDOM = "18446744073709551615";
    private static final String SOCKET = "device.sock";
    private static final Pattern NAME = Pattern.compile("(?:" + Pattern.quote(PREFIX) + "|"
            + Pattern.quote(CONTAINER_PREFIX) + ")(\\d+\\.\\d+)-\\d+");

    private final Path dir;

    private PrivateDir(Path dir) {
        this.dir = dir;
    }

    /** How an implementation makes the private directory of each new instance. */
    @FunctionalInterface
    interface Maker {
        PrivateDir make() throws IOException;
    }

    /** One instance's directory in the temp directory. */
    public static PrivateDir create() throws IOException {
        return top(parent(), false);
    }

    /** The directory of one container implementation's sockets, bind-mounted into its container; see {@link #inside}. */
    static PrivateDir forContainer() throws IOException {
        return top(parent(), true);
    }

    /** One instance's directory inside {@code outer} (made by {@link #forContainer()}). */
    static PrivateDir inside(PrivateDir outer) throws IOException {
        // Unchecked: forContainer() made sure that the longest socket path in here fits.
        return make(outer.path(), NESTED_PREFIX);
    }

    /**
     * A directory in {@code parent} named after this harness, once it is sure that the longest
     * socket path it can hold fits in a socket address.
     *
     * @throws IOException naming the path and the fix when it would not fit
     */
    static PrivateDir top(Path parent, boolean container) throws IOException {
        Path worst = longestSocket(parent, Owner.current(), container);
        int bytes = worst.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_SOCKET_PATH) {
            throw new IOException("a device socket could be " + worst + ", " + bytes + " bytes, more than the "
                    + MAX_SOCKET_PATH + " a UNIX socket path may have; give java.io.tmpdir a shorter directory"
                    + " than " + parent);
        }
        return make(parent, (container ? CONTAINER_PREFIX : PREFIX) + Owner.current() + "-");
    }

    /**
     * The longest socket path in a directory that {@code owner} makes in {@code parent}: in an
     * instance's own directory, or in one of the instance directories inside a container
     * implementation's.
     */
    static Path longestSocket(Path parent, Owner owner, boolean container) {
        Path dir = parent.toAbsolutePath().resolve((container ? CONTAINER_PREFIX : PREFIX) + owner + "-"
                + LONGEST_RANDOM);
        return (container ? dir.resolve(NESTED_PREFIX + LONGEST_RANDOM) : dir).resolve(SOCKET);
    }

    private static PrivateDir make(Path parent, String prefix) throws IOException {
        return new PrivateDir(Files.createTempDirectory(parent, prefix,
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
        return dir.resolve(SOCKET);
    }

    /** Deletes the directory and whatever the program left in it. Never throws. */
    @Override
    public void close() {
        delete(dir);
    }

    /** Deletes {@code dir} and everything in it; never throws. */
    static void delete(Path dir) {
        FileTrees.deleteQuietly(dir);
    }
}

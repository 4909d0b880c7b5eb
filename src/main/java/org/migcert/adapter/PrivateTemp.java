package org.migcert.adapter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A private scratch directory (owner-only, as {@link Files#createTempDirectory} makes it), removed
 * with everything in it when closed. Symbolic links inside are removed, never followed. For work on
 * untrusted or fetched files (a bundle, Allure's archive); a device's sockets have their own,
 * named after the harness that made them so a dead run's can be found (the vfio-user adapter's).
 */
public final class PrivateTemp implements AutoCloseable {
    private final Path dir;

    private PrivateTemp(Path dir) {
        this.dir = dir;
    }

    /** A new scratch directory in the system's temporary directory. */
    public static PrivateTemp create(String prefix) throws IOException {
        return new PrivateTemp(Files.createTempDirectory(prefix));
    }

    /** A new scratch directory inside {@code parent} (on its file system, so its contents can be renamed into place). */
    public static PrivateTemp in(Path parent, String prefix) throws IOException {
        Files.createDirectories(parent);
        return new PrivateTemp(Files.createTempDirectory(parent, prefix));
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            FileTrees.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the scratch directory " + dir, e);
        }
    }
}

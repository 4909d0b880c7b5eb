package org.migcert.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.migcert.manifest.ManifestException;

/**
 * An exclusive lock on an output directory, held for the whole run: a second run with the same
 * {@code --out} is refused before it starts anything, instead of interleaving its results with the
 * first one's. The operating system drops the lock when the process dies, even by SIGKILL.
 */
final class OutputLock implements AutoCloseable {
    static final String FILE = ".migcert.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates {@code dir} if needed and locks it.
     *
     * @throws ManifestException (a usage error) when the directory cannot be written or another run holds it
     */
    static OutputLock acquire(Path dir) throws ManifestException {
        Path file = dir.resolve(FILE);
        FileChannel ch;
        try {
            Files.createDirectories(dir);
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            throw new ManifestException("--out " + dir + ": cannot write there (" + e + "); choose a writable directory");
        }
        try {
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                l = null; // this JVM already runs there
            }
            if (l == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                ch.close();
                throw new ManifestException("--out " + dir + " is in use by another migcert run (" + holder
                        + "); wait for it to finish or choose another --out");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", started " + Instant.now())
                    .getBytes(StandardCharsets.UTF_8)));
            return new OutputLock(ch, l);
        } catch (IOException e) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw new ManifestException("--out " + dir + ": cannot lock " + file + " (" + e + ")");
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}

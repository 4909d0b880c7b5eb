package org.migcert.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Rewrites a file over the bytes it already has, for the many small files a run writes again at every
 * run into the same directory (Allure's results). Not truncated to nothing first: on ext4 a file
 * truncated to nothing gives its blocks back, and written again it is forced out to disk when closed
 * (auto_da_alloc, the guard for programs that replace files without fsync); that was two thirds of a
 * warm run's kernel time. Like any plain write, a crash midway can leave a mixed file: these files are
 * rebuilt from {@code results.jsonl} by {@code report --from}.
 */
final class InPlaceFile {
    private InPlaceFile() {
    }

    /** Makes {@code file} hold exactly {@code bytes}: written over its old bytes, then cut to their length. */
    static void write(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            if (ch.size() > bytes.length) {
                ch.truncate(bytes.length);
            }
        }
    }

    /** Whether {@code file} is a regular file of {@code size} bytes (one stat). */
    static boolean holds(Path file, long size) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.isRegularFile() && a.size() == size;
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}

package org.migcert.adapter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removal of a directory and everything in it, deepest first, without following symbolic links. */
public final class FileTrees {
    private FileTrees() {
    }

    /** Deletes {@code dir} and its content; nothing to do when it is already gone. */
    public static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (NoSuchFileException e) {
            // already gone
        }
    }

    /**
     * Deletes what it can of {@code dir}, going on past what it cannot; never throws (for clean-up
     * paths that must go on, where whoever needs the directory gone checks it).
     */
    public static void deleteQuietly(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // already gone, or vanishing while walked
        }
    }
}

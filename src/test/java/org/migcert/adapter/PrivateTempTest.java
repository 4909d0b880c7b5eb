package org.migcert.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scratch directory is the owner's alone and goes with everything in it when closed; a symbolic
 * link inside is removed, and what it points at is left alone.
 */
class PrivateTempTest {
    @Test
    void ownerOnlyAndRemovedWithItsContentButNotWhatALinkPointsAt(@TempDir Path outside) throws Exception {
        Path kept = Files.writeString(outside.resolve("kept.txt"), "not the scratch directory's");
        Path dir;
        try (PrivateTemp t = PrivateTemp.in(outside.resolve("parent"), "scratch-")) {
            dir = t.dir();
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            Files.writeString(Files.createDirectories(dir.resolve("a/b")).resolve("c.txt"), "x");
            Files.createSymbolicLink(dir.resolve("link"), outside);
        }
        assertFalse(Files.exists(dir), "removed");
        assertTrue(Files.isRegularFile(kept), "a link's target is never followed");
    }
}

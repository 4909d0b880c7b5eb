package org.migcert.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDigestsTest {
    @TempDir
    Path tmp;

    @Test
    void aFileIsHashedOnceAndAgainWhenItChanges() throws IOException {
        Path cache = tmp.resolve("cache");
        Path jar = Files.writeString(tmp.resolve("code.jar"), "first");
        assertEquals(Sha256.ofFile(jar), new FileDigests(cache, Duration.ZERO).of(jar));
        try (var entries = Files.list(cache)) {
            assertEquals(1, entries.count(), "one cache entry per file state");
        }

        // A planted entry for the file's current state is believed: the cache is what a later run reads.
        String planted = "sha256:" + "0".repeat(64);
        String key = FileDigests.key(jar).orElseThrow();
        Files.writeString(cache.resolve(Sha256.of(key).substring("sha256:".length())), planted + "\n" + key + "\n");
        assertEquals(Optional.of(planted), new FileDigests(cache, Duration.ZERO).of(jar));

        // Rewritten in place: hashed again.
        Files.writeString(jar, "second");
        Optional<String> fresh = new FileDigests(cache, Duration.ZERO).of(jar);
        assertEquals(Sha256.ofFile(jar), fresh);
        assertNotEquals(Optional.of(planted), fresh);
    }

    @Test
    void theCacheKeepsItsNewestEntriesOnly() throws IOException {
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        for (int i = 0; i < FileDigests.MAX_ENTRIES + 5; i++) {
            Path old = Files.writeString(cache.resolve("old" + i), "x");
            Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(1_000_000L + i));
        }
        Path jar = Files.writeString(tmp.resolve("code.jar"), "text");
        new FileDigests(cache, Duration.ZERO).of(jar);
        try (var entries = Files.list(cache)) {
            assertEquals(FileDigests.MAX_ENTRIES, entries.count());
        }
        assertFalse(Files.exists(cache.resolve("old0")), "the oldest went");
        assertTrue(Files.exists(cache.resolve(Sha256.of(FileDigests.key(jar).orElseThrow()).substring(7))), "the new one stays");
    }

    @Test
    void aFileChangedJustNowIsNotKept() throws IOException {
        Path cache = tmp.resolve("cache");
        Path jar = Files.writeString(tmp.resolve("code.jar"), "fresh");
        assertEquals(Sha256.ofFile(jar), new FileDigests(cache, Duration.ofHours(1)).of(jar));
        assertFalse(Files.exists(cache), "a digest of a file that may still be changing is not kept");
    }

    @Test
    void aDamagedOrForeignEntryIsIgnored() throws IOException {
        Path cache = tmp.resolve("cache");
        Path jar = Files.writeString(tmp.resolve("code.jar"), "text");
        String key = FileDigests.key(jar).orElseThrow();
        Files.createDirectories(cache);
        Path entry = cache.resolve(Sha256.of(key).substring("sha256:".length()));
        Files.writeString(entry, "sha256:nothex\n" + key + "\n");
        assertEquals(Sha256.ofFile(jar), new FileDigests(cache, Duration.ZERO).of(jar));
        Files.writeString(entry, "sha256:" + "1".repeat(64) + "\nanother file\n");
        assertEquals(Sha256.ofFile(jar), new FileDigests(cache, Duration.ZERO).of(jar));
    }

    @Test
    void anUnwritableCacheOnlyCostsTheHashing() throws IOException {
        Path notADir = Files.writeString(tmp.resolve("file"), "x");
        Path jar = Files.writeString(tmp.resolve("code.jar"), "text");
        assertEquals(Sha256.ofFile(jar), new FileDigests(notADir.resolve("cache"), Duration.ZERO).of(jar));
        assertEquals(Optional.empty(), new FileDigests(tmp.resolve("cache"), Duration.ZERO).of(tmp.resolve("missing.jar")));
    }
}

package org.migcert.allure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unpacking an archive that is not trusted: names that escape, too many entries, too many bytes. */
class SafeUnzipTest {
    @TempDir
    Path tmp;

    @Test
    void unpacksDirectoriesAndFiles() throws IOException {
        Path zip = zip(Map.of("a/", new byte[0], "a/b/c.txt", "hello".getBytes()));
        Path into = Files.createDirectories(tmp.resolve("into"));
        SafeUnzip.unpack(zip, into);
        assertEquals("hello", Files.readString(into.resolve("a/b/c.txt")));
    }

    @Test
    void refusesNamesThatLeaveTheDirectory() throws IOException {
        for (String name : new String[] {"../evil.txt", "a/../../evil.txt", "/tmp/evil.txt"}) {
            Path into = Files.createDirectories(tmp.resolve("into-" + Math.abs(name.hashCode())));
            IOException e = assertThrows(IOException.class, () -> SafeUnzip.unpack(zip(Map.of(name, new byte[1])), into));
            assertTrue(e.getMessage().contains("'" + name + "' would be written outside"), e.getMessage());
        }
        assertFalse(Files.exists(tmp.resolve("evil.txt")));
    }

    @Test
    void boundsEntriesAndInflatedBytes() throws IOException {
        Path into = Files.createDirectories(tmp.resolve("into"));
        Path many = zip(Map.of("1", new byte[1], "2", new byte[1], "3", new byte[1]));
        assertTrue(assertThrows(IOException.class, () -> SafeUnzip.unpack(many, into, 2, 1 << 20)).getMessage()
                .contains("more than 2 entries"));
        // A megabyte of zeros compresses to about a kilobyte: the bound counts what is inflated.
        Path bomb = zip(Map.of("zeros", new byte[1 << 20]));
        assertTrue(Files.size(bomb) < 64 * 1024);
        Path other = Files.createDirectories(tmp.resolve("other"));
        assertTrue(assertThrows(IOException.class, () -> SafeUnzip.unpack(bomb, other, 10, 1000)).getMessage()
                .contains("more than 1000 bytes once unpacked (at zeros)"));
    }

    private Path zip(Map<String, byte[]> entries) throws IOException {
        Path zip = Files.createTempFile(tmp, "t", ".zip");
        try (OutputStream f = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(f)) {
            for (var e : new java.util.TreeMap<>(entries).entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return zip;
    }
}

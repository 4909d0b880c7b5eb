package org.migcert.adapters.vfiouser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every socket path a private directory can hold fits in a UNIX socket address (107 bytes), for
 * a vfio-user instance and for an instance in a container implementation's directory, with the
 * longest names the harness can give them; a temp directory too deep for that is refused before
 * anything is made; and a container implementation's directory names its owner, so a dead run's
 * is found.
 */
class PrivateDirTest {
    /** The largest pid Linux hands out (2^22) and a start 31 years after boot at 100 ticks a second. */
    private static final Owner LONGEST_OWNER = new Owner(4_194_304, 99_999_999_999L);

    @Test
    void theLongestSocketPathsFitUnderTmp() {
        for (boolean container : List.of(false, true)) {
            Path longest = PrivateDir.longestSocket(Path.of("/tmp"), LONGEST_OWNER, container);
            assertTrue(bytes(longest) <= PrivateDir.MAX_SOCKET_PATH, longest + ": " + bytes(longest) + " bytes");
        }
    }

    @Test
    void realSocketPathsAreNoLongerThanTheLongestOnesAndNameTheirOwner() throws IOException {
        try (PrivateDir single = PrivateDir.create(); PrivateDir container = PrivateDir.forContainer()) {
            assertTrue(bytes(single.socket()) <= bytes(PrivateDir.longestSocket(PrivateDir.parent(), Owner.current(),
                    false)), single.socket().toString());
            try (PrivateDir nested = PrivateDir.inside(container)) {
                assertEquals(container.path(), nested.path().getParent());
                assertTrue(bytes(nested.socket()) <= bytes(PrivateDir.longestSocket(PrivateDir.parent(),
                        Owner.current(), true)), nested.socket().toString());
                assertTrue(bytes(nested.socket()) <= PrivateDir.MAX_SOCKET_PATH, nested.socket().toString());
            }
            assertEquals(Owner.current(), PrivateDir.owner(single.path()).orElseThrow());
            assertEquals(Owner.current(), PrivateDir.owner(container.path()).orElseThrow());
            assertEquals("rwx------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(container.path())));
        }
    }

    @Test
    void aTempDirectoryTooDeepForASocketIsRefusedBeforeAnythingIsMade(@TempDir Path tmp) throws IOException {
        Path deep = Files.createDirectories(tmp.resolve("d".repeat(60)));
        IOException e = assertThrows(IOException.class, () -> PrivateDir.top(deep, true));
        assertTrue(e.getMessage().contains("more than the 107") && e.getMessage().contains("java.io.tmpdir"),
                e.getMessage());
        try (Stream<Path> made = Files.list(deep)) {
            assertEquals(List.of(), made.toList());
        }
    }

    private static int bytes(Path p) {
        return p.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}

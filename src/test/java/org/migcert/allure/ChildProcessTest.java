package org.migcert.allure;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child program under a deadline: its exit status and output tail, and nothing of it left after the deadline. */
class ChildProcessTest {
    @TempDir
    Path tmp;

    @Test
    void keepsTheExitStatusTheTailOfTheOutputAndTheEnvironment() throws Exception {
        ChildProcess.Ended end = ChildProcess.run(List.of("sh", "-c", "echo \"$GREETING\"; echo oops >&2; exit 3"), tmp,
                Map.of("GREETING", "hello"), Duration.ofSeconds(30), tmp.resolve("log"));
        assertEquals(3, end.exit());
        assertFalse(end.timedOut() || end.succeeded());
        assertEquals("hello\noops", end.tail());
    }

    @Test
    void quotesOnlyTheLastKilobytesOfALongOutput() throws Exception {
        ChildProcess.Ended end = ChildProcess.run(List.of("sh", "-c", "seq 1 100000"), tmp, Map.of(),
                Duration.ofSeconds(30), tmp.resolve("log"));
        assertTrue(end.succeeded());
        assertTrue(end.tail().startsWith("...") && end.tail().endsWith("\n100000"), end.tail().substring(0, 20));
        assertTrue(end.tail().length() <= ChildProcess.TAIL_BYTES + 3);
    }

    @Test
    void aChildPastItsDeadlineIsKilledWithItsChildren() throws Exception {
        Path pids = tmp.resolve("pids");
        ChildProcess.Ended end = ChildProcess.run(List.of("sh", "-c", "sleep 60 & echo $! > " + pids + "; wait"), tmp,
                Map.of(), Duration.ofMillis(500), tmp.resolve("log"));
        assertTrue(end.timedOut());
        long grandchild = Long.parseLong(Files.readString(pids).strip());
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(grandchild).map(h -> !h.isAlive()).orElse(true));
    }

    @Test
    void aProgramThatCannotStartIsAnIOException() {
        Path missing = tmp.resolve("no-such-program");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> ChildProcess.run(
                List.of(missing.toString()), tmp, Map.of(), Duration.ofSeconds(5), tmp.resolve("log")));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }
}

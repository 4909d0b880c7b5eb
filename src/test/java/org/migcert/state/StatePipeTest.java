package org.migcert.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.migcert.adapter.DeviceFailedException;

/**
 * The state pipe moves every byte in order, reports failures in stream order with the side that
 * failed, leaves no thread behind, and holds a bounded amount whatever the state's size.
 */
class StatePipeTest {
    private static final int CHUNK = StateStreams.CHUNK;
    private static final int BIG = StatePipe.PIPELINED_CHUNK;

    @AfterEach
    void noReaderLeft() {
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("migcert-state-pipe")),
                "a state reader thread outlived its copy");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2L * CHUNK, CHUNK + BIG, CHUNK + BIG + 1,
            5L * CHUNK + 7, CHUNK + 3L * BIG})
    void movesEveryByteInOrder(long size) throws Exception {
        DataChannel src = new DataChannel(size, -1);
        DataChannel dst = new DataChannel(0, -1);
        assertEquals(size, StatePipe.copy(src, dst));
        assertEquals(size, dst.received);
        // One read per chunk (the first small, the rest large) plus the short one that ends the stream
        // (a state of whole chunks ends with an empty read).
        assertEquals(size < CHUNK ? 1 : 1 + (size - CHUNK) / BIG + 1, src.calls());
    }

    @Test
    void aSourceFailureComesAfterEveryChunkReadBeforeIt() {
        DataChannel src = new DataChannel(CHUNK + 10L * BIG, 4);
        DataChannel dst = new DataChannel(0, -1);
        StatePipe.SourceFailed e = assertThrows(StatePipe.SourceFailed.class, () -> StatePipe.copy(src, dst));
        assertTrue(e.getCause().getMessage().contains("failed on call 4"), e.getMessage());
        assertEquals(CHUNK + 3L * BIG, dst.received, "the four chunks before the failure were written");
    }

    @Test
    void aDestinationFailureStopsTheReadingAndIsTheDestinations() {
        DataChannel src = new DataChannel(100L * BIG, -1);
        DataChannel dst = new DataChannel(0, 2);
        DeviceFailedException e = assertThrows(DeviceFailedException.class, () -> StatePipe.copy(src, dst));
        assertTrue(e.getMessage().contains("failed on call 2"), e.getMessage());
        assertEquals(CHUNK + BIG, dst.received);
        // Read ahead at most by the chunks in flight, never to the end of the state.
        assertTrue(src.calls() <= 3 + StatePipe.DEPTH, "source read " + src.calls() + " times");
    }

    /**
     * 256 MiB through a JVM whose whole heap is 24 MiB: it completes only if nothing along the way
     * (client, server, pipe, devices) holds the state. Not a timing assertion.
     */
    @Test
    void aStateTenTimesTheHeapMovesThroughVfioUser() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process p = new ProcessBuilder(java, "-Xmx24m", "-cp", System.getProperty("java.class.path"),
                "org.migcert.bench.VfioUserBench", "--seconds", "0.05", "--state-mib", "256", "--repeat", "1")
                .redirectErrorStream(true).redirectInput(new File("/dev/null")).start();
        byte[] out;
        try {
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the bench did not finish");
            out = p.getInputStream().readAllBytes();
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        for (String row : List.of("MIG_DATA_READ (STOP_COPY), 256 MiB", "MIG_DATA_WRITE (RESUMING), 256 MiB",
                "source -> destination (StatePipe), 256 MiB", "of 24 MiB")) {
            assertTrue(text.contains(row), row + " missing:\n" + text);
        }
    }
}

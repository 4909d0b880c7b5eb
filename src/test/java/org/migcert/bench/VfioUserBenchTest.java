package org.migcert.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Smoke test: the bench runs briefly with a tiny state, moves every byte (it checks the counts itself
 * and fails otherwise) and prints positive numbers; no timing is asserted.
 */
class VfioUserBenchTest {
    private static final Pattern NUMBER = Pattern.compile("(\\d+(?:\\.\\d+)?) (round trips/s|MB/s)");

    @Test
    void printsSaneNumbers() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = VfioUserBench.run(new String[] {"--seconds", "0.5", "--state-mib", "4"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        assertTrue(text.contains("cores"), text);
        Matcher m = NUMBER.matcher(text);
        int found = 0;
        while (m.find()) {
            double v = Double.parseDouble(m.group(1));
            assertTrue(v > 0 && Double.isFinite(v), m.group());
            found++;
        }
        assertEquals(5, found, text);
        assertTrue(Pattern.compile("source -> destination / raw copy +\\d+%").matcher(text).find(), text);
        assertTrue(Pattern.compile("the same, per processor second +\\d+%").matcher(text).find(), text);
        assertTrue(Pattern.compile("read alone \\+ write alone, per processor second +\\d+%").matcher(text).find(), text);
        assertTrue(text.contains("heap while moving the state"), text);
    }

    @Test
    void badUsageExitsTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(2, VfioUserBench.run(new String[] {"--state-mib", "0"}, sink,
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage"));
    }

    @Test
    void patternStreamGivesTheSameBytesAsAChannel() {
        int n = PatternStream.BLOCK + 300;
        byte[] viaArray = new byte[n];
        assertEquals(n, new PatternStream(n).read(viaArray, 0, n));
        PatternStream channel = new PatternStream(n);
        ByteBuffer direct = ByteBuffer.allocateDirect(n + 10);
        assertEquals(1000, channel.read(direct.limit(1000)));
        assertEquals(n - 1000, channel.read(direct.limit(n + 10)));
        assertEquals(-1, channel.read(direct.limit(n + 10)));
        byte[] viaChannel = new byte[n];
        direct.flip().get(viaChannel);
        assertArrayEquals(viaArray, viaChannel);
    }

    @Test
    void patternStreamIsDeterministicAcrossBlockBoundaries() {
        PatternStream s = new PatternStream(PatternStream.BLOCK + 10L);
        byte[] all = new byte[PatternStream.BLOCK + 10];
        int n = s.read(all, 0, all.length);
        assertEquals(all.length, n);
        assertEquals(-1, s.read(all, 0, 1));
        byte[] tail = new byte[10];
        PatternStream.fill(tail, 0, 10, PatternStream.BLOCK);
        for (int i = 0; i < 10; i++) {
            assertEquals(all[i], tail[i]);
        }
    }
}

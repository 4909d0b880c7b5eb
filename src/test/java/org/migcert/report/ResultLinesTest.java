package org.migcert.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The byte lines of a results file are the lines {@link BufferedReader#readLine} gives, with their
 * numbers: every line terminator, blank and empty lines, non-ASCII text, malformed UTF-8 and lines
 * longer than the read buffer.
 */
class ResultLinesTest {
    @Test
    void linesAreThoseOfReadLine() throws Exception {
        byte[] tricky = ("{\"a\":1}\n\n  \r\n{\"b\":\"\u2192\"}\r{\"c\":2}\r\r\n\u00e9"
                + "x".repeat(200_000) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] malformed = {'{', '"', (byte) 0xe2, '\n', (byte) 0xc0, (byte) 0x80, '\r'};
        assertSame(tricky);
        assertSame(malformed);
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] b = new byte[random.nextInt(300)];
            for (int j = 0; j < b.length; j++) {
                byte[] alphabet = {'\n', '\r', ' ', 'a', '{', (byte) 0xe2, (byte) 0x86, (byte) 0x92, (byte) 0xff};
                b[j] = alphabet[random.nextInt(alphabet.length)];
            }
            assertSame(b);
        }
    }

    @Test
    void asciiAndBlankAreTold() throws Exception {
        ResultLines l = new ResultLines(new ByteArrayInputStream(" \t\u000b\n\u00e9\n{\"record\":1}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(l.next());
        assertTrue(l.isAscii() && l.isBlankAscii());
        assertTrue(l.next());
        assertFalse(l.isAscii());
        assertTrue(l.next());
        assertTrue(l.startsWith("{\"record\"") && !l.isBlankAscii());
        assertFalse(l.next());
    }

    private static void assertSame(byte[] content) throws Exception {
        List<String> expected = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(content),
                StandardCharsets.UTF_8))) {
            for (String s = r.readLine(); s != null; s = r.readLine()) {
                expected.add(s);
            }
        }
        List<String> actual = new ArrayList<>();
        try (ResultLines l = new ResultLines(new ByteArrayInputStream(content))) {
            while (l.next()) {
                actual.add(l.text());
            }
        }
        assertEquals(expected, actual);
    }
}
